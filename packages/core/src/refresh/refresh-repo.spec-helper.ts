// For specs: a real git repository in a temp dir holding a Go workspace with one binary and a
// committed profile: a copy of examples/tools (the report CLI, its default.pgo, its pricing
// benchmarks) under a go.work that uses just that module. Its pgo.yaml captures from the pricing
// benchmarks for a short benchtime, so a real capture takes a few seconds (and gives fewer
// samples than production would: validate.minSamples is lowered to match). .pgo/captures/ is
// ignored, as @go-pgo/nx:init writes it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, promises as fs, readFileSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../../../tools/test-support/repo-root';

export const PROJECT = 'report';
export const BINARY_DIR = 'tools/cmd/report';
export const PROFILE = `${BINARY_DIR}/default.pgo`;
export const SIDECAR = `${PROFILE}.json`;
export const WRONG_WORKLOAD = `${BINARY_DIR}/testdata/wrong-workload.pgo`;

const PGO_YAML = `profile: default.pgo
capture:
  sources:
    - bench: { packages: [./internal/pricing], bench: ., benchtime: 300ms }
validate:
  # A 300ms-per-benchmark capture holds about 100 samples (fewer on a busy machine); production captures hold thousands.
  minSamples: 20
`;

export interface TestRepo {
  root: string;
  /** git in the repository; returns stdout. */
  git(...args: string[]): string;
  /** The first commit: the workspace with the original profile. */
  initial: string;
  /** Bytes of the committed profile as first committed. */
  originalProfile: Buffer;
}

export async function createTestRepo(): Promise<TestRepo> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-refresh-'));
  await fs.cp(path.join(repoRoot, 'examples', 'tools'), path.join(root, 'tools'), { recursive: true });
  await fs.writeFile(path.join(root, 'go.work'), 'go 1.24\n\nuse ./tools\n');
  await fs.writeFile(path.join(root, '.gitignore'), '.pgo/captures/\n');
  await fs.writeFile(path.join(root, BINARY_DIR, 'pgo.yaml'), PGO_YAML);
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trimEnd();
  git('init', '--quiet', '--initial-branch=main');
  git('config', 'user.name', 'go-pgo test');
  git('config', 'user.email', 'go-pgo@example.com');
  git('config', 'commit.gpgsign', 'false');
  git('add', '.');
  git('commit', '--quiet', '-m', 'workspace');
  return { root, git, initial: git('rev-parse', 'HEAD'), originalProfile: readFileSync(path.join(root, PROFILE)) };
}

/** Back to the first commit on main, no other branch, nothing uncommitted (captures stay). */
export function resetTestRepo(repo: TestRepo): void {
  repo.git('checkout', '--quiet', '--force', 'main');
  repo.git('reset', '--quiet', '--hard', repo.initial);
  repo.git('clean', '--quiet', '-fd');
  for (const branch of repo.git('branch', '--format=%(refname:short)').split('\n')) {
    if (branch !== 'main' && branch !== '') repo.git('branch', '--quiet', '-D', branch);
  }
}

export const removeTestRepo = (repo: TestRepo): Promise<void> => fs.rm(repo.root, { recursive: true, force: true });

/** What git says about the repository: HEAD, branch, branches, status. */
export function gitState(repo: TestRepo): { head: string; branch: string; branches: string; status: string } {
  return {
    head: repo.git('rev-parse', 'HEAD'),
    branch: repo.git('symbolic-ref', '--short', 'HEAD'),
    branches: repo.git('branch', '--format=%(refname:short)'),
    status: repo.git('status', '--porcelain'),
  };
}

/** A directory holding only git and go, for a PATH without gh; the caller removes it. */
export function pathWithoutGh(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-bin-'));
  for (const tool of ['git', 'go']) symlinkSync(execFileSync('which', [tool], { encoding: 'utf8' }).trim(), path.join(dir, tool));
  return dir;
}
