// Each capture source of pgo.yaml in one line of Markdown, for the runbook.
import type { SourceConfig } from '@go-pgo/core';

export function describeSource(source: SourceConfig, relative: (file: string) => string): string {
  const named = source.name === source.kind ? '' : ` (named \`${source.name}\`)`;
  switch (source.kind) {
    case 'http':
      return `net/http/pprof endpoints${named}: ${source.urls.map((url) => `\`${url}${source.path}\``).join(', ')}`;
    case 'kubernetes':
      return `Kubernetes pods${named}: namespace \`${source.namespace}\`, selector \`${source.selector}\`, port ${source.port}, at most ${source.maxPods} pods${source.context === undefined ? '' : `, context \`${source.context}\``}`;
    case 'pyroscope':
      return `Pyroscope${named}: ${source.url}, query \`${source.query}\`, from \`${source.from}\` to \`${source.until}\``;
    case 'parca':
      return `Parca${named}: ${source.url}, query \`${source.query}\`, from \`${source.from}\` to \`${source.until}\``;
    case 'gcp':
      return `Google Cloud Profiler${named}: project \`${source.project}\`, service \`${source.service}\`${source.version === undefined ? '' : `, version \`${source.version}\``}`;
    case 'file':
      return `profiles on disk${named}: ${source.paths.map((p) => `\`${relative(p)}\``).join(', ')}`;
    case 'bench':
      return `Go benchmarks${named}: \`go test -bench ${source.bench} -benchtime ${source.benchtime}\` in ${source.packages.map((p) => `\`${p}\``).join(', ')}`;
  }
}
