// Contract fake of the Google Cloud CLI for `gcloud auth print-access-token`: a `gcloud` script
// in a temporary directory that specs put first on PATH, so the real gcloud (installed on
// this machine) is never run. It prints the token as gcloud does (one line), or fails as gcloud
// does with no account logged in; any other arguments are an error. Calls are logged.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface FakeGcloud {
  /** Put first on PATH. */
  dir: string;
  /** The argument lists it was called with, one line each. */
  calls(): string[];
  remove(): void;
}

const NO_ACCOUNT =
  'ERROR: (gcloud.auth.print-access-token) You do not currently have an active account selected.\nPlease run:\n\n  $ gcloud auth login\n\nto obtain new credentials.';

export function installFakeGcloud(behaviour: { token: string } | { loggedOut: true }): FakeGcloud {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-fake-gcloud-'));
  const log = path.join(dir, 'calls.log');
  const answer = 'token' in behaviour ? `printf '%s\\n' '${behaviour.token}'\n  exit 0` : `printf '%s\\n' '${NO_ACCOUNT.replace(/'/g, "'\\''")}' >&2\n  exit 1`;
  writeFileSync(
    path.join(dir, 'gcloud'),
    `#!/bin/sh
printf '%s\\n' "$*" >> '${log}'
if [ "$#" -eq 2 ] && [ "$1" = auth ] && [ "$2" = print-access-token ]; then
  ${answer}
fi
printf '%s\\n' "ERROR: (gcloud) Invalid choice: '$*'." >&2
exit 2
`,
    { mode: 0o755 },
  );
  return {
    dir,
    calls: () => {
      try {
        return readFileSync(log, 'utf8').split('\n').filter(Boolean);
      } catch {
        return [];
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
