// pgo-validate: checks one binary's profile against the thresholds of its pgo.yaml and against
// the current source of its import closure. Gates: sample type, size (raw captures), samples,
// start_line coverage, stale ratio and call-site match (on the call edges PGO reads), coverage,
// wrong binary. Drift from the committed profile is reported, never a gate. Definitions of every
// figure: README.md.
import path from 'node:path';
import { pgoEdges, pgoSampleIndex, sampleCount, summarize, TransformError, type PgoEdgeList, type Profile, type ProfileSummary } from '@go-pgo/pprof';
import { callEdgesOf, edgeSimilarity } from '../compare/call-edges';
import type { ValidateSettings } from '../config/pgo-settings';
import { workspaceRelative } from '../config/workspace-path';
import type { BuildContextOptions } from '../go/build-context';
import { nodeFileReader } from '../go/file-reader';
import { GoScanError } from '../go/go-error';
import { GoWorkspaceScanner } from '../go/scanner';
import { formatPercent } from '../text/format';
import { readProfile } from '../profile/read-profile';
import { heaviestEdges, weighEdges } from './edge-weights';
import { weighProfile, type ProfileWeights } from './profile-weights';
import type { CheckId, CheckStatus, CheckUnit, ValidationCheck, ValidationFigures, ValidationReport, WeightedEdge } from './validation-report';
import { PgoValidateError } from './validate-error';
import { WorkspacePackages } from './workspace-packages';

export interface ValidateProfileOptions {
  workspaceRoot: string;
  /** The binary's directory (`…/cmd/<name>`), absolute or relative to the workspace root. */
  binaryDir: string;
  /** The profile to validate, absolute or relative to the workspace root. */
  profile: string;
  settings: ValidateSettings;
  /** The committed profile to measure drift against. */
  committedProfile?: string;
  /** A raw capture (not merged or compacted): minBytes applies. */
  raw?: boolean;
  /** The build whose closure counts (GOOS/GOARCH, tags, Go version); default linux/amd64. */
  buildContext?: BuildContextOptions;
  /** A scanner of `workspaceRoot` to reuse (its build context wins over `buildContext`). */
  scanner?: GoWorkspaceScanner;
}

const EDGES_SHOWN = 5;

export async function validateProfile(options: ValidateProfileOptions): Promise<ValidationReport> {
  const root = path.resolve(options.workspaceRoot);
  const shown = (file: string): string => workspaceRelative(root, path.resolve(root, file));
  const { profile, size } = await readProfile(shown(options.profile), root);
  const committed = options.committedProfile === undefined ? undefined : (await readProfile(shown(options.committedProfile), root)).profile;
  const scanner = options.scanner ?? new GoWorkspaceScanner(root, options.buildContext);
  const packages = new WorkspacePackages(scanner, path.resolve(root, options.binaryDir), nodeFileReader);
  const binary = packages.closure.dir;
  if (packages.binary === undefined) {
    throw new PgoValidateError(`${binary}: not a binary of the workspace (a cmd/<name> directory of package main): give the binary's directory`);
  }

  const summary = summarize(profile, { top: 0 });
  const pgoIndex = pgoSampleIndex(profile);
  const weights = pgoIndex < 0 ? undefined : weighProfile(profile, pgoIndex, packages);
  const ratio = (part: number): number => (weights === undefined || weights.total === 0 ? 0 : part / weights.total);
  const list = readEdges(profile);
  const edges = list === undefined ? undefined : weighEdges(profile, list, packages);
  const edgeRatio = (part: number): number => (edges === undefined || edges.total === 0 ? 0 : part / edges.total);
  const committedEdges = committed === undefined ? undefined : readEdges(committed);

  const figures: ValidationFigures = {
    bytes: size,
    sampleType: summary.pgoSampleType,
    samples: samplesTaken(profile),
    totalWeight: weights?.total ?? 0,
    startLineCoverage: summary.startLineCoverage.weight,
    edges: list?.edges.length ?? null,
    staleRatio: edgeRatio(edges?.stale ?? 0),
    staleEdges: edges === undefined ? [] : heaviestEdges(edges, 'stale', EDGES_SHOWN),
    callSiteMatch: 1 - edgeRatio(edges?.moved ?? 0),
    movedEdges: edges === undefined ? [] : heaviestEdges(edges, 'moved', EDGES_SHOWN),
    coverage: ratio(weights?.closure ?? 0),
    wrongBinaryRatio: ratio(weights?.wrongBinary ?? 0),
    likelyBinary: weights === undefined ? null : likelyBinary(weights, packages),
    driftSimilarity: list === undefined || committedEdges === undefined ? null : edgeSimilarity(callEdgesOf(list.edges), callEdgesOf(committedEdges.edges)),
  };
  const checks = buildChecks(figures, summary, options.settings, options.raw === true, binary);
  return {
    profile: shown(options.profile),
    binary,
    committedProfile: options.committedProfile === undefined ? null : shown(options.committedProfile),
    passed: !checks.some((check) => check.status === 'fail'),
    checks,
    figures,
  };
}

