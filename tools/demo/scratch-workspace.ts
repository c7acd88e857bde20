// The workspace the demo runs Nx in: a copy of examples/ in a temporary directory, so the
// repository is never modified. Nx, @go-pgo/nx and their dependencies resolve through a
// node_modules symlink to the repository's own (npm ci installed them; @go-pgo/* there link to
// packages/*, built by `npm run build`). Nx's cache and workspace data stay inside the copy.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nestedRunEnv } from '../test-support/child-env';
import { repoRoot } from '../test-support/repo-root';
import { runInGroup, type GroupResult } from './process-group';

const EXAMPLES = path.join(repoRoot, 'examples');
/** What a run inside examples/ leaves behind (examples/.gitignore): never copied. */
const NOT_COPIED = new Set(['node_modules', 'dist', '.nx', '.pgo']);

export class DemoStepError extends Error {}

export class ScratchWorkspace {
  readonly env: NodeJS.ProcessEnv;

  private constructor(
    readonly root: string,
    private readonly write: (line: string) => void,
  ) {
    this.env = demoEnv(root);
  }

  /** Copies examples/ into a new temporary directory and links the repository's node_modules. */
  static async create(write: (line: string) => void): Promise<ScratchWorkspace> {
    const nodeModules = path.join(repoRoot, 'node_modules');
    if (!(await exists(path.join(nodeModules, '@go-pgo', 'nx', 'dist', 'index.js')))) {
      throw new DemoStepError(`${path.join(nodeModules, '@go-pgo', 'nx', 'dist')} is missing: run \`npm ci\` (or \`npm run build\`) in ${repoRoot} first`);
    }
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'go-pgo-demo-'));
    try {
      await fs.cp(EXAMPLES, root, { recursive: true, filter: (source) => path.dirname(source) !== EXAMPLES || !NOT_COPIED.has(path.basename(source)) });
      await fs.symlink(nodeModules, path.join(root, 'node_modules'), 'dir');
    } catch (error) {
      await fs.rm(root, { recursive: true, force: true });
      throw error;
    }
    return new ScratchWorkspace(root, write);
  }

  path(relative: string): string {
    return path.join(this.root, relative);
  }

  /** `nx <args>` in the workspace, its output streamed; a nonzero exit is a DemoStepError. */
  nx(args: readonly string[]): Promise<GroupResult> {
    return this.run(path.join(this.root, 'node_modules', '.bin', 'nx'), args, this.root);
  }

  /** `go <args>` in `dir` (workspace-relative). */
  go(args: readonly string[], dir: string): Promise<GroupResult> {
    return this.run('go', args, this.path(dir));
  }

  async dispose(): Promise<void> {
    await fs.rm(this.root, { recursive: true, force: true });
  }

  private async run(file: string, args: readonly string[], cwd: string): Promise<GroupResult> {
    const result = await runInGroup(file, args, { cwd, env: this.env, indent: '    │ ', write: this.write });
    if (result.exitCode !== 0) {
      const how = result.signal === null ? `exited with ${result.exitCode}` : `was stopped by ${result.signal}`;
      throw new DemoStepError(`\`${path.basename(file)} ${args.join(' ')}\` ${how} in ${cwd}: its output is above`);
    }
    return result;
  }
}

/** This shell's environment, minus what would steer Nx, npm or go build elsewhere. */
function demoEnv(root: string): NodeJS.ProcessEnv {
  return {
    ...nestedRunEnv(),
    // Inside the copy, whatever HOME is: a HOME-wide cache would keep every demo run's outputs.
    NX_CACHE_DIRECTORY: path.join(root, '.nx', 'cache'),
    NX_WORKSPACE_DATA_DIRECTORY: path.join(root, '.nx', 'workspace-data'),
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
