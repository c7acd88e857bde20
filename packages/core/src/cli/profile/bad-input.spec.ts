// Every command, every class of bad input: exit 1, exactly one line on stderr that names the
// file and says what is wrong, nothing on stdout, and an existing output file left as it was.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { malformedCorpus, pgoUsableCorpus } from '../../../../../tools/test-support/corpus';
import { listDir, runCli, scratchDir } from '../run-cli.spec-helper';

const good = pgoUsableCorpus().find((f) => f.name.includes('inline_hot')) ?? pgoUsableCorpus()[0];
const gzipped = pgoUsableCorpus().find((f) => f.name.includes('devirt')) ?? pgoUsableCorpus()[0];
const legacy = malformedCorpus()[0];
const OLD_OUTPUT = Buffer.from('the previous output, which a failed command must not touch');

function corruptDeflate(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  for (let i = 20; i < 60; i++) copy[i] ^= 0x5a;
  return copy;
}

const raw = gunzipSync(gzipped.bytes);

const BAD_INPUTS: { kind: string; file: string; bytes: Buffer | undefined; says: RegExp }[] = [
  { kind: 'missing', file: 'missing.pgo', bytes: undefined, says: /no such file: check the path$/ },
  { kind: 'empty', file: 'empty.pgo', bytes: Buffer.alloc(0), says: /empty/ },
  { kind: 'corrupt gzip', file: 'corrupt.pb.gz', bytes: corruptDeflate(gzipped.bytes), says: /gzip/ },
  { kind: 'truncated gzip', file: 'cut.pb.gz', bytes: gzipped.bytes.subarray(0, gzipped.bytes.length >> 1), says: /ends inside|truncated/ },
  { kind: 'truncated protobuf', file: 'cut.pb', bytes: raw.subarray(0, raw.length >> 1), says: /truncated|ends/ },
  { kind: 'legacy format', file: legacy.name, bytes: legacy.bytes, says: /not protobuf/ },
  { kind: 'text, not a profile', file: 'notes.txt', bytes: Buffer.from('hello: this is not a profile\n'), says: /not (a pprof profile|protobuf)/ },
];

const COMMANDS: { name: string; argv: (input: string) => string[] }[] = [
  { name: 'inspect', argv: (input) => ['profile', 'inspect', input] },
  { name: 'inspect --json', argv: (input) => ['profile', 'inspect', input, '--json'] },
  { name: 'merge', argv: (input) => ['profile', 'merge', 'good.pgo', input, '-o', 'out.pgo'] },
  { name: 'compact', argv: (input) => ['profile', 'compact', input, '-o', 'out.pgo'] },
  { name: 'rename', argv: (input) => ['profile', 'rename', input, '-o', 'out.pgo', '--map', 'main.=app.'] },
  { name: 'sanitize', argv: (input) => ['profile', 'sanitize', input, '-o', 'out.pgo'] },
];

let dir: string;
beforeEach(() => {
  dir = scratchDir();
  writeFileSync(path.join(dir, 'good.pgo'), good.bytes);
  writeFileSync(path.join(dir, 'out.pgo'), OLD_OUTPUT);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.each(COMMANDS)('$name', ({ argv }) => {
  test.each(BAD_INPUTS)('$kind input: exit 1, one line naming it, output untouched', async ({ file, bytes, says }) => {
    if (bytes) writeFileSync(path.join(dir, file), bytes);
    const before = listDir(dir);
    const run = await runCli(argv(file), dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^go-pgo: ${escape(file)}: [^\\n]+\\n$`));
    expect(run.stderr.trimEnd()).toMatch(says);
    expect(readFileSync(path.join(dir, 'out.pgo')).equals(OLD_OUTPUT)).toBe(true);
    expect(listDir(dir)).toEqual(before);
  });
});

describe.each(COMMANDS.filter((c) => c.argv('x').includes('-o')))('$name, unwritable output', ({ argv }) => {
  test('a missing output directory: exit 1, one line naming the output', async () => {
    const args = argv('good.pgo').map((a) => (a === 'out.pgo' ? 'no/such/dir/out.pgo' : a));
    const run = await runCli(args, dir);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'go-pgo: no/such/dir/out.pgo: cannot write the output: its directory does not exist: create it or choose another output path\n',
    });
  });

  test('an output that is a directory: exit 1, its contents untouched, no temp file left', async () => {
    mkdirSync(path.join(dir, 'taken.pgo'));
    writeFileSync(path.join(dir, 'taken.pgo', 'keep'), OLD_OUTPUT);
    const before = listDir(dir);
    const run = await runCli(argv('good.pgo').map((a) => (a === 'out.pgo' ? 'taken.pgo' : a)), dir);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'go-pgo: taken.pgo: cannot write the output: it is a directory: give a file name\n',
    });
    expect(listDir(dir)).toEqual(before);
    expect(readFileSync(path.join(dir, 'taken.pgo', 'keep')).equals(OLD_OUTPUT)).toBe(true);
  });
});
