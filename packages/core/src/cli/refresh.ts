// `go-pgo refresh <binary-dir>`: pgo-refresh for teams without Nx. Prints the PR body on
// stdout; progress, the validation table and what was written or committed go to stderr.
import path from 'node:path';
import { locateBinary } from '../build/locate-binary';
import { loadPgoSettings } from '../config/load-settings';
import { buildContextOptionsFromEnv } from '../go/build-context';
import { abortOnSignals } from '../process/abort-on-signals';
import { refreshProfile, PR_BODY_FILE } from '../refresh/refresh-profile';
import { refreshSummary } from '../refresh/refresh-summary';
import { expectPositionals, parseCommandArgs, UsageError } from './args';
import { leafCommand } from './command';

const COMMAND = 'go-pgo refresh';

const OPTIONS = {
  'capture-dir': { type: 'string' },
  commit: { type: 'boolean' },
  'open-pr': { type: 'boolean' },
  'warn-only': { type: 'boolean' },
  'pr-body': { type: 'string' },
  project: { type: 'string' },
  root: { type: 'string' },
} as const;

export const refreshCommand = leafCommand({
  name: 'refresh',
  summary: "capture, merge, validate and compare a new profile; replace the committed one, with PR text",
  help: `Usage: ${COMMAND} <binary-dir> [options]

Refreshes the committed PGO profile of the Go binary in <binary-dir> (a cmd/<name> directory):
  1. capture from the sources in its pgo.yaml (or take --capture-dir)
  2. merge the capture into a candidate (<capture dir>/candidate.pgo) with pgo.yaml's merge settings
  3. validate the candidate: a failed gate stops the refresh (unless --warn-only)
  4. compare it with the committed profile: size, samples, the hottest functions before and
     after, call-edge overlap (weighted Jaccard of the caller → callee edges PGO weighs)
  5. replace the committed profile and write its sidecar <profile>.json (sources, window,
     fleet size, aggregation, top function before and after, sha256, Go version, validation)
  6. print a pull request body in Markdown, also written to <capture dir>/${PR_BODY_FILE}
Until step 5 nothing committed is touched: a refresh that fails leaves the profile, its sidecar
and git as they were. One refresh per binary runs at a time (.pgo/locks/<project>.lock).

Options:
  --capture-dir <dir>  use this capture directory (written by go-pgo capture) instead of capturing
  --commit             commit exactly the profile and sidecar on a new branch
                       pgo/refresh-<project>-<YYYY-MM-DD>, message "pgo: refresh <project>
                       profile (<YYYY-MM-DD>)"; refuses a work tree with uncommitted changes
  --open-pr            with --commit: push the branch and open a pull request with gh (when gh
                       is not on PATH, says so and opens none)
  --warn-only          adopt a candidate that fails validation (the PR body says it failed)
  --pr-body <file>     where the PR body is written (default <capture dir>/${PR_BODY_FILE})
  --project <name>     the project name (default the binary directory's name)
  --root <dir>         the workspace root (default: the directory of the go.work above
                       <binary-dir>, else of its go.mod)

Undo a merged refresh with go-pgo rollback <binary-dir>.
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS, COMMAND);
    expectPositionals(positionals, { min: 1, max: 1 }, 'the binary directory', COMMAND);
    if (values['open-pr'] && !values.commit) throw new UsageError('--open-pr needs --commit: the pull request is opened from the refresh commit', COMMAND);
    const at = await locateBinary(positionals[0]!, { cwd: io.cwd, workspaceRoot: values.root });
    const settings = await loadPgoSettings(at);
    const result = await abortOnSignals((signal) =>
      refreshProfile({
        project: values.project ?? path.basename(at.binaryDir),
        workspaceRoot: at.workspaceRoot,
        binaryDir: at.binaryDir,
        moduleRoot: at.moduleRoot,
        settings,
        ...(values['capture-dir'] !== undefined && { captureDir: path.resolve(io.cwd, values['capture-dir']) }),
        ...(values['pr-body'] !== undefined && { prBodyFile: path.resolve(io.cwd, values['pr-body']) }),
        warnOnly: values['warn-only'] === true,
        commit: values.commit === true,
        openPr: values['open-pr'] === true,
        signal,
        progress: { stream: io.stderr, tty: (io.stderr as { isTTY?: boolean }).isTTY === true },
        log: (line) => io.stderr.write(`${line}\n`),
        buildContext: buildContextOptionsFromEnv(process.env),
      }),
    );
    io.stdout.write(result.prBody);
    for (const line of refreshSummary(result, at.workspaceRoot)) io.stderr.write(`${line}\n`);
    return 0;
  },
});
