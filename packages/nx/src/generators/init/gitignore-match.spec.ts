// git itself is the oracle: `git check-ignore` on a file inside the directory, in a scratch
// repository. gitignoreCovers may say "not covered" where git ignores the directory (init then
// adds a redundant line, which is harmless), but never "covered" where git does not.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gitignoreCovers } from './gitignore-match';

let repo: string;

beforeAll(() => {
  repo = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-gitignore-'));
  execFileSync('git', ['init', '-q', repo]);
  for (const file of ['dist/go/app', '.pgo/captures/prod.pb.gz']) {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    writeFileSync(path.join(repo, file), '');
  }
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

function gitIgnores(gitignore: string, file: string): boolean {
  writeFileSync(path.join(repo, '.gitignore'), gitignore);
  try {
    // Only this .gitignore counts: no global excludes file of the machine running the tests.
    execFileSync('git', ['-c', 'core.excludesFile=/dev/null', 'check-ignore', '-q', file], { cwd: repo, stdio: 'ignore' });
    return true;
  } catch (error) {
    if ((error as { status?: number }).status === 1) return false;
    throw error;
  }
}

// [gitignore text, directory, what gitignoreCovers answers, whether git ignores the directory]
const CASES: readonly [string, string, boolean, boolean][] = [
  // The spellings it understands.
  ['dist\n', 'dist/go', true, true],
  ['dist/\n', 'dist/go', true, true],
  ['/dist\n', 'dist/go', true, true],
  ['/dist/\n', 'dist/go', true, true],
  ['dist/*\n', 'dist/go', true, true],
  ['/dist/**\n', 'dist/go', true, true],
  ['**/dist\n', 'dist/go', true, true],
  ['**/dist/go/\n', 'dist/go', true, true],
  ['dist/go\n', 'dist/go', true, true],
  ['/dist/go/\n', 'dist/go', true, true],
  ['go/\n', 'dist/go', true, true],
  ['dist   \n', 'dist/go', true, true],
  ['# build output\r\nnode_modules\r\ndist\r\n', 'dist/go', true, true],
  ['!dist/go\ndist\n', 'dist/go', true, true],
  ['.pgo\n', '.pgo/captures', true, true],
  ['.pgo/captures/\n', '.pgo/captures', true, true],
  ['/.pgo/captures\n', '.pgo/captures', true, true],
  ['captures/\n', '.pgo/captures', true, true],
  // Not ignored at all.
  ['', 'dist/go', false, false],
  ['build\ntmp\n', 'dist/go', false, false],
  ['src/dist\n', 'dist/go', false, false],
  ['/go\n', 'dist/go', false, false],
  ['dist/go/app.exe\n', 'dist/go', false, false],
  ['  dist\n', 'dist/go', false, false],
  ['# dist\n', 'dist/go', false, false],
  ['dist/go/*\n!dist/go/app\n', 'dist/go', false, false],
  // Wildcards and negations it does not try to understand: "not covered", whatever git says.
  ['dist*\n', 'dist/go', false, true],
  ['*\n', 'dist/go', false, true],
  ['/d?st/\n', 'dist/go', false, true],
  ['dist\n!dist/go\n', 'dist/go', false, true],
  ['dist/**\n!dist/go/\n', 'dist/go', false, true],
  ['\\!dist\n', 'dist/go', false, false],
];

describe('gitignoreCovers', () => {
  it.each(CASES)('%j covers %s: %s (git: %s)', (text, dir, expected, ignoredByGit) => {
    expect(gitignoreCovers(text, dir)).toBe(expected);
    const sample = dir === 'dist/go' ? 'dist/go/app' : '.pgo/captures/prod.pb.gz';
    expect(gitIgnores(text, sample)).toBe(ignoredByGit);
  });

  it('never calls covered what git does not ignore', () => {
    expect(CASES.filter(([, , covered, ignoredByGit]) => covered && !ignoredByGit)).toEqual([]);
  });
});
