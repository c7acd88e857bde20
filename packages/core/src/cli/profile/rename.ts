// `go-pgo profile rename`: rename functions or whole packages in a profile, so a profile keeps
// steering PGO after code moved (a module path change, a package rename).
import { rename, type Profile, type RenameRule } from '@go-pgo/pprof';
import { parseCommandArgs, splitAssignment, UsageError } from '../args';
import { leafCommand } from '../command';
import { plural } from '../../text/format';
import { inputAndOutput, OUTPUT_HELP, OUTPUT_OPTION, rewriteProfile } from './rewrite';

const OPTIONS = { ...OUTPUT_OPTION, map: { type: 'string', multiple: true } } as const;
const COMMAND = 'go-pgo profile rename';

export const renameCommand = leafCommand({
  name: 'rename',
  summary: 'rename functions or packages in a profile after code moved',
  help: `Usage: ${COMMAND} <in> -o <out> --map <old>=<new> [--map <old>=<new>]…

Renames functions, so a profile captured before a refactoring still matches the code.

Options:
${OUTPUT_HELP}
  --map <old>=<new>    rename the function <old> to <new> (repeatable). When <old> ends in '.'
                       or '/', it is a package prefix: every function under it is renamed, e.g.
                       --map example.com/old/=example.com/new/ or --map oldpkg.=newpkg.
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS, COMMAND);
    const { input, output } = inputAndOutput(positionals, values.output, COMMAND);
    const rules = parseRules(values.map ?? []);
    const { before, after } = await rewriteProfile(input, output, io.cwd, (p) => rename(p, rules));
    io.stdout.write(`renamed ${plural(countRenamed(before, after), 'function')}: ${input} -> ${output}\n`);
    return 0;
  },
});

function parseRules(maps: string[]): RenameRule[] {
  if (maps.length === 0) throw new UsageError('missing --map <old>=<new>', COMMAND);
  const rules: RenameRule[] = [];
  for (const map of maps) {
    const [from, to] = splitAssignment(map, '--map', '<old>=<new>', COMMAND);
    if (rules.some((r) => r.from === from)) throw new UsageError(`--map renames '${from}' twice`, COMMAND);
    rules.push({ from, to });
  }
  return rules;
}

/** Functions whose name differs after renaming (by id: rename keeps the function table's ids). */
function countRenamed(before: Profile, after: Profile): number {
  const names = new Map<number, string>();
  for (const f of after.function) names.set(f.id, f.name);
  let count = 0;
  for (const f of before.function) if (names.get(f.id) !== f.name) count++;
  return count;
}
