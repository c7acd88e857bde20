// `go-pgo validate <binary-dir>`: pgo-validate for teams without Nx.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { locateBinary } from '../build/locate-binary';
import { loadPgoSettings } from '../config/load-settings';
import type { ValidateSettings } from '../config/pgo-settings';
import { buildContextOptionsFromEnv } from '../go/build-context';
import { formatValidationReport } from '../validate/report-table';
import { validateProfile } from '../validate/validate-profile';
import { expectPositionals, parseCommandArgs, parseFraction, parseIntegerOption, UsageError } from './args';
import { leafCommand } from './command';

const COMMAND = 'go-pgo validate';

const OPTIONS = {
  profile: { type: 'string' },
  committed: { type: 'string' },
  raw: { type: 'boolean' },
  json: { type: 'boolean' },
  'warn-only': { type: 'boolean' },
  'min-bytes': { type: 'string' },
  'min-samples': { type: 'string' },
  'min-start-line-coverage': { type: 'string' },
  'max-stale-ratio': { type: 'string' },
  'min-call-site-match': { type: 'string' },
  'min-coverage': { type: 'string' },
  'max-wrong-binary-ratio': { type: 'string' },
  tags: { type: 'string', multiple: true },
  goos: { type: 'string' },
  goarch: { type: 'string' },
  root: { type: 'string' },
} as const;

export const validateCommand = leafCommand({
  name: 'validate',
  summary: "check a binary's profile against its thresholds and the current source",
  help: `Usage: ${COMMAND} <binary-dir> [options]

Checks a CPU profile for the Go binary whose main package is <binary-dir> (a cmd/<name>
directory), and prints one row per check: value, threshold, status (pass, fail, warn, info).
  sample type      the profile has samples/count or cpu/nanoseconds, as go build -pgo needs
  size             at least minBytes (raw captures only: --raw)
  samples          at least minSamples samples taken
  start_line       at least minStartLineCoverage of the weight has a leaf function with start_line
  stale ratio      at most maxStaleRatio of the weight of the call edges go build -pgo reads
                   is on edges whose caller or callee is a function of the binary's packages
                   that no longer exists in the source (the heaviest such edges are named)
  call-site match  at least minCallSiteMatch: 1 − the share of that weight on edges whose
                   caller exists but whose line (caller start_line + offset) holds no call any
                   more; PGO matches call sites by that offset, so lines inserted above a hot
                   call drop its edge (the heaviest such edges are named, with their offsets)
  coverage         at least minCoverage of the weight has a frame in the binary's packages
  wrong binary     at most maxWrongBinaryRatio of the weight has a frame in workspace packages
                   the binary does not import; the binary it fits best is named
  drift            similarity of the call edges to the committed profile's (never a gate)
Thresholds come from <binary-dir>/pgo.yaml (validate:), else the built-in defaults; options
override them. Ratios are fractions (0.2) or percentages (20%).

Options:
  --profile <file>                  the profile to check (default: the binary's configured
                                    profile, pgo.yaml "profile:" or default.pgo)
  --committed <file>                the committed profile to measure drift against (default:
                                    the configured profile, when --profile names another file)
  --raw                             the profile is a raw capture: apply minBytes
  --json                            print the report as JSON
  --warn-only                       report failed gates but exit 0
  --min-bytes <n>                   override validate.minBytes
  --min-samples <n>                 override validate.minSamples
  --min-start-line-coverage <x>     override validate.minStartLineCoverage
  --max-stale-ratio <x>             override validate.maxStaleRatio
  --min-call-site-match <x>         override validate.minCallSiteMatch
  --min-coverage <x>                override validate.minCoverage
  --max-wrong-binary-ratio <x>      override validate.maxWrongBinaryRatio
  --tags <a,b>                      build tags of the build whose sources count (repeatable)
  --goos <os>, --goarch <arch>      the target (default GOOS/GOARCH from the environment, else
                                    linux/amd64)
  --root <dir>                      the workspace root (default: the directory of the go.work
                                    above <binary-dir>, else of its go.mod)

Exit codes: 0 every gate passed (or --warn-only), 1 a gate failed or the profile cannot be
read, 2 wrong usage.
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS, COMMAND);
    expectPositionals(positionals, { min: 1, max: 1 }, 'the binary directory', COMMAND);
    const at = await locateBinary(positionals[0]!, { cwd: io.cwd, workspaceRoot: values.root });
    const settings = await loadPgoSettings(at);
    const profile = values.profile === undefined ? settings.profile : path.resolve(io.cwd, values.profile);
    const committed =
      values.committed !== undefined
        ? path.resolve(io.cwd, values.committed)
        : profile !== settings.profile && existsSync(settings.profile)
          ? settings.profile
          : undefined;
    const env = buildContextOptionsFromEnv(process.env);
    const tags = values.tags?.flatMap((list) => list.split(',')).filter((tag) => tag !== '');
    const report = await validateProfile({
      workspaceRoot: at.workspaceRoot,
      binaryDir: at.binaryDir,
      profile,
      settings: overrides(settings.validate, values),
      ...(committed !== undefined && { committedProfile: committed }),
      raw: values.raw === true,
      buildContext: {
        ...env,
        ...(values.goos !== undefined && { goos: values.goos }),
        ...(values.goarch !== undefined && { goarch: values.goarch }),
        ...(tags !== undefined && { tags: [...(env.tags ?? []), ...tags] }),
      },
    });
    io.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatValidationReport(report));
    if (report.passed) return 0;
    if (!values['warn-only']) return 1;
    io.stderr.write(`${COMMAND}: gates failed, exiting 0 because of --warn-only\n`);
    return 0;
  },
});

type OptionValues = Partial<Record<keyof typeof OPTIONS, string | boolean | string[]>>;

/** The thresholds with the command line's overrides. */
function overrides(settings: ValidateSettings, values: OptionValues): ValidateSettings {
  const integer = (flag: keyof typeof OPTIONS, fallback: number): number => {
    const value = values[flag];
    return typeof value === 'string' ? parseIntegerOption(value, `--${flag}`, 0, COMMAND) : fallback;
  };
  const ratio = (flag: keyof typeof OPTIONS, fallback: number): number => {
    const value = values[flag];
    return typeof value === 'string' ? parseRatio(value, `--${flag}`) : fallback;
  };
  return {
    minBytes: integer('min-bytes', settings.minBytes),
    minSamples: integer('min-samples', settings.minSamples),
    minStartLineCoverage: ratio('min-start-line-coverage', settings.minStartLineCoverage),
    maxStaleRatio: ratio('max-stale-ratio', settings.maxStaleRatio),
    minCallSiteMatch: ratio('min-call-site-match', settings.minCallSiteMatch),
    minCoverage: ratio('min-coverage', settings.minCoverage),
    maxWrongBinaryRatio: ratio('max-wrong-binary-ratio', settings.maxWrongBinaryRatio),
  };
}

/** "0.2" or "20%" → 0.2, within [0, 1]. */
function parseRatio(value: string, flag: string): number {
  const n = parseFraction(value);
  if (!(n >= 0 && n <= 1)) throw new UsageError(`${flag} must be a fraction from 0 to 1 or a percentage (e.g. 0.2 or 20%), got '${value}'`, COMMAND);
  return n;
}
