// What a CLI command is, and command groups (`go-pgo`, `go-pgo profile`) that dispatch to
// their subcommands, print their help and turn a mistyped name into a usage error with a hint.
import { UsageError, wantsHelp } from './args';
import { closest } from '../text/suggest';
import type { TextSink } from '../text/text-sink';

export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  /** Relative paths on the command line resolve against this. */
  cwd: string;
}

export interface Command {
  name: string;
  /** One line, for the parent's command list. */
  summary: string;
  /** Runs with the arguments after the command name. */
  run(argv: string[], io: CliIo): Promise<number>;
}

/** A command that does the work itself: `-h`/`--help` anywhere among its arguments prints `help`. */
export function leafCommand(spec: Command & { help: string }): Command {
  return {
    ...spec,
    run: (argv, io) => {
      if (!wantsHelp(argv)) return spec.run(argv, io);
      io.stdout.write(spec.help);
      return Promise.resolve(0);
    },
  };
}

/**
 * A command whose module is loaded only when it runs: the group's help needs just the name and
 * summary, and loading every command (config, yaml, capture, bench…) up front cost start-up
 * time on every invocation.
 */
export interface LazyCommand extends Command {
  load(): Promise<Command>;
}

export function lazyCommand(spec: { name: string; summary: string; load: () => Promise<Command> }): LazyCommand {
  return {
    name: spec.name,
    summary: spec.summary,
    load: spec.load,
    run: async (argv, io) => (await spec.load()).run(argv, io),
  };
}

/** A command whose first argument names one of `commands`; `footer` ends its help. */
export function commandGroup(spec: {
  path: string;
  name: string;
  summary: string;
  commands: Command[];
  footer?: string;
}): Command {
  const width = Math.max(...spec.commands.map((c) => c.name.length));
  const help = [
    `Usage: ${spec.path} <command> [options]`,
    '',
    spec.summary,
    '',
    'Commands:',
    ...spec.commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Run '${spec.path} <command> --help' for the options of a command.`,
    ...(spec.footer === undefined ? [] : ['', spec.footer]),
    '',
  ].join('\n');
  return {
    name: spec.name,
    summary: spec.summary,
    async run(argv, io) {
      const [name, ...rest] = argv;
      if (name === undefined) {
        io.stderr.write(help);
        return 2;
      }
      if (name === '--help' || name === '-h') {
        io.stdout.write(help);
        return 0;
      }
      if (name.startsWith('-')) throw new UsageError(`unknown option '${name}'`, spec.path);
      const command = spec.commands.find((c) => c.name === name);
      if (command === undefined) {
        const guess = closest(name, spec.commands.map((c) => c.name));
        throw new UsageError(`unknown command '${name}'${guess ? ` (did you mean '${guess}'?)` : ''}`, spec.path);
      }
      return command.run(rest, io);
    },
  };
}
