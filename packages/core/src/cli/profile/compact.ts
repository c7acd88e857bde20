// `go-pgo profile compact`: shrink a profile to what the Go compiler reads from it.
import { compactForPgo, DEFAULT_KEEP_FRAMES, MIN_KEEP_FRAMES } from '@go-pgo/pprof';
import { parseCommandArgs, parseIntegerOption } from '../args';
import { leafCommand } from '../command';
import { formatBytes, formatPercent } from '../../text/format';
import { inputAndOutput, OUTPUT_HELP, OUTPUT_OPTION, rewriteProfile } from './rewrite';

const OPTIONS = { ...OUTPUT_OPTION, 'keep-frames': { type: 'string' } } as const;
const COMMAND = 'go-pgo profile compact';

export const compactCommand = leafCommand({
  name: 'compact',
  summary: 'shrink a profile to what Go PGO reads, without changing one PGO decision',
  help: `Usage: ${COMMAND} <in> -o <out> [--keep-frames N]

Keeps only what the Go compiler reads for PGO (the PGO sample type, the leaf-most frames of each
stack with their inlined lines, function names and start lines), so the committed profile is small
and 'go tool preprofile' prints the same result for it as for the original.

Options:
${OUTPUT_HELP}
  --keep-frames <N>    stack frames kept per sample, leaf first (default ${DEFAULT_KEEP_FRAMES}, at least ${MIN_KEEP_FRAMES})
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS, COMMAND);
    const { input, output } = inputAndOutput(positionals, values.output, COMMAND);
    const keepFrames =
      values['keep-frames'] === undefined
        ? DEFAULT_KEEP_FRAMES
        : parseIntegerOption(values['keep-frames'], '--keep-frames', MIN_KEEP_FRAMES, COMMAND);
    const { inputSize, outputSize } = await rewriteProfile(input, output, io.cwd, (p) => compactForPgo(p, { keepFrames }));
    io.stdout.write(
      `compacted ${input} (${formatBytes(inputSize)}) -> ${output} (${formatBytes(outputSize)}): ` +
        `${formatPercent(outputSize / inputSize)} of the original size\n`,
    );
    return 0;
  },
});
