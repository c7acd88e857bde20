// The shape shared by compact, rename and sanitize: one input profile, one transformation, one
// atomically written output. The output is written only after the whole transformation has
// succeeded, so a failure leaves an existing output file as it was.
import { TransformError, type EncodeOptions, type Profile } from '@go-pgo/pprof';
import { readProfile } from '../../profile/read-profile';
import { writeProfile } from '../../profile/write-profile';
import { expectPositionals, requireOption } from '../args';
import { CliError } from '../cli-error';

export const OUTPUT_HELP = '  -o, --output <file>  where to write the result (required; may be the input itself)';

export const OUTPUT_OPTION = { output: { type: 'string', short: 'o' } } as const;

/** The `<in>` and `-o <out>` of a command that rewrites one profile. */
export function inputAndOutput(
  positionals: string[],
  output: string | undefined,
  command: string,
): { input: string; output: string } {
  expectPositionals(positionals, { min: 1, max: 1 }, 'the input profile', command);
  return { input: positionals[0]!, output: requireOption(output, '--output', command) };
}

export interface Rewrite {
  before: Profile;
  after: Profile;
  inputSize: number;
  outputSize: number;
}

export async function rewriteProfile(
  input: string,
  output: string,
  cwd: string,
  transform: (profile: Profile) => Profile,
  encoding: EncodeOptions = {},
): Promise<Rewrite> {
  const { profile: before, size: inputSize } = await readProfile(input, cwd);
  let after: Profile;
  try {
    after = transform(before);
  } catch (error) {
    // E.g. compacting a heap profile: the input's fault, so the message names the input.
    if (error instanceof TransformError) throw new CliError(`${input}: ${error.message}`, { cause: error });
    throw error;
  }
  const outputSize = await writeProfile(output, after, cwd, encoding);
  return { before, after, inputSize, outputSize };
}
