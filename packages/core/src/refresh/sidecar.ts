// `<profile>.json`, committed beside the profile: where the profile came from and what it holds,
// so a reviewer (and the next refresh) can judge it without the capture. Fields: README.md.
import type { CaptureManifest } from '../capture/manifest-types';
import type { MergeSettings, SourceKind } from '../config/pgo-settings';
import type { ProfileComparison } from '../compare/compare-profiles';
import type { ValidationFigures, ValidationReport } from '../validate/validation-report';

export interface SidecarSource {
  name: string;
  kind: SourceKind;
  /** Instances of this source that were captured / asked. */
  ok: number;
  total: number;
}

export interface SidecarInstance {
  source: string;
  instance: string;
  /** ISO 8601 UTC. */
  start: string;
  seconds: number;
}

export interface ProfileSidecar {
  version: 1;
  project: string;
  /** Workspace-relative. */
  profile: string;
  /** ISO 8601 UTC. */
  refreshedAt: string;
  sha256: string;
  bytes: number;
  /** `go env GOVERSION` in the binary's module. */
  goVersion: string;
  capture: {
    /** The capture's manifest.json, workspace-relative (captures are not committed). */
    manifest: string;
    createdAt: string;
    /** Seconds asked of every live instance. */
    seconds: number;
    /** First start to last end of the captured instances; null when none has a duration. */
    window: { start: string; end: string } | null;
    fleet: { ok: number; total: number };
    sources: SidecarSource[];
    /** The profiles merged, each with its own start and seconds. */
    instances: SidecarInstance[];
  };
  aggregation: Pick<MergeSettings, 'normalize' | 'weights' | 'keepFrames' | 'compact' | 'dropLabels' | 'noInline'>;
  topFunction: { before: { name: string; share: number } | null; after: { name: string; share: number } | null };
  comparison: ProfileComparison;
  validation: { passed: boolean; failed: string[]; figures: ValidationFigures };
}

export interface SidecarFacts {
  project: string;
  profile: string;
  refreshedAt: Date;
  sha256: string;
  bytes: number;
  goVersion: string;
  manifest: CaptureManifest;
  manifestFile: string;
  merge: MergeSettings;
  comparison: ProfileComparison;
  validation: ValidationReport;
}

/** `default.pgo` → `default.pgo.json`. */
export function sidecarFile(profile: string): string {
  return `${profile}.json`;
}

export function buildSidecar(facts: SidecarFacts): ProfileSidecar {
  const { manifest, comparison, validation, merge } = facts;
  const captured = manifest.instances.filter((i) => i.status === 'ok');
  const sources = new Map<string, SidecarSource>();
  for (const entry of manifest.instances) {
    const source = sources.get(entry.source) ?? { name: entry.source, kind: entry.kind, ok: 0, total: 0 };
    source.total++;
    if (entry.status === 'ok') source.ok++;
    sources.set(entry.source, source);
  }
  return {
    version: 1,
    project: facts.project,
    profile: facts.profile,
    refreshedAt: facts.refreshedAt.toISOString(),
    sha256: facts.sha256,
    bytes: facts.bytes,
    goVersion: facts.goVersion,
    capture: {
      manifest: facts.manifestFile,
      createdAt: manifest.createdAt,
      seconds: manifest.seconds,
      window: windowOf(captured),
      fleet: { ok: captured.length, total: manifest.instances.length },
      sources: [...sources.values()],
      instances: captured.map((i) => ({ source: i.source, instance: i.instance, start: i.start, seconds: i.seconds })),
    },
    aggregation: { normalize: merge.normalize, weights: merge.weights, keepFrames: merge.keepFrames, compact: merge.compact, dropLabels: merge.dropLabels, noInline: merge.noInline },
    topFunction: { before: comparison.before?.top[0] ?? null, after: comparison.after.top[0] ?? null },
    comparison,
    validation: {
      passed: validation.passed,
      failed: validation.checks.filter((c) => c.status === 'fail').map((c) => c.id),
      figures: validation.figures,
    },
  };
}

function windowOf(instances: SidecarInstance[]): ProfileSidecar['capture']['window'] {
  const spans = instances.map((i) => ({ start: Date.parse(i.start), end: Date.parse(i.start) + i.seconds * 1000 })).filter((s) => Number.isFinite(s.start));
  if (spans.length === 0) return null;
  const start = Math.min(...spans.map((s) => s.start));
  const end = Math.max(...spans.map((s) => s.end));
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}
