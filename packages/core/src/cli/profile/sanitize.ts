// `go-pgo profile sanitize`: strip what a committed profile should not carry (customer data in
// labels, internal paths and build ids in mappings); PGO reads none of it.
import { sanitize, type Profile } from '@go-pgo/pprof';
import { parseCommandArgs } from '../args';
import { leafCommand } from '../command';
import { formatBytes, plural } from '../../text/format';
import { inputAndOutput, OUTPUT_HELP, OUTPUT_OPTION, rewriteProfile } from './rewrite';

const COMMAND = 'go-pgo profile sanitize';

export const sanitizeCommand = leafCommand({
  name: 'sanitize',
  summary: 'remove labels, mapping file names and build ids before committing a profile',
  help: `Usage: ${COMMAND} <in> -o <out>

Removes sample labels (they may hold customer data), mapping file names (internal paths) and
build ids. Go PGO reads none of them, so PGO decisions do not change.

Options:
${OUTPUT_HELP}
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OUTPUT_OPTION, COMMAND);
    const { input, output } = inputAndOutput(positionals, values.output, COMMAND);
    const { before, after, outputSize } = await rewriteProfile(input, output, io.cwd, sanitize);
    const removed = [
      plural(labelCount(before) - labelCount(after), 'label'),
      plural(mappingsWith(before, 'filename') - mappingsWith(after, 'filename'), 'mapping file name'),
      plural(mappingsWith(before, 'buildId') - mappingsWith(after, 'buildId'), 'build id'),
    ];
    io.stdout.write(`sanitized ${input} -> ${output} (${formatBytes(outputSize)}): removed ${removed.join(', ')}\n`);
    return 0;
  },
});

function labelCount(profile: Profile): number {
  let count = 0;
  for (const sample of profile.sample) count += sample.label.length;
  return count;
}

function mappingsWith(profile: Profile, field: 'filename' | 'buildId'): number {
  return profile.mapping.filter((m) => m[field] !== '').length;
}
