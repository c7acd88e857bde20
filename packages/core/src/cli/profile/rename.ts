// `go-pgo profile rename`: rename functions or whole packages in a profile, and move call sites
// within a function, so a profile keeps steering PGO after code moved (a module path change, a
// package rename, lines inserted above a hot call).
import { moveCallSites, rename, type CallSiteMove, type Profile, type RenameRule } from '@go-pgo/pprof';
import { parseCommandArgs, splitAssignment, UsageError } from '../args';
import { leafCommand } from '../command';
import { plural } from '../../text/format';
import { inputAndOutput, OUTPUT_HELP, OUTPUT_OPTION, rewriteProfile } from './rewrite';

const OPTIONS = { ...OUTPUT_OPTION, map: { type: 'string', multiple: true }, move: { type: 'string', multiple: true } } as const;
const COMMAND = 'go-pgo profile rename';

export const renameCommand = leafCommand({
  name: 'rename',
  summary: 'rename functions or packages in a profile after code moved',
  help: `Usage: ${COMMAND} <in> -o <out> [--map <old>=<new>]… [--move <function>:+<old>=+<new>]…

Renames functions and moves call sites, so a profile captured before a refactoring still
matches the code. Go's PGO finds a call edge by its caller's name and the call's line offset
from the caller's start line; 'go-pgo validate' names the edges whose function is gone (stale)
or whose line holds no call any more (moved, as caller:+offset).

Options:
${OUTPUT_HELP}
  --map <old>=<new>    rename the function <old> to <new> (repeatable). When <old> ends in '.'
                       or '/', it is a package prefix: every function under it is renamed, e.g.
                       --map example.com/old/=example.com/new/ or --map oldpkg.=newpkg.
  --move <function>:+<old>=+<new>
                       put the calls of <function> (its name after --map) that the profile
                       has <old> lines below its start line <new> lines below it (repeatable),
                       e.g. --move example.com/app/pkg.Handle:+12=+14 after two lines were
                       inserted above that call
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS, COMMAND);
    const { input, output } = inputAndOutput(positionals, values.output, COMMAND);
    if (values.map === undefined && values.move === undefined) throw new UsageError('missing --map <old>=<new> or --move <function>:+<old>=+<new>', COMMAND);
    const rules = parseRules(values.map ?? []);
    const moves = (values.move ?? []).map(parseMove);
    const { before, after } = await rewriteProfile(input, output, io.cwd, (p) => moveCallSites(rules.length === 0 ? p : rename(p, rules), moves));
    const moved = moves.length === 0 ? '' : ` and moved ${plural(countMoved(before, after), 'call-site line')}`;
    io.stdout.write(`renamed ${plural(countRenamed(before, after), 'function')}${moved}: ${input} -> ${output}\n`);
    return 0;
  },
});

/** `<function>:+<old>=+<new>` (offsets may be negative: `:-2`). */
function parseMove(spec: string): CallSiteMove {
  const [site, to] = splitAssignment(spec, '--move', '<function>:+<old>=+<new>', COMMAND);
  const colon = site.lastIndexOf(':');
  const offset = (text: string): number => (/^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN);
  const move = { caller: site.slice(0, Math.max(0, colon)), from: offset(site.slice(colon + 1)), to: offset(to) };
  if (colon <= 0 || !Number.isSafeInteger(move.from) || !Number.isSafeInteger(move.to)) {
    throw new UsageError(`--move expects <function>:+<old>=+<new> (line offsets, e.g. pkg.F:+12=+14), got '${spec}'`, COMMAND);
  }
  return move;
}

function parseRules(maps: string[]): RenameRule[] {
  const rules: RenameRule[] = [];
  for (const map of maps) {
    const [from, to] = splitAssignment(map, '--map', '<old>=<new>', COMMAND);
    if (rules.some((r) => r.from === from)) throw new UsageError(`--map renames '${from}' twice`, COMMAND);
    rules.push({ from, to });
  }
  return rules;
}

/** Location lines whose line number differs after moving (moving keeps the location table's order). */
function countMoved(before: Profile, after: Profile): number {
  let count = 0;
  before.location.forEach((l, i) => l.line.forEach((x, j) => (count += x.line === after.location[i]!.line[j]!.line ? 0 : 1)));
  return count;
}

/** Functions whose name differs after renaming (by id: rename keeps the function table's ids). */
function countRenamed(before: Profile, after: Profile): number {
  const names = new Map<number, string>();
  for (const f of after.function) names.set(f.id, f.name);
  let count = 0;
  for (const f of before.function) if (names.get(f.id) !== f.name) count++;
  return count;
}
