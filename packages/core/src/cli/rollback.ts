// `go-pgo rollback <binary-dir>`: pgo-rollback for teams without Nx.
import { locateBinary } from '../build/locate-binary';
import { loadPgoSettings } from '../config/load-settings';
import { workspaceRelative } from '../config/workspace-path';
import { rollbackProfile } from '../rollback/rollback-profile';
import { rollbackSummary } from '../rollback/rollback-summary';
import { expectPositionals, parseCommandArgs } from './args';
import { leafCommand } from './command';

const COMMAND = 'go-pgo rollback';

const OPTIONS = {
  'dry-run': { type: 'boolean' },
  root: { type: 'string' },
} as const;

export const rollbackCommand = leafCommand({
  name: 'rollback',
  summary: "revert the last commit that changed a binary's profile",
  help: `Usage: ${COMMAND} <binary-dir> [options]

Finds the last commit that changed the committed profile of the Go binary in <binary-dir> or
its sidecar <profile>.json (git log -n 1 -- <profile> <sidecar>) and reverts it with
git revert --no-edit, which makes a new commit: push it (or open a PR) like any change.
Refuses when the work tree has uncommitted changes, when no commit changed the profile, and
when the revert conflicts with later changes (the revert is aborted: nothing is left half-done).

Options:
  --dry-run      show the commit, its subject and files that would be reverted; change nothing
  --root <dir>   the workspace root (default: the directory of the go.work above
                 <binary-dir>, else of its go.mod)

Emergency: to ship without PGO at once, without touching the profile, build the -pgo=off
baseline: nx run <project>:pgo-build:off (or go-pgo build <binary-dir> --off).
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS, COMMAND);
    expectPositionals(positionals, { min: 1, max: 1 }, 'the binary directory', COMMAND);
    const at = await locateBinary(positionals[0]!, { cwd: io.cwd, workspaceRoot: values.root });
    const settings = await loadPgoSettings(at);
    const dryRun = values['dry-run'] === true;
    const result = await rollbackProfile({ workspaceRoot: at.workspaceRoot, profile: settings.profile, dryRun });
    io.stdout.write(`${rollbackSummary(result, workspaceRelative(at.workspaceRoot, settings.profile), dryRun).join('\n')}\n`);
    return 0;
  },
});
