// A `go` first on PATH that records each invocation's arguments, then runs the real go: how
// the tests see which go processes a Nx run started (cache hits must start no `go build`).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { realGo } from './env';

/** Unit and record separators: arguments never contain them. */
const ARG_END = '\x1f';
const RECORD_END = '\x1e';

export class GoShim {
  private constructor(
    /** PATH with the shim's directory first. */
    readonly pathValue: string,
    private readonly log: string,
  ) {}

  static async create(dir: string, pathValue: string): Promise<GoShim> {
    const bin = path.join(dir, 'bin');
    const log = path.join(dir, 'go-invocations.log');
    await fs.mkdir(bin, { recursive: true });
    // One printf call, so concurrent go processes append whole records.
    const script = [
      '#!/bin/sh',
      `printf '%s${ARG_END}' "$@" '${RECORD_END}' >> ${quote(log)}`,
      `exec ${quote(realGo(pathValue))} "$@"`,
      '',
    ].join('\n');
    await fs.writeFile(path.join(bin, 'go'), script, { mode: 0o755 });
    const shim = new GoShim(`${bin}${path.delimiter}${pathValue}`, log);
    await shim.reset();
    return shim;
  }

  /** Arguments of every go invocation since the last reset, in order. */
  async invocations(): Promise<string[][]> {
    const text = await fs.readFile(this.log, 'utf8');
    return text
      .split(`${RECORD_END}${ARG_END}`)
      .filter((record) => record !== '')
      .map((record) => record.split(ARG_END).slice(0, -1));
  }

  /** The `go build` invocations since the last reset. */
  async builds(): Promise<string[][]> {
    return (await this.invocations()).filter((args) => subcommand(args) === 'build');
  }

  async reset(): Promise<void> {
    await fs.writeFile(this.log, '');
  }
}

/** The go subcommand, after the only flag allowed before it (`-C dir`). */
function subcommand(args: readonly string[]): string | undefined {
  if (args[0] === '-C') return args[2];
  if (args[0]?.startsWith('-C=')) return args[1];
  return args[0];
}

/** Single-quoted for sh. */
function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
