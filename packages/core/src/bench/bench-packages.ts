// Which packages pgo-bench compiles: the configured patterns (`./internal/svc/...`) expanded
// by `go list` in the binary's module, as go itself would, keeping packages that have tests.
import { GoCommandError, runGo } from '../build/go-command';
import { BenchError } from './bench-error';

export interface BenchPackage {
  /** e.g. example.com/shop/tools/internal/pricing */
  importPath: string;
  /** Absolute: the test binary runs here, as `go test` runs it. */
  dir: string;
}

/** Expands `patterns` in `moduleRoot`; `env` is go's environment (GOWORK, GOFLAGS…). */
export async function resolveBenchPackages(patterns: string[], moduleRoot: string, env?: NodeJS.ProcessEnv): Promise<BenchPackage[]> {
  if (patterns.length === 0) {
    throw new BenchError('bad-option', 'no benchmark packages: set bench.packages in pgo.yaml (e.g. [./internal/...]) or pass --package');
  }
  let listed: string;
  try {
    // -e: a pattern that matches nothing must come back as an answer we can word, not as go's error.
    listed = await runGo(['list', '-e', '-f', '{{.ImportPath}}\t{{.Dir}}\t{{len .TestGoFiles}}\t{{len .XTestGoFiles}}\t{{if .Error}}{{.Error}}{{end}}', '--', ...patterns], {
      cwd: moduleRoot,
      env,
    });
  } catch (error) {
    if (error instanceof GoCommandError && error.code === 'go-failed') {
      throw new BenchError('go-failed', `${patterns.join(' ')}: ${error.message}`, { cause: error });
    }
    throw error;
  }
  const packages: BenchPackage[] = [];
  for (const line of listed.split('\n').filter((l) => l !== '')) {
    const [importPath = '', dir = '', tests = '0', xtests = '0', problem = ''] = line.split('\t');
    if (problem !== '') throw new BenchError('no-benchmarks', `bench package ${importPath}: ${problem}: fix bench.packages or the package`);
    if (Number(tests) + Number(xtests) > 0) packages.push({ importPath, dir });
  }
  if (packages.length === 0) {
    throw new BenchError('no-benchmarks', `bench packages ${patterns.join(' ')}: no package with _test.go files matches in ${moduleRoot}: point bench.packages at the packages holding the benchmarks`);
  }
  return packages;
}
