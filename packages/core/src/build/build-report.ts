// The report pgo-build writes next to each binary: what was built, from which profile, how
// long it took. Later steps (bench gates on size and build time, release notes) read it.
import { formatBytes } from '../text/format';
import { atomicWrite } from '../fs/atomic-write';

export interface BuildReport {
  /** The binary, workspace-relative. */
  binary: string;
  binarySize: number;
  binarySha256: string;
  /** Wall time of `go build`, in seconds. */
  buildSeconds: number;
  /** `go env GOVERSION` of the toolchain that built it. */
  goVersion: string;
  goos: string;
  goarch: string;
  pgo: 'on' | 'off';
  /** Workspace-relative; null when built without PGO. */
  profile: string | null;
  profileSha256: string | null;
  /** The command as run, argument by argument. */
  command: string[];
  /** Where it ran (the module root), workspace-relative. */
  cwd: string;
}

export async function writeBuildReport(file: string, report: BuildReport): Promise<void> {
  await atomicWrite(file, `${JSON.stringify(report, null, 2)}\n`);
}

/** One line for people: what was built, how big, how fast, with which profile. */
export function buildSummary(report: BuildReport): string {
  const how = report.profile === null ? 'without PGO (-pgo=off)' : `with the profile ${report.profile}`;
  return `built ${report.binary} (${formatBytes(report.binarySize)}, ${report.buildSeconds.toFixed(1)} s) ${how}`;
}
