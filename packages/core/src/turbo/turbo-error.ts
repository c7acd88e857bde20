// An expected failure of `go-pgo turbo init/check`: a root package.json or turbo.json it cannot
// merge into, a layout Turborepo cannot express, or generated files that are out of date.
import { GoPgoError } from '../errors/go-pgo-error';

export class TurboConfigError extends GoPgoError {
  override readonly name = 'TurboConfigError';
}
