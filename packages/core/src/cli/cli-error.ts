// An expected failure of a command (bad input, an operation the input does not allow): main
// prints the message as one line after "go-pgo: " and exits 1, without a stack.
import { GoPgoError } from '../errors/go-pgo-error';
export class CliError extends GoPgoError {
  override readonly name = 'CliError';
}
