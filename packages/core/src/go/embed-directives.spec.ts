import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scanEmbedPatterns } from './embed-directives';
import { goEnv } from './go-oracle.spec-helper';

/** go list's EmbedPatterns for a package of the one file `source`. */
function goEmbedPatterns(source: string): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-embed-'));
  try {
    writeFileSync(path.join(dir, 'go.mod'), 'module example.com/e\n\ngo 1.22\n');
    writeFileSync(path.join(dir, 'e.go'), source);
    const run = spawnSync('go', ['list', '-e', '-json=EmbedPatterns', '.'], { cwd: dir, env: goEnv, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    return ((JSON.parse(run.stdout) as { EmbedPatterns?: string[] }).EmbedPatterns ?? []).sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ours = (source: string): string[] => [...new Set(scanEmbedPatterns(source, 'e.go').map((p) => p.pattern))].sort();

const HEADER = 'package e\n\nimport "embed"\n\nvar _ embed.FS\n\n';

describe('//go:embed patterns, against go list', () => {
  test.each([
    ['one file', '//go:embed VERSION.txt\nvar v string\n'],
    ['several per line, and several lines', '//go:embed a.txt b/*.html\n//go:embed all:static\nvar f embed.FS\n'],
    ['quoted and raw-quoted', '//go:embed "with space.txt" `raw name.txt` plain\nvar f embed.FS\n'],
    ['escapes in a quoted pattern', '//go:embed "tab\\there.txt"\nvar f embed.FS\n'],
    ['tabs between patterns', '//go:embed\ta.txt\t\tb.txt\nvar f embed.FS\n'],
    ['not a directive: inside strings, raw strings, block comments, runes', 'var s = "//go:embed nope1"\nvar r = `\n//go:embed nope2\n`\nvar c = \'"\'\n/*\n//go:embed nope3\n*/\n//go:embed yes.txt\nvar f embed.FS\n'],
    ['a longer name is another directive', '//go:embedded x.txt\n//go:embed\n//go:embed y.txt\nvar f embed.FS\n'],
    ['a malformed quoted pattern drops its line', '//go:embed "unterminated\n//go:embed "a"b\n//go:embed ok.txt\nvar f embed.FS\n'],
    ['indented, after code on earlier lines', 'func f() {}\n\n\t//go:embed indented.txt\nvar f embed.FS\n'],
    ['CRLF line ends', '//go:embed crlf.txt\r\nvar f embed.FS\r\n'],
  ])('%s', (_, body) => {
    const source = `${HEADER}${body}`;
    expect(ours(source)).toEqual(goEmbedPatterns(source));
  });

  test('lines are 1-based and name the file', () => {
    expect(scanEmbedPatterns('package e\n/* a\nb */\n//go:embed x y\n', 'p/e.go')).toEqual([
      { pattern: 'x', file: 'p/e.go', line: 4 },
      { pattern: 'y', file: 'p/e.go', line: 4 },
    ]);
  });
});
