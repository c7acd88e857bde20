// `go tool preprofile` (what the Go compiler reads from a profile) as text, for comparing a
// profile before and after a transform: its output, or `rejected: <stderr>` when it refuses.
import { fixtureProfiles, type FixtureProfile } from '../../../../tools/test-support/go-fixtures';
import { preprofile, withTempFile } from '../../../../tools/test-support/go-tool';
import { encode } from '../encode';
import type { Profile } from '../model';

export function preprofileText(file: string): string {
  try {
    return preprofile(file).toString('utf8');
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr;
    if (stderr === undefined) throw error;
    return `rejected: ${stderr.toString('utf8')}`;
  }
}

export function preprofileOf(profile: Profile): string {
  return withTempFile(encode(profile), preprofileText);
}

/** Every Go fixture profile with what go tool preprofile prints for it (checked: at least one edge). */
export async function fixturesWithPreprofile(): Promise<{ fixture: FixtureProfile; expected: string }[]> {
  const fixtures = await fixtureProfiles();
  if (fixtures.length < 4) throw new Error(`only ${fixtures.length} Go fixture profiles`);
  return fixtures.map((fixture) => {
    const expected = preprofileText(fixture.path);
    if (!/^GO PREPROFILE V1\n.+/s.test(expected)) throw new Error(`${fixture.name}: go tool preprofile lists no edge: ${expected.slice(0, 200)}`);
    return { fixture, expected };
  });
}

export { preprofileEdges, type PreprofileEdge } from '../../../../tools/test-support/go-tool';
