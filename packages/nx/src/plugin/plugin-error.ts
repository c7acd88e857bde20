// The typed error of the inference plugin: a bad option in nx.json, a bad pgo.yaml, or names
// that cannot be made unique. The message names the file (and line) and says what to do; Nx
// reports it against that file.
export class GoPgoPluginError extends Error {
  override readonly name = 'GoPgoPluginError';

  constructor(
    /** Workspace-relative file at fault (nx.json, a pgo.yaml, a package.json). */
    readonly file: string,
    message: string,
    /** 1-based line in `file`, when the problem has one. */
    readonly line?: number,
    options?: { cause?: unknown },
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${message}`, options);
  }
}
