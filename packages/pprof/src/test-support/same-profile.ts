// Deep equality of two profiles, fast enough for the largest corpus file: node's
// isDeepStrictEqual decides, Jest's toEqual runs only to print the difference.
import { isDeepStrictEqual } from 'node:util';
import type { Profile } from '../model';

export function expectSameProfile(actual: Profile, expected: Profile): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toEqual(expected);
}