type Bound = 'min' | 'max';

/** A row that is not a gate, or could not be measured (value null). */
function row(id: CheckId, label: string, unit: CheckUnit, value: number | string | null, status: CheckStatus, detail: string, limit?: { threshold: number; bound: Bound }): ValidationCheck {
  return { id, label, value, unit, threshold: limit?.threshold ?? null, bound: limit?.bound ?? null, status, detail };
}

/** A gate: pass when `value` is within `threshold`; `detail` says why for either outcome. */
function gate(id: CheckId, label: string, unit: CheckUnit, value: number, threshold: number, bound: Bound, detail: (ok: boolean) => string): ValidationCheck {
  const ok = bound === 'min' ? value >= threshold : value <= threshold;
  return row(id, label, unit, value, ok ? 'pass' : 'fail', detail(ok), { threshold, bound });
}

function buildChecks(f: ValidationFigures, summary: ProfileSummary, settings: ValidateSettings, raw: boolean, binary: string): ValidationCheck[] {
  const problem = (code: string): string | undefined => summary.problems.find((p) => p.code === code)?.message;
  const kindWarning = problem('wall-clock') ?? problem('ebpf-agent');
  const checks: ValidationCheck[] = [
    row('parse', 'parses', 'text', summary.sampleTypes.join(', ') || 'no sample types', 'pass', `${summary.samples} Sample messages, ${summary.functions} functions`),
    f.sampleType === null
      ? row('sample-type', 'PGO sample type', 'text', null, 'fail', problem('no-pgo-sample-type') ?? 'the profile has no samples/count or cpu/nanoseconds sample type')
      : row('sample-type', 'PGO sample type', 'text', f.sampleType, kindWarning === undefined ? 'pass' : 'warn',
          kindWarning ?? 'the first samples/count or cpu/nanoseconds type, as go build -pgo reads it'),
    raw
      ? gate('size', 'size', 'bytes', f.bytes, settings.minBytes, 'min', (ok) =>
          ok ? 'raw capture size' : 'a raw capture this small holds too little: capture for longer or under more load')
      : row('size', 'size', 'bytes', f.bytes, 'info', 'applies to raw captures only (--raw): merged and compacted profiles are small by design',
          { threshold: settings.minBytes, bound: 'min' }),
    gate('samples', 'samples', 'count', f.samples, settings.minSamples, 'min', (ok) =>
      ok ? 'samples taken' : 'too few samples: which call edges look hot is mostly chance; capture for longer or merge more captures'),
  ];
  const unmeasured = (id: CheckId, label: string, threshold: number, bound: Bound, why: string): ValidationCheck =>
    row(id, label, 'ratio', null, 'info', `not measured: ${why}`, { threshold, bound });
  if (f.sampleType === null) {
    const why = 'the profile has no PGO sample type';
    checks.push(
      unmeasured('start-line', 'start_line coverage', settings.minStartLineCoverage, 'min', why),
      unmeasured('stale', 'stale ratio', settings.maxStaleRatio, 'max', why),
      unmeasured('call-sites', 'call-site match', settings.minCallSiteMatch, 'min', why),
      unmeasured('coverage', 'coverage', settings.minCoverage, 'min', why),
      unmeasured('wrong-binary', 'wrong-binary ratio', settings.maxWrongBinaryRatio, 'max', why),
    );
    return checks;
  }
  checks.push(
    gate('start-line', 'start_line coverage', 'ratio', f.startLineCoverage, settings.minStartLineCoverage, 'min', (ok) =>
      ok
        ? 'weight whose leaf function has a start_line'
        : 'weight whose leaf function has no start_line is lost to PGO: capture with runtime/pprof of Go 1.20 or newer'),
  );
  if (f.edges === null) {
    const why = 'Go PGO reads no call edges from this profile (no start_line)';
    checks.push(
      unmeasured('stale', 'stale ratio', settings.maxStaleRatio, 'max', why),
      unmeasured('call-sites', 'call-site match', settings.minCallSiteMatch, 'min', why),
    );
  } else {
    const stale = describeEdges(f.staleEdges, false);
    const moved = describeEdges(f.movedEdges, true);
    checks.push(
      gate('stale', 'stale ratio', 'ratio', f.staleRatio, settings.maxStaleRatio, 'max', (ok) =>
        stale === ''
          ? `no call edge PGO reads has a caller or callee of ${binary}'s packages missing from the source`
          : `${ok ? 'call edges whose caller or callee is missing from the source' : 'too much call-edge weight on functions missing from the source; capture a fresh profile, or map old names to new ones with go-pgo profile rename'}: ${stale}`),
      gate('call-sites', 'call-site match', 'ratio', f.callSiteMatch, settings.minCallSiteMatch, 'min', (ok) =>
        moved === ''
          ? 'every checked call edge still finds a call at its line'
          : `${ok ? 'call edges whose line (start_line + offset) holds no call any more' : "too much call-edge weight on lines that hold no call any more (PGO matches calls by their line's offset in the function); capture a fresh profile, or move the call sites with go-pgo profile rename --move"}: ${moved}`),
    );
  }
  checks.push(
    gate('coverage', 'coverage', 'ratio', f.coverage, settings.minCoverage, 'min', (ok) =>
      ok
        ? `weight with a frame in ${binary}'s packages`
        : `too little weight in ${binary}'s own packages: is this the right binary's profile, captured under real load?`),
    gate('wrong-binary', 'wrong-binary ratio', 'ratio', f.wrongBinaryRatio, settings.maxWrongBinaryRatio, 'max', (ok) =>
      ok
        ? `weight in workspace packages outside ${binary}'s closure`
        : f.likelyBinary === null
          ? `much of the weight is in workspace packages ${binary} does not import: check which binary this profile came from`
          : `this profile looks like it came from ${f.likelyBinary}, not ${binary}: use that binary's profile`),
  );
  if (f.driftSimilarity !== null) {
    checks.push(row('drift', 'similarity to committed', 'ratio', f.driftSimilarity, 'info', 'weighted overlap of the call edges PGO reads (not a gate)'));
  }
  return checks;
}

