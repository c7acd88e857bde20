// go-pgo rollback on a real git repository (refresh-repo.spec-helper.ts) whose profile history
// is made of real profiles: the report CLI's default.pgo, then another real profile committed
// over it with a sidecar.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BINARY_DIR, createTestRepo, gitState, PROFILE, removeTestRepo, resetTestRepo, SIDECAR, WRONG_WORKLOAD, type TestRepo } from '../refresh/refresh-repo.spec-helper';
import { rollbackCommand } from './rollback';
import { captureIo } from './run-cli.spec-helper';

let repo: TestRepo;

beforeAll(async () => {
  repo = await createTestRepo();
});
afterAll(() => removeTestRepo(repo));
beforeEach(() => {
  // A profile change as a refresh commits it: another real profile plus its sidecar.
  writeFileSync(path.join(repo.root, PROFILE), readFileSync(path.join(repo.root, WRONG_WORKLOAD)));
  writeFileSync(path.join(repo.root, SIDECAR), '{"version":1}\n');
  repo.git('add', PROFILE, SIDECAR);
  repo.git('commit', '--quiet', '-m', 'pgo: refresh report profile (2026-11-22)');
});
afterEach(() => resetTestRepo(repo));

const rollback = async (...args: string[]) => {
  const io = captureIo(repo.root);
  const code = await rollbackCommand.run([BINARY_DIR, ...args], io);
  return { code, ...io.out };
};

test('reverts the last commit of the profile: the previous profile comes back byte for byte', async () => {
  const refreshed = repo.git('rev-parse', 'HEAD');
  const { code, stdout } = await rollback();
  expect(code).toBe(0);
  expect(readFileSync(path.join(repo.root, PROFILE)).equals(repo.originalProfile)).toBe(true);
  expect(repo.git('rev-parse', 'HEAD~1')).toBe(refreshed);
  expect(repo.git('log', '-1', '--format=%s%n%b')).toContain(`This reverts commit ${refreshed}.`);
  expect(gitState(repo).status).toBe('');
  expect(stdout).toBe(
    [
      `reverted ${refreshed.slice(0, 12)} "pgo: refresh report profile (2026-11-22)" with commit ${repo.git('rev-parse', 'HEAD').slice(0, 12)}`,
      `  files: ${PROFILE}, ${SIDECAR}`,
      `${PROFILE} is back to its content before that commit`,
      '',
    ].join('\n'),
  );
});

test('--dry-run says what it would revert and changes nothing', async () => {
  const before = gitState(repo);
  const { code, stdout } = await rollback('--dry-run');
  expect(code).toBe(0);
  expect(stdout).toBe(
    [
      `would revert ${before.head.slice(0, 12)} "pgo: refresh report profile (2026-11-22)"`,
      `  files: ${PROFILE}, ${SIDECAR}`,
      'nothing was changed (--dry-run)',
      '',
    ].join('\n'),
  );
  expect(gitState(repo)).toEqual(before);
});

test('refuses a dirty work tree', async () => {
  writeFileSync(path.join(repo.root, 'tools/cmd/report/main.go'), '// edited\n', { flag: 'a' });
  const before = gitState(repo);
  await expect(rollback()).rejects.toThrow('the work tree has uncommitted changes (tools/cmd/report/main.go): pgo-rollback needs a clean tree; commit or stash them first');
  expect(gitState(repo)).toEqual(before);
});

test('a revert that conflicts with later changes is aborted: nothing is left half-done', async () => {
  // The profile change came with a code change that a later commit edits again.
  const main = path.join(repo.root, 'tools/cmd/report/main.go');
  writeFileSync(main, '// with the profile\n', { flag: 'a' });
  writeFileSync(path.join(repo.root, PROFILE), repo.originalProfile.subarray(0, repo.originalProfile.length - 1));
  repo.git('commit', '--quiet', '-am', 'profile and code together');
  const together = repo.git('rev-parse', 'HEAD');
  writeFileSync(main, readFileSync(main, 'utf8').replace('// with the profile\n', '// edited later\n'));
  repo.git('commit', '--quiet', '-am', 'later edit');
  const before = gitState(repo);
  await expect(rollback()).rejects.toThrow(
    new RegExp(`git revert ${together.slice(0, 12)} failed \\(.*\\); the revert was aborted and nothing changed: resolve it by hand with git revert ${together.slice(0, 12)}`),
  );
  expect(gitState(repo)).toEqual(before);
  expect(spawnSync('git', ['rev-parse', '--verify', '--quiet', 'REVERT_HEAD'], { cwd: repo.root }).status).toBe(1);
});

test('a profile no commit ever changed: nothing to roll back, and the emergency path is named', async () => {
  const yaml = path.join(repo.root, BINARY_DIR, 'pgo.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('profile: default.pgo', 'profile: never.pgo'));
  repo.git('commit', '--quiet', '-am', 'point at a profile that was never committed');
  const before = gitState(repo);
  await expect(rollback()).rejects.toThrow(
    `${BINARY_DIR}/never.pgo: no commit changed it or ${BINARY_DIR}/never.pgo.json: there is nothing to roll back (to build without PGO: nx run <project>:pgo-build:off)`,
  );
  expect(gitState(repo)).toEqual(before);
});

test('--help documents the emergency path', async () => {
  expect((await rollback('--help')).stdout).toContain('nx run <project>:pgo-build:off');
});
