// The graph cache after edits, on a real repository: in a clone, Go files of the binaries'
// packages are edited one at a time, first below their header (a comment appended: the header
// check keeps the facts), then in their header (a blank import of "unsafe" after the package
// clause: a rescan), then restored. After each edit the plugin's projects from its warm cache
// must equal those of a cold run with no cache; the times show what each path costs.
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pluginBinaries, type OracleBuild, type PluginBinary } from '../../test-support/go-inputs-oracle';
import { median } from '../measure';
import { benchRoot, exec } from '../graph/process';

export interface EditCheck {
  files: number;
  /** Edits after which the warm projects differed from the cold ones: must be empty. */
  mismatches: string[];
  /** Medians, ms: the warm run after a body edit, after a header edit, and a cold run. */
  bodyMs: number;
  headerMs: number;
  coldMs: number;
}

const EDITS = {
  body: (text: string): string => `${text}\n// go-pgo edit check\n`,
  header: (text: string): string => text.replace(/^package \w+.*$/m, (clause) => `${clause}\n\nimport _ "unsafe"\n`),
} as const;

/** Edits `count` files (one per package directory, spread over them) of a clone of `checkout`. */
export async function editCheck(checkout: string, build: OracleBuild, count: number, env: NodeJS.ProcessEnv): Promise<EditCheck> {
  const root = path.join(benchRoot, `edits-${path.basename(checkout)}`);
  rmSync(root, { recursive: true, force: true });
  exec('git', ['clone', '-q', '--no-hardlinks', checkout, root], { cwd: benchRoot, env });
  const workspace = realpathSync(root);
  const data = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-edit-check-'));
  const times = { body: [] as number[], header: [] as number[], cold: [] as number[] };
  const mismatches: string[] = [];
  try {
    const files = pickFiles(workspace, await pluginBinaries(workspace, build, data), count);
    for (const file of files) {
      const absolute = path.join(workspace, file);
      const original = readFileSync(absolute, 'utf8');
      for (const [kind, edit] of [...Object.entries(EDITS), ['restored', () => original] as const]) {
        writeFileSync(absolute, edit(original));
        let started = performance.now();
        const warm = await pluginBinaries(workspace, build, data);
        if (kind === 'body' || kind === 'header') times[kind].push(performance.now() - started);
        started = performance.now();
        const cold = await pluginBinaries(workspace, build);
        times.cold.push(performance.now() - started);
        if (JSON.stringify(warm) !== JSON.stringify(cold)) mismatches.push(`${file} (${kind})`);
      }
    }
    return { files: files.length, mismatches, bodyMs: median(times.body), headerMs: median(times.header), coldMs: median(times.cold) };
  } finally {
    rmSync(data, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  }
}

/** The first non-test .go file of `count` package directories named by the binaries' inputs, evenly spread. */
function pickFiles(root: string, binaries: PluginBinary[], count: number): string[] {
  const dirs = new Set<string>();
  for (const binary of binaries) {
    for (const input of binary.inputs) {
      const glob = typeof input === 'string' ? input : input.fileset;
      const match = glob === undefined ? null : /^\{workspaceRoot\}\/(.+)\/\*\.go$/.exec(glob);
      if (match) dirs.add(match[1]!);
    }
  }
  const sorted = [...dirs].sort();
  const step = Math.max(1, Math.floor(sorted.length / count));
  return sorted
    .filter((_, i) => i % step === 0)
    .slice(0, count)
    .flatMap((dir) => {
      const listing = exec('git', ['ls-files', '--', `${dir}/*.go`], { cwd: root, env: process.env }).stdout.split('\n');
      const first = listing.find((file) => file !== '' && path.posix.dirname(file) === dir && !file.endsWith('_test.go') && !/^[_.]/.test(path.posix.basename(file)));
      return first === undefined ? [] : [first];
    });
}
