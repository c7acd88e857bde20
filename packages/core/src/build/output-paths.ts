// Where pgo-build puts a binary and its report. The Nx plugin declares the same paths as the
// target's outputs, so both sides take them from here.
import path from 'node:path';

/** dist/go/<binary dir>/<name>, workspace-relative: pgo-build's default output path. */
export function defaultOutputPath(binaryDir: string): string {
  const dir = binaryDir.split(path.sep).join('/');
  return `dist/go/${dir}/${path.posix.basename(dir)}`;
}

/**
 * dist/go/<binary dir>/off/<name>, workspace-relative: where the -pgo=off baseline goes (pgo-build:off,
 * go-pgo build --off), so that it and the PGO build exist side by side.
 */
export function defaultOffOutputPath(binaryDir: string): string {
  const dir = binaryDir.split(path.sep).join('/');
  return `dist/go/${dir}/off/${path.posix.basename(dir)}`;
}

/** The binary's file: `outputPath` with `.exe` added for GOOS=windows, as `go build` itself names it. */
export function binaryFile(outputPath: string, goos: string): string {
  return goos === 'windows' && !outputPath.endsWith('.exe') ? `${outputPath}.exe` : outputPath;
}

/** The build report next to the binary: `<outputPath>.build.json`, with any `.exe` left out. */
export function buildReportFile(outputPath: string): string {
  return `${outputPath.replace(/\.exe$/, '')}.build.json`;
}
