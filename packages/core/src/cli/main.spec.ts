import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COMMANDS, main } from './main';
import { runCli } from './run-cli.spec-helper';

const cwd = process.cwd();
const version = (JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string })
  .version;

describe('help and version', () => {
  test.each([['--help'], ['-h']])('go-pgo %s lists the commands on stdout, exit 0', async (flag) => {
    const run = await runCli([flag], cwd);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Usage: go-pgo <command> \[options\]\n/);
    expect(run.stdout).toMatch(/^ {2}profile +\S/m);
    expect(run.stdout).toContain('--version');
    expect(run.stdout).toContain('Exit codes: 0 success, 1 unusable input or output');
  });

  test.each(COMMANDS.map((c) => [c.name, c]))('the listed name and summary of %s are those of the module it loads', async (_name, lazy) => {
    const loaded = await lazy.load();
    expect({ name: loaded.name, summary: loaded.summary }).toEqual({ name: lazy.name, summary: lazy.summary });
  });

  test('go-pgo --version prints the version from package.json', async () => {
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    expect(await runCli(['--version'], cwd)).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  test('go-pgo profile --help lists every profile command', async () => {
    const run = await runCli(['profile', '--help'], cwd);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    for (const command of ['inspect', 'merge', 'compact', 'rename', 'sanitize']) {
      expect(run.stdout).toMatch(new RegExp(`^ {2}${command} +\\S`, 'm'));
    }
  });

  test.each([
    ['inspect', ['--json', '--top <N>', 'The exit code is 0 for any profile that decodes', 'PGO-usable']],
    ['merge', ['--output <file>', '--normalize <mode>', '--weight <file>=<N>', '--drop-labels', '--common-sample-types']],
    ['compact', ['--output <file>', '--keep-frames <N>', 'default 5, at least 2']],
    ['rename', ['--output <file>', '--map <old>=<new>', "ends in '.'", '--move <function>:+<old>=+<new>']],
    ['sanitize', ['--output <file>']],
  ])('go-pgo profile %s --help documents its options', async (command, mentions) => {
    const run = await runCli(['profile', command, '--help'], cwd);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`^Usage: go-pgo profile ${command} `));
    for (const text of mentions) expect(run.stdout).toContain(text);
  });

  test('--help wins over anything else wrong on the command line', async () => {
    const run = await runCli(['profile', 'merge', 'a.pgo', '--wieght', 'x', '--help'], cwd);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: go-pgo profile merge /);
  });
});

describe('usage errors exit 2 with a hint', () => {
  test.each([
    [['profil'], 'go-pgo', "unknown command 'profil' (did you mean 'profile'?)"],
    [['biuld'], 'go-pgo', "unknown command 'biuld' (did you mean 'build'?)"],
    [['--verbose'], 'go-pgo', "unknown option '--verbose'"],
    [['profile', 'inpsect', 'x.pgo'], 'go-pgo profile', "unknown command 'inpsect' (did you mean 'inspect'?)"],
    [['profile', '--json'], 'go-pgo profile', "unknown option '--json'"],
    [['profile', 'inspect', 'x.pgo', '--jsno'], 'go-pgo profile inspect', "unknown option '--jsno' (did you mean '--json'?)"],
    [['profile', 'inspect'], 'go-pgo profile inspect', 'missing the profile to inspect'],
    [['profile', 'merge', 'a.pgo', 'b.pgo'], 'go-pgo profile merge', 'missing --output'],
    [['profile', 'compact', 'a.pgo', 'b.pgo', '-o', 'c'], 'go-pgo profile compact', "unexpected argument 'b.pgo'"],
    [['profile', 'sanitize', 'a.pgo', '-o'], 'go-pgo profile sanitize', "option '-o' needs a value"],
    [['profile', 'rename', 'a.pgo', '-o', 'b.pgo'], 'go-pgo profile rename', 'missing --map <old>=<new> or --move <function>:+<old>=+<new>'],
  ])('%j', async (argv, command, message) => {
    const run = await runCli(argv, cwd);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `${command}: ${message}\nRun '${command} --help' for usage.\n`,
    });
  });

  test.each([[[]], [['profile']]])('%j without a command prints help on stderr', async (argv) => {
    const run = await runCli(argv, cwd);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Usage: go-pgo (profile )?<command>/);
  });
});

test('an unexpected failure prints its stack and exits 1', async () => {
  let stderr = '';
  const code = await main(['profile', '--help'], {
    stdout: {
      write: () => {
        throw new TypeError('stdout exploded');
      },
    },
    stderr: { write: (chunk: string) => (stderr += chunk) },
  });
  expect(code).toBe(1);
  expect(stderr).toMatch(/^go-pgo: internal error, please report it with the command line you ran:\nTypeError: stdout exploded\n\s+at /);
});
