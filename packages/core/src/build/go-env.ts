// What the toolchain that builds reports about itself and its target: one `go env` call, run
// where the build runs and with its environment, so GOTOOLCHAIN switches and GOOS/GOARCH count.
import { runGo, type GoRunOptions } from './go-command';

export interface GoTarget {
  /** e.g. go1.26.1 */
  goVersion: string;
  goos: string;
  goarch: string;
}

export async function readGoTarget(options: GoRunOptions): Promise<GoTarget> {
  const json = JSON.parse(await runGo(['env', '-json', 'GOVERSION', 'GOOS', 'GOARCH'], options)) as Record<string, string>;
  return { goVersion: json.GOVERSION ?? '', goos: json.GOOS ?? '', goarch: json.GOARCH ?? '' };
}
