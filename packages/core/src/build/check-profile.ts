// A configured or present profile is checked before `go build` runs: go would otherwise fail
// late with a terse message, or a missing file would silently mean a build without PGO.
import { summarize, type Profile } from '@go-pgo/pprof';
import type { ProfileLocation } from '../config/resolve-profile';
import { workspaceRelative } from '../config/workspace-path';
import { ProfileReadError, readProfile } from '../profile/read-profile';
import { PgoBuildError } from './build-error';

/** Throws a PgoBuildError unless `go build -pgo` can use the profile at `location`. */
export async function checkProfileForPgo(location: ProfileLocation, workspaceRoot: string): Promise<void> {
  const shown = workspaceRelative(workspaceRoot, location.path);
  if (!location.exists) {
    throw new PgoBuildError(
      'missing-profile',
      `${shown}: the profile ${configuredWhere(location, workspaceRoot)} does not exist: ` +
        'put a Go CPU profile there (e.g. from /debug/pprof/profile?seconds=30 of a running instance), or fix the path',
    );
  }
  const summary = summarize(await decodeProfile(location, shown, workspaceRoot), { top: 0 });
  const rejected = summary.problems.filter((p) => p.severity === 'error');
  if (rejected.length > 0) {
    throw new PgoBuildError(
      'unusable-profile',
      `${shown}: go build -pgo cannot use this profile (${usedWhy(location, workspaceRoot)}): ${rejected.map((p) => p.message).join('; ')}`,
    );
  }
}

async function decodeProfile(location: ProfileLocation, shown: string, workspaceRoot: string): Promise<Profile> {
  try {
    return (await readProfile(shown, workspaceRoot)).profile;
  } catch (error) {
    if (!(error instanceof ProfileReadError)) throw error;
    throw new PgoBuildError(
      'unusable-profile',
      `${error.message}; go build -pgo cannot use it (the profile ${usedWhy(location, workspaceRoot)})`,
      { cause: error },
    );
  }
}

function configuredWhere(location: ProfileLocation, workspaceRoot: string): string {
  if (location.source === 'option') return 'given as the profile option';
  return `configured in ${workspaceRelative(workspaceRoot, location.configFile ?? '')}`;
}

function usedWhy(location: ProfileLocation, workspaceRoot: string): string {
  if (location.source === 'default') return 'found as the default profile of the binary';
  return configuredWhere(location, workspaceRoot);
}
