import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { corpusFiles } from '../../../../tools/test-support/corpus';
import type { ProfileLocation } from '../config/resolve-profile';
import { PgoBuildError } from './build-error';
import { checkProfileForPgo } from './check-profile';

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-check-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function at(name: string, source: ProfileLocation['source'], exists = true): ProfileLocation {
  return {
    path: path.join(root, 'cmd', 'api', name),
    source,
    configFile: source === 'pgo.yaml' ? path.join(root, 'cmd', 'api', 'pgo.yaml') : undefined,
    configured: source !== 'default',
    exists,
  };
}

async function failure(location: ProfileLocation): Promise<PgoBuildError> {
  const error = await checkProfileForPgo(location, root).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PgoBuildError);
  return error as PgoBuildError;
}

// Every corpus file as a binary's profile: accepted exactly when `go tool preprofile` accepts it
// (PROVENANCE.md's verdict), otherwise refused before go build with the reason.
test.each(corpusFiles().map((f) => [f.name, f] as const))('corpus %s', async (_name, file) => {
  const location = { ...at('default.pgo', 'default'), path: file.path };
  if (file.pgoUsable) {
    await expect(checkProfileForPgo(location, root)).resolves.toBeUndefined();
    return;
  }
  const error = await failure(location);
  expect(error.code).toBe('unusable-profile');
  expect(error.message.startsWith(`${path.relative(root, file.path).split(path.sep).join('/')}: `)).toBe(true);
  expect(error.message).toContain('found as the default profile of the binary');
  expect(error.message).toMatch(file.wellFormed ? /go build -pgo cannot use this profile \(.*\): / : /; go build -pgo cannot use it \(/);
});

test('a missing profile names where it was configured', async () => {
  const fromYaml = await failure(at('prod.pgo', 'pgo.yaml', false));
  expect(fromYaml.code).toBe('missing-profile');
  expect(fromYaml.message).toBe(
    'cmd/api/prod.pgo: the profile configured in cmd/api/pgo.yaml does not exist: ' +
      'put a Go CPU profile there (e.g. from /debug/pprof/profile?seconds=30 of a running instance), or fix the path',
  );
  expect((await failure(at('x.pgo', 'option', false))).message).toMatch(/^cmd\/api\/x\.pgo: the profile given as the profile option does not exist: /);
});

test("bytes that are no profile at all are refused with the decoder's reason", async () => {
  const file = path.join(root, 'garbage.pgo');
  writeFileSync(file, 'this is not a profile\n');
  const error = await failure({ ...at('garbage.pgo', 'option'), path: file });
  expect(error.code).toBe('unusable-profile');
  expect(error.message).toMatch(/^garbage\.pgo: .+; go build -pgo cannot use it \(the profile given as the profile option\)$/);
});
