// `go-pgo profile compact`: shrink a profile to what the Go compiler reads from it.
import { COMPACT_LEVELS, compactForPgo, DEFAULT_KEEP_FRAMES, MIN_KEEP_FRAMES, type CompactOptions } from '@go-pgo/pprof';
import { parseChoice, parseCommandArgs, parseIntegerOption, UsageError } from '../args';
import { leafCommand } from '../command';
import { formatBytes, formatPercent } from '../../text/format';
import { inputAndOutput, OUTPUT_HELP, OUTPUT_OPTION, rewriteProfile } from './rewrite';

const OPTIONS = { ...OUTPUT_OPTION, level: { type: 'string' }, 'keep-frames': { type: 'string' } } as const;
const COMMAND = 'go-pgo profile compact';

export const compactCommand = leafCommand({
  name: 'compact',
  summary: 'shrink a profile to what Go PGO reads, without changing one PGO decision',
  help: `Usage: ${COMMAND} <in> -o <out> [--level default|minimal] [--keep-frames N]

Keeps only what the Go compiler reads for PGO, so the committed profile is small and
'go tool preprofile' prints the same call edges for it as for the original. The output is
gzipped as small as it goes (it is meant to be committed).

Levels:
  default   the PGO sample type, the leaf-most frames of each stack with their inlined lines,
            function names and start lines; the leaf's line is dropped wherever no call edge
            depends on it. Tools like 'go tool pprof' still show the hot stacks.
  minimal   the call edges alone (caller, call-site offset, callee, weight): the smallest
            profile with the same preprofile output. Start lines are set to 1 and lines made
            relative to them; no stacks beyond each call edge are left.

Options:
${OUTPUT_HELP}
  --level <level>      default (the default) or minimal
  --keep-frames <N>    stack frames kept per sample at the default level, leaf first
                       (default ${DEFAULT_KEEP_FRAMES}, at least ${MIN_KEEP_FRAMES})
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS, COMMAND);
    const { input, output } = inputAndOutput(positionals, values.output, COMMAND);
    const level = values.level === undefined ? 'default' : parseChoice(values.level, '--level', COMPACT_LEVELS, COMMAND);
    let options: CompactOptions = { level };
    if (values['keep-frames'] !== undefined) {
      if (level === 'minimal') throw new UsageError('--keep-frames goes with --level default: the minimal level keeps no frames beyond the call edges', COMMAND);
      options = { level, keepFrames: parseIntegerOption(values['keep-frames'], '--keep-frames', MIN_KEEP_FRAMES, COMMAND) };
    }
    const { inputSize, outputSize } = await rewriteProfile(input, output, io.cwd, (p) => compactForPgo(p, options), { compression: 'smallest' });
    io.stdout.write(
      `compacted ${input} (${formatBytes(inputSize)}) -> ${output} (${formatBytes(outputSize)}): ` +
        `${formatPercent(outputSize / inputSize)} of the original size\n`,
    );
    return 0;
  },
});
