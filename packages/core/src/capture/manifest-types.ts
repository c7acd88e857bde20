// manifest.json of a capture directory, `.pgo/captures/<project>/<UTC timestamp>/`: what was
// asked of whom, what came back, and why anything failed. pgo-merge reads it to find the
// profiles and their sources; people read it to see what a refresh was built from.
import type { SourceKind } from '../config/pgo-settings';

/** The manifest's name inside a capture directory. */
export const MANIFEST_FILE = 'manifest.json';

export type InstanceStatus = 'ok' | 'failed';

export interface ManifestInstance {
  /** The configured source name. */
  source: string;
  kind: SourceKind;
  instance: string;
  /** ISO 8601 UTC time the capture of this instance started. */
  start: string;
  /** Seconds asked for (live sources), or the profile's own duration (others). */
  seconds: number;
  /** The profile's file, relative to the capture directory; absent when it failed. */
  file?: string;
  bytes: number;
  sha256?: string;
  status: InstanceStatus;
  /** Why it failed, one line: "timed out after 32 s", "HTTP 500: cpu profiling already in use"… */
  error?: string;
  attempts: number;
  notes: string[];
}

export interface CaptureManifest {
  version: 1;
  project: string;
  /** ISO 8601 UTC time the run started. */
  createdAt: string;
  seconds: number;
  quorum: number;
  /** Instances that succeeded / all instances. */
  succeeded: number;
  total: number;
  quorumMet: boolean;
  instances: ManifestInstance[];
}
