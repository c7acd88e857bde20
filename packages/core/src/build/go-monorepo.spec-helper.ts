// For specs that run real `go build`s: a private copy of e2e/fixtures/go-monorepo in a temp
// directory, with a real CPU profile (the `shapes` Go fixture) as services/cmd/worker/default.pgo.
// Every spec uses the same profile bytes, so Go's build cache compiles the standard library
// with it once per machine and every later PGO build of the fixture only links.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixtureProfile, type FixtureProfile } from '../../../../tools/test-support/go-fixtures';
import { repoRoot } from '../../../../tools/test-support/repo-root';

export const GO_MONOREPO = path.join(repoRoot, 'e2e', 'fixtures', 'go-monorepo');

/** A cold Go cache rebuilds the standard library per profile and per GOOS: ~1 min on 2 busy cores. */
export const GO_BUILD_TIMEOUT_MS = 240_000;

export interface GoMonorepoCopy {
  root: string;
  /** The profile written to services/cmd/worker/default.pgo. */
  profile: FixtureProfile;
  remove(): void;
}

export async function copyGoMonorepo(): Promise<GoMonorepoCopy> {
  const profile = await fixtureProfile('shapes');
  const root = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-monorepo-'));
  cpSync(GO_MONOREPO, root, { recursive: true });
  writeFileSync(path.join(root, 'services', 'cmd', 'worker', 'default.pgo'), profile.bytes);
  return { root, profile, remove: () => rmSync(root, { recursive: true, force: true }) };
}
