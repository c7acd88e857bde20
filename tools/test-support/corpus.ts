// The shared real-world pprof corpus (../shared/corpus/pprof beside the checkout) with what
// PROVENANCE.md says about each file, so every decoder, validator and merger test can run
// over all of it and know what to expect.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './repo-root';

export const corpusDir = process.env.GO_PGO_CORPUS ?? path.resolve(repoRoot, '../shared/corpus/pprof');

export interface CorpusFile {
  name: string;
  path: string;
  bytes: Buffer;
  /** Decodes as a pprof protobuf profile. */
  wellFormed: boolean;
  /** `go tool preprofile` accepts it. */
  pgoUsable: boolean;
}

/** Files PROVENANCE.md lists as not protobuf (legacy format) or otherwise malformed. */
const MALFORMED = new Set(['google__pprof__profile_testdata_go.crc32.cpu']);
/** Files PROVENANCE.md lists as rejected by `go tool preprofile`. */
const NOT_PGO_USABLE = new Set([
  'google__pprof__internal_proftest_testdata_large.cpu',
  'google__pprof__internal_report_testdata_sample.cpu',
  'parca-dev__parca__pkg_query_testdata_fib.pb.gz',
  'parca-dev__parca__pkg_parca_testdata_labels.pb.gz',
  'parca-dev__parca__pkg_symbolizer_testdata_normal-cpu.stripped.pprof',
  'parca-dev__parca__pkg_query_testdata_profile-with-labels.pb.gz',
  'parca-dev__parca__pkg_query_testdata_fgprof.pb.gz',
  'google__pprof__profile_testdata_go.crc32.cpu',
]);

let cached: CorpusFile[] | undefined;

/** Every profile in the corpus. Throws when the corpus is missing: tests must not pass on nothing. */
export function corpusFiles(): CorpusFile[] {
  if (cached) return cached;
  if (!existsSync(corpusDir)) {
    throw new Error(`pprof corpus not found at ${corpusDir}: check out shared/ beside the repository or set GO_PGO_CORPUS`);
  }
  const names = readdirSync(corpusDir).filter((n) => n !== 'PROVENANCE.md').sort();
  if (names.length < 10) throw new Error(`pprof corpus at ${corpusDir} holds only ${names.length} files`);
  cached = names.map((name) => {
    const file = path.join(corpusDir, name);
    return {
      name,
      path: file,
      bytes: readFileSync(file),
      wellFormed: !MALFORMED.has(name),
      pgoUsable: !NOT_PGO_USABLE.has(name),
    };
  });
  return cached;
}

export const wellFormedCorpus = (): CorpusFile[] => corpusFiles().filter((f) => f.wellFormed);
export const malformedCorpus = (): CorpusFile[] => corpusFiles().filter((f) => !f.wellFormed);
export const pgoUsableCorpus = (): CorpusFile[] => corpusFiles().filter((f) => f.pgoUsable);