/** The call edges Go's PGO reads from `profile`, undefined when it reads none. */
function readEdges(profile: Profile): PgoEdgeList | undefined {
  try {
    return pgoEdges(profile);
  } catch (error) {
    if (error instanceof TransformError) return undefined;
    throw error;
  }
}

/** `caller → callee 12.3%` (with the offset, `caller:+4 → callee`, where lines matter), comma-separated. */
function describeEdges(edges: WeightedEdge[], offsets: boolean): string {
  return edges.map((e) => `${e.caller}${offsets ? `:+${e.offset}` : ''} → ${e.callee} ${formatPercent(e.share)}`).join(', ');
}

/**
 * The other workspace binary whose closure holds every workspace package of the most
 * wrong-binary weight; null when none holds any.
 */
function likelyBinary(weights: ProfileWeights, packages: WorkspacePackages): string | null {
  if (weights.wrongBinary === 0) return null;
  let best: { dir: string; weight: number } | null = null;
  for (const binary of packages.otherBinaries()) {
    let closure: Set<string>;
    try {
      closure = new Set(packages.closureOf(binary.dir).packages.map((p) => p.importPath));
    } catch (error) {
      // A binary whose sources do not scan cannot be the answer; the validated one scanned fine.
      if (error instanceof GoScanError) continue;
      throw error;
    }
    let weight = 0;
    for (const [key, value] of weights.wrongByPackages) {
      if (key.split('\n').every((pkg) => closure.has(pkg))) weight += value;
    }
    if (weight > 0 && (best === null || weight > best.weight)) best = { dir: binary.dir, weight };
  }
  return best?.dir ?? null;
}

/** Samples taken: samples/count when present, else CPU time / period, else Sample messages. */
function samplesTaken(profile: Profile): number {
  const count = sampleCount(profile);
  return count === undefined ? profile.sample.length : Math.round(count);
}

