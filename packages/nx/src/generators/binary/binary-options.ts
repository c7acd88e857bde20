// The binary generator's options, checked and normalized before anything is written: the name
// becomes a directory `cmd/<name>` and the binary's file name, the port goes into main.go, and
// the directory is a workspace-relative path. The Nx CLI checks types against schema.json;
// these checks also hold for programmatic callers and say what to do instead.
import path from 'node:path';

export interface BinaryGeneratorSchema {
  /** The binary's name: its directory is `<directory>/cmd/<name>`. */
  name: string;
  /** Workspace-relative directory that gets `cmd/<name>`; default: the workspace's only Go module. */
  directory?: string;
  /** Default port of the net/http/pprof server in a new main.go. */
  port?: number;
  /** Replace an existing pgo.yaml with the commented defaults. */
  force?: boolean;
  /** Do not run the workspace's formatter on the changed files. */
  skipFormat?: boolean;
}

export interface NormalizedBinaryOptions {
  name: string;
  /** Normalized, '/'-separated, without a trailing '/'; undefined when not given. */
  directory: string | undefined;
  port: number;
  force: boolean;
  skipFormat: boolean;
}

export class BinaryOptionsError extends Error {
  override readonly name = 'BinaryOptionsError';
}

export const DEFAULT_PPROF_PORT = 6060;

/** Lowercase letters, digits, '-' and '_', not first: a directory the go command builds and a plain file name. */
const BINARY_NAME = /^[a-z0-9][a-z0-9_-]*$/;

export function normalizeBinaryOptions(schema: BinaryGeneratorSchema): NormalizedBinaryOptions {
  const { name } = schema;
  if (typeof name !== 'string' || !BINARY_NAME.test(name)) {
    throw new BinaryOptionsError(
      `binary name ${JSON.stringify(name)}: use lowercase letters, digits, '-' and '_', starting with a letter or digit (it becomes cmd/<name> and the binary's file name), e.g. "api" or "order-worker"`,
    );
  }
  const port = schema.port ?? DEFAULT_PPROF_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new BinaryOptionsError(`--port ${JSON.stringify(schema.port)}: give a TCP port from 1 to 65535 (default ${DEFAULT_PPROF_PORT})`);
  }
  return {
    name,
    directory: normalizeDirectory(schema.directory),
    port,
    force: schema.force ?? false,
    skipFormat: schema.skipFormat ?? false,
  };
}

function normalizeDirectory(directory: string | undefined): string | undefined {
  if (directory === undefined || directory.trim() === '') return undefined;
  const slashed = directory.trim().replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed)) {
    throw new BinaryOptionsError(`--directory ${JSON.stringify(directory)}: give a path relative to the workspace root, e.g. "services"`);
  }
  const normalized = path.posix.normalize(slashed).replace(/\/+$/, '');
  if (normalized === '..' || normalized.startsWith('../')) {
    throw new BinaryOptionsError(`--directory ${JSON.stringify(directory)} leaves the workspace: give a directory inside it, relative to its root`);
  }
  return normalized;
}
