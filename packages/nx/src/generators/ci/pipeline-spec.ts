// What both CI providers' files are made from.
export interface PipelineSpec {
  /** Target names with the plugin's prefix. */
  targets: { build: string; verify: string; bench: string; refresh: string };
  /** Projects with capture sources, refreshed on the schedule. */
  refreshProjects: string[];
  cron: string;
  /** The cron in words, e.g. "weekly, Mondays at 05:17 UTC". */
  scheduleText: string;
  nodeVersion: string;
  /** go.work, else the go.mod setup-go reads the Go version from. */
  goVersionFile: string;
  /** The Go release to install where there is no setup-go (GitLab), e.g. go1.26.0. */
  goRelease: string;
}
