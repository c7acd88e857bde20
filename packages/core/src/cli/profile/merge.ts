// `go-pgo profile merge`: merge captures (several instances, several time windows) into one
// profile, optionally weighting some inputs more than others.
import path from 'node:path';
import { merge, MergeError, ProfileFormatError, type MergeOptions, type Profile } from '@go-pgo/pprof';
import { readProfile } from '../../profile/read-profile';
import { writeProfile } from '../../profile/write-profile';
import { expectPositionals, parseChoice, parseCommandArgs, parseWeight, requireOption, splitAssignment, UsageError } from '../args';
import { CliError } from '../cli-error';
import { leafCommand } from '../command';
import { formatBytes, plural } from '../../text/format';
import { OUTPUT_HELP, OUTPUT_OPTION } from './rewrite';

const COMMAND = 'go-pgo profile merge';
const NORMALIZE = ['duration', 'none'] as const;

const OPTIONS = {
  ...OUTPUT_OPTION,
  normalize: { type: 'string' },
  weight: { type: 'string', multiple: true },
  'drop-labels': { type: 'boolean' },
  'common-sample-types': { type: 'boolean' },
} as const;

export const mergeCommand = leafCommand({
  name: 'merge',
  summary: 'merge profiles into one, optionally normalized and weighted',
  help: `Usage: ${COMMAND} <files…> -o <out> [options]

Merges profiles (for example captures from several instances) into one.

Options:
${OUTPUT_HELP}
  --normalize <mode>   duration (default): scale each input to the same weight per second of
                       profiling first, so a longer capture does not dominate; none: plain sum,
                       as 'go tool pprof -proto' does
  --weight <file>=<N>  multiply one input by N ≥ 0 (repeatable); <file> as written above, or
                       its base name when that is unique among the inputs
  --drop-labels        drop sample labels (PGO ignores them; they may hold customer data)
  --common-sample-types
                       keep only the sample types every input has, instead of failing when
                       the inputs differ
`,
  async run(argv, io) {
    const { values, positionals: files } = parseCommandArgs(argv, OPTIONS, COMMAND);
    expectPositionals(files, { min: 1, max: Infinity }, 'the profiles to merge', COMMAND);
    const output = requireOption(values.output, '--output', COMMAND);
    const options: MergeOptions = {
      normalize: parseChoice(values.normalize ?? 'duration', '--normalize', NORMALIZE, COMMAND),
      weights: resolveWeights(files, values.weight ?? [], io.cwd),
      dropLabels: values['drop-labels'] ?? false,
      commonSampleTypes: values['common-sample-types'] ?? false,
    };
    // One at a time, in command-line order, so the error for a bad input is always the first one.
    const profiles: Profile[] = [];
    for (const file of files) profiles.push((await readProfile(file, io.cwd)).profile);
    const merged = mergeNamed(profiles, options, files);
    const size = await writeProfile(output, merged, io.cwd);
    io.stdout.write(
      `merged ${plural(files.length, 'profile')} (${plural(merged.sample.length, 'sample')}) into ${output} (${formatBytes(size)})\n`,
    );
    return 0;
  },
});

function mergeNamed(profiles: Profile[], options: MergeOptions, files: string[]): Profile {
  try {
    return merge(profiles, options);
  } catch (error) {
    if (error instanceof MergeError || error instanceof ProfileFormatError) {
      throw new CliError(`cannot merge: ${inCommandLineTerms(error.message, files)}`, { cause: error });
    }
    throw error;
  }
}

/** Merge errors speak of "input 2" and of option names; the user wrote file names and flags. */
function inCommandLineTerms(message: string, files: string[]): string {
  return message
    .replace(/\binput (\d+)\b/g, (text, index: string) => {
      const file = files[Number(index)];
      return file === undefined ? text : `'${file}'`;
    })
    .replace(/commonSampleTypes: true/g, '--common-sample-types')
    .replace(/normalize: '(\w+)'/g, '--normalize $1');
}

/** One weight per input (1 unless a --weight names it). */
function resolveWeights(files: string[], specs: string[], cwd: string): number[] {
  const weights = files.map(() => 1);
  const weighted = new Set<number>();
  for (const spec of specs) {
    const [name, raw] = splitAssignment(spec, '--weight', '<file>=<N>', COMMAND);
    const weight = parseWeight(raw, name, COMMAND);
    for (const index of inputsNamed(files, name, cwd)) {
      if (weighted.has(index)) throw new UsageError(`--weight given twice for '${files[index]}'`, COMMAND);
      weighted.add(index);
      weights[index] = weight;
    }
  }
  return weights;
}

/**
 * The inputs `name` refers to: those written exactly so (or resolving to the same path), else
 * the one whose base name it is. A file given twice is weighted at every occurrence.
 */
function inputsNamed(files: string[], name: string, cwd: string): number[] {
  const resolved = path.resolve(cwd, name);
  const exact = indexesWhere(files, (f) => path.resolve(cwd, f) === resolved);
  if (exact.length > 0) return exact;
  const byBase = indexesWhere(files, (f) => path.basename(f) === name);
  const distinct = new Set(byBase.map((i) => path.resolve(cwd, files[i])));
  if (distinct.size > 1) {
    const list = byBase.map((i) => `'${files[i]}'`).join(', ');
    throw new UsageError(`--weight '${name}' matches several inputs (${list}): give the path as written there`, COMMAND);
  }
  if (byBase.length === 0) {
    throw new UsageError(`--weight names '${name}', which is not one of the inputs: ${files.join(' ')}`, COMMAND);
  }
  return byBase;
}

function indexesWhere(files: string[], predicate: (file: string) => boolean): number[] {
  const indexes: number[] = [];
  files.forEach((f, i) => {
    if (predicate(f)) indexes.push(i);
  });
  return indexes;
}
