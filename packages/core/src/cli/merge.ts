// `go-pgo merge <capture-dir>`: pgo-merge for teams without Nx. Unlike `go-pgo profile merge`
// (any profile files), it reads a capture directory's manifest and the merge settings of pgo.yaml.
import { COMPACT_LEVELS, MIN_KEEP_FRAMES } from '@go-pgo/pprof';
import { locateBinary } from '../build/locate-binary';
import { builtInPgoSettings, loadPgoSettings } from '../config/load-settings';
import type { MergeSettings } from '../config/pgo-settings';
import { DEFAULT_CANDIDATE, mergeCaptures } from '../merge/merge-captures';
import { expectPositionals, parseChoice, parseCommandArgs, parseIntegerOption, parseWeight, splitAssignment, UsageError } from './args';
import { leafCommand } from './command';
import { formatBytes, formatPercent, plural } from '../text/format';

const COMMAND = 'go-pgo merge';
const NORMALIZE = ['duration', 'none'] as const;

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  summary: { type: 'string' },
  normalize: { type: 'string' },
  weight: { type: 'string', multiple: true },
  'keep-labels': { type: 'boolean' },
  'no-inline': { type: 'string', multiple: true },
  'keep-frames': { type: 'string' },
  compact: { type: 'string' },
  'no-compact': { type: 'boolean' },
  binary: { type: 'string' },
  root: { type: 'string' },
} as const;

export const mergeCommand = leafCommand({
  name: 'merge',
  summary: 'merge a capture directory into one candidate profile, with a JSON summary',
  help: `Usage: ${COMMAND} <capture-dir> [options]

Merges the profiles of a capture directory (written by go-pgo capture: manifest.json and one
profile per instance) into a candidate profile. Instances whose capture failed are skipped.
Each profile is scaled so that every capture counts the same per second of its duration,
multiplied by its weight; labels are dropped; the result is compacted to what Go's PGO reads
and gzipped as small as it goes.
The committed profile is never written: review the candidate (go-pgo validate), then let
pgo-refresh adopt it.

Settings come from the "merge:" section of <binary-dir>/pgo.yaml with --binary, else from
the defaults; the options below override them.

Options:
  -o, --output <file>     the candidate (default <capture-dir>/${DEFAULT_CANDIDATE})
  --summary <file>        the JSON summary: inputs with their weights, scales and durations,
                          the output's size, samples and sha256, the hottest functions
                          (default: the output with .json for its extension)
  --normalize <mode>      duration (default): equal weight per second of capture; none: plain
                          sum, as 'go tool pprof -proto' does
  --weight <key>=<N>      multiply by N ≥ 0 the instances of the source named <key>, or the
                          instances whose name matches the glob <key> (* and ?); repeatable,
                          over pgo.yaml's merge.weights; every matching key multiplies
  --no-inline <fn>        a function (or glob) the compiler must not inline because of the
                          profile; repeatable, replaces pgo.yaml's merge.noInline
  --compact <level>       default: the leaf-most frames (--keep-frames) with leaf lines
                          aggregated; minimal: the call-edge list alone (start lines become 1);
                          both give Go the same call edges (default: pgo.yaml's merge.compact)
  --keep-frames <N>       frames kept per sample at the default level, N ≥ 2 (default 5)
  --no-compact            keep every frame, mapping and field of the merged profile
  --keep-labels           keep sample labels (needs --no-compact: compaction drops them)
  --binary <binary-dir>   read the merge settings of <binary-dir>/pgo.yaml, and refuse to
                          write over its committed profile
  --root <dir>            the workspace root, with --binary (default: the directory of the
                          go.work above <binary-dir>, else of its go.mod)
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS, COMMAND);
    expectPositionals(positionals, { min: 1, max: 1 }, 'the capture directory', COMMAND);
    const compact = !values['no-compact'];
    if (values['keep-labels'] && compact) {
      throw new UsageError('--keep-labels needs --no-compact: compaction keeps only what PGO reads, and labels are not part of it', COMMAND);
    }
    if (values.root !== undefined && values.binary === undefined) throw new UsageError('--root goes with --binary', COMMAND);

    const configured = await configuredSettings(values.binary, values.root, io.cwd);
    const level = values.compact === undefined ? configured.merge.compact : parseChoice(values.compact, '--compact', COMPACT_LEVELS, COMMAND);
    if (values['keep-frames'] !== undefined && level === 'minimal') {
      throw new UsageError('--keep-frames goes with the default compaction level: the minimal level keeps no frames beyond the call edges', COMMAND);
    }
    const settings: MergeSettings = {
      normalize: values.normalize === undefined ? configured.merge.normalize : parseChoice(values.normalize, '--normalize', NORMALIZE, COMMAND),
      weights: { ...configured.merge.weights, ...parseWeights(values.weight ?? []) },
      dropLabels: values['keep-labels'] ? false : configured.merge.dropLabels,
      noInline: values['no-inline'] ?? configured.merge.noInline,
      keepFrames: values['keep-frames'] === undefined ? configured.merge.keepFrames : parseIntegerOption(values['keep-frames'], '--keep-frames', MIN_KEEP_FRAMES, COMMAND),
      compact: level,
    };
    const { output, summaryFile, summary } = await mergeCaptures({
      captureDir: positionals[0]!,
      settings,
      output: values.output,
      summaryFile: values.summary,
      cwd: io.cwd,
      compact,
      protect: configured.protect,
    });

    for (const skipped of summary.skipped) io.stderr.write(`skipped ${skipped.source}/${skipped.instance}: ${skipped.error}\n`);
    if (summary.unmatchedWeights.length > 0) io.stderr.write(`warning: no instance matches the weights ${summary.unmatchedWeights.join(', ')}\n`);
    if (summary.noInline.unmatched.length > 0) io.stderr.write(`warning: no function matches noInline ${summary.noInline.unmatched.join(', ')}\n`);
    const top = summary.topFunctions[0];
    io.stdout.write(
      `merged ${plural(summary.inputs.length, 'profile')} into ${output} (${formatBytes(summary.output.bytes)}, ${plural(summary.output.samples, 'sample')}` +
        `${top ? `, hottest ${top.name} ${formatPercent(top.share)}` : ''}); summary: ${summaryFile}\n`,
    );
    return 0;
  },
});

interface Configured {
  merge: MergeSettings;
  protect: string[];
}

async function configuredSettings(binary: string | undefined, root: string | undefined, cwd: string): Promise<Configured> {
  if (binary === undefined) return { merge: builtInPgoSettings({ workspaceRoot: cwd, binaryDir: cwd }).merge, protect: [] };
  const at = await locateBinary(binary, { cwd, workspaceRoot: root });
  const settings = await loadPgoSettings(at);
  return { merge: settings.merge, protect: [settings.profile] };
}

function parseWeights(specs: string[]): Record<string, number> {
  const weights: Record<string, number> = {};
  for (const spec of specs) {
    const [key, raw] = splitAssignment(spec, '--weight', '<key>=<N>', COMMAND);
    const weight = parseWeight(raw, key, COMMAND);
    if (Object.hasOwn(weights, key)) throw new UsageError(`--weight given twice for '${key}'`, COMMAND);
    weights[key] = weight;
  }
  return weights;
}
