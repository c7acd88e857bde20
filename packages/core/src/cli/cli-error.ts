// An expected failure of a command (bad input, an operation the input does not allow): main
// prints the message as one line after "go-pgo: " and exits 1, without a stack.
export class CliError extends Error {
  override readonly name = 'CliError';
}
