// `go tool preprofile` (what the Go compiler reads from a profile) as text, for comparing a
// profile before and after a transform: its output, or `rejected: <stderr>` when it refuses.
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

export { preprofileEdges, type PreprofileEdge } from '../../../../tools/test-support/go-tool';
