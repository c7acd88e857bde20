// A git command that failed, or a repository state that stops a refresh or rollback (dirty work
// tree, existing branch, conflicting revert). One line that says what to do.
import { GoPgoError } from '../errors/go-pgo-error';

export class GitError extends GoPgoError {
  override readonly name = 'GitError';
}
