// The compaction table of tools/bench/pprof: each well-formed corpus profile's size against the
// information floor (its call-edge list as go tool preprofile prints it, gzipped as small as
// zlib makes it), the default level and the minimal level, both gzipped as committed profiles
// are. Every compacted profile is checked first: go tool preprofile must print the same bytes
// for it as for the original.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { compactForPgo, decode, edgeListFloor, encode, pgoEdges, type CompactLevel } from '@go-pgo/pprof';
import type { CorpusFile } from '../../test-support/corpus';
import { ratio } from '../measure';

export const LEVELS: readonly CompactLevel[] = ['default', 'minimal'];

export interface CompactedFile {
  file: CorpusFile;
  /** Bytes per level, as written for committing. */
  bytes: Record<CompactLevel, Uint8Array>;
  /** Null when PGO cannot read the profile. */
  floor: number | null;
}

/** Compacts `file` at both levels and checks the results with go tool preprofile; `work` keeps the files. */
export function compactFile(file: CorpusFile, work: string): CompactedFile {
  const profile = decode(file.bytes);
  let floor: number | null = null;
  try {
    floor = edgeListFloor(pgoEdges(profile));
  } catch {
    // Not PGO-usable: no floor; the default level still keeps it byte-for-byte as unusable.
  }
  const bytes = {} as Record<CompactLevel, Uint8Array>;
  for (const level of LEVELS) {
    if (level === 'minimal' && floor === null) continue;
    bytes[level] = encode(compactForPgo(profile, { level }), { compression: 'smallest' });
    const out = path.join(work, `${file.name}.${level}.pgo`);
    writeFileSync(out, bytes[level]);
    if (floor !== null && !preprofileOutput(out).equals(preprofileOutput(file.path))) {
      throw new Error(`${file.name}: go tool preprofile reads the ${level} compaction differently from the original`);
    }
  }
  return { file, bytes, floor };
}

export function preprofileOutput(file: string): Buffer {
  return execFileSync('go', ['tool', 'preprofile', '-i', file], { maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function compactionTable(files: CompactedFile[]): string[] {
  const size = (n: number | undefined, original: number): string => (n === undefined ? '–' : `${n} B (${ratio(n, original)})`);
  return [
    '| corpus profile | original | floor | default | minimal | minimal / floor |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...files.map(({ file, bytes, floor }) => {
      const original = file.bytes.length;
      const minimal = bytes.minimal?.length;
      return (
        `| ${file.name} | ${original} B | ${size(floor ?? undefined, original)} | ${size(bytes.default?.length, original)} | ` +
        `${size(minimal, original)} | ${minimal === undefined || floor === null ? '–' : ratio(minimal, floor)} |`
      );
    }),
  ];
}
