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

export interface PreprofileEdge {
  caller: string;
  callee: string;
  /** Call site line minus the caller's start_line. */
  offset: number;
  weight: number;
}

/** The edges of preprofile output ("GO PREPROFILE V1", then caller, callee, "offset weight" per edge). */
export function preprofileEdges(text: string): PreprofileEdge[] {
  const lines = text.split('\n');
  if (lines[0] !== 'GO PREPROFILE V1') throw new Error(`not preprofile output: ${text.slice(0, 200)}`);
  const edges: PreprofileEdge[] = [];
  for (let i = 1; i + 2 < lines.length; i += 3) {
    const [offset, weight] = lines[i + 2]!.split(' ').map(Number);
    edges.push({ caller: lines[i]!, callee: lines[i + 1]!, offset: offset!, weight: weight! });
  }
  return edges;
}
