// pgo-merge: the profiles of one capture directory into one candidate profile. The profiles of
// successful instances are decoded (all of them before anything is written), weighed (duration
// normalization from @go-pgo/pprof's merge, merge.weights by source and instance), merged with
// labels dropped, noInline applied, compacted to what PGO reads (merge.compact: the default or the
// minimal level), then written atomically, gzipped as small as it goes since it may be committed,
// with a JSON summary. The committed profile is never an output.
import { createHash } from 'node:crypto';
import path from 'node:path';
import {
  compactForPgo,
  encode,
  merge,
  MergeError,
  noInline,
  pgoSampleIndex,
  ProfileFormatError,
  summarize,
  toNumber,
  TransformError,
  type Profile,
} from '@go-pgo/pprof';
import type { ManifestInstance } from '../capture/manifest-types';
import type { MergeSettings } from '../config/pgo-settings';
import { atomicWrite } from '../fs/atomic-write';
import { readProfile } from '../profile/read-profile';
import { readCaptureManifest } from './capture-manifest';
import { CaptureMergeError } from './merge-error';
import type { MergeInputSummary, MergeSummary } from './merge-summary';
import { noInlineNames } from './no-inline-names';
import { weightsOf } from './weights';

export const DEFAULT_CANDIDATE = 'candidate.pgo';

export interface MergeCapturesOptions {
  /** The capture directory, relative to `cwd` or absolute; messages name files under it as given. */
  captureDir: string;
  settings: MergeSettings;
  /** Default `<captureDir>/candidate.pgo`. */
  output?: string;
  /** Default the output with its extension replaced by `.json` (`candidate.json`). */
  summaryFile?: string;
  cwd: string;
  /** Compact to what PGO reads at `settings.compact` (default true); false keeps every frame, mapping and (with dropLabels false) label. */
  compact?: boolean;
  /** Files the outputs may not be (the committed profile): absolute or relative to `cwd`. */
  protect?: string[];
}

export interface MergeCapturesResult {
  output: string;
  summaryFile: string;
  summary: MergeSummary;
}

interface Input {
  instance: ManifestInstance & { file: string };
  /** As shown in messages: `<captureDir>/<file>`. */
  shown: string;
  profile: Profile;
  bytes: number;
  durationFrom: 'profile' | 'manifest';
}

export async function mergeCaptures(options: MergeCapturesOptions): Promise<MergeCapturesResult> {
  const { captureDir, settings, cwd } = options;
  const compact = options.compact ?? true;
  const output = options.output ?? path.join(captureDir, DEFAULT_CANDIDATE);
  const summaryFile = options.summaryFile ?? summaryFor(output);
  checkOutputs(output, summaryFile, options.protect ?? [], cwd);

  const manifest = await readCaptureManifest(captureDir, cwd);
  const captured = manifest.instances.filter((i): i is ManifestInstance & { file: string } => i.status === 'ok');
  if (captured.length === 0) {
    throw new CaptureMergeError(
      `${captureDir}: no instance was captured successfully (${manifest.instances.length} failed or none were asked): nothing to merge; capture again`,
    );
  }
  const inputs: Input[] = [];
  // One at a time, in manifest order: the error for a bad profile is always the first one's.
  for (const instance of captured) inputs.push(await readInput(captureDir, instance, cwd));

  const { weights, unmatched } = weightsOf(captured, settings.weights);
  if (weights.every((w) => w.weight === 0)) {
    throw new CaptureMergeError(`${captureDir}: merge.weights give every instance weight 0: nothing would be left; give some source a weight above 0`);
  }
  const merged = mergeInputs(inputs, settings, weights.map((w) => w.weight));
  const renamed = noInlineNames(merged, settings.noInline);
  const named = renamed.names.length > 0 ? noInline(merged, renamed.names) : merged;
  const candidate = compact ? compactInputs(named, settings, captureDir) : named;

  const bytes = encode(candidate, { compression: compact ? 'smallest' : 'fast' });
  await atomicWrite(output, bytes, cwd);
  const summary = summaryOf({
    captureDir,
    project: manifest.project,
    settings,
    compact,
    inputs,
    weights,
    skipped: manifest.instances.filter((i) => i.status !== 'ok'),
    noInline: { renamed: renamed.names, unmatched: renamed.unmatched },
    unmatchedWeights: unmatched,
    candidate,
    bytes,
    output,
  });
  await atomicWrite(summaryFile, `${JSON.stringify(summary, null, 2)}\n`, cwd);
  return { output, summaryFile, summary };
}

/** `candidate.pgo` → `candidate.json`; a name without extension gets `.json` added. */
export function summaryFor(output: string): string {
  const ext = path.extname(output);
  return ext === '' || ext === '.json' ? `${output}${ext === '.json' ? '.summary' : ''}.json` : output.slice(0, -ext.length) + '.json';
}

function checkOutputs(output: string, summaryFile: string, protect: string[], cwd: string): void {
  const outputs = [output, summaryFile].map((f) => path.resolve(cwd, f));
  if (outputs[0] === outputs[1]) throw new CaptureMergeError(`${output}: the candidate and its summary would be the same file: give another summary file`);
  for (const file of protect) {
    const at = outputs.indexOf(path.resolve(cwd, file));
    if (at >= 0) {
      throw new CaptureMergeError(
        `${at === 0 ? output : summaryFile}: is the committed profile: merge writes a candidate elsewhere, and pgo-refresh replaces the profile only after validating it`,
      );
    }
  }
}

async function readInput(captureDir: string, instance: ManifestInstance & { file: string }, cwd: string): Promise<Input> {
  const shown = path.join(captureDir, instance.file);
  const { profile, size } = await readProfile(shown, cwd);
  if (pgoSampleIndex(profile) < 0) {
    const types = profile.sampleType.map((t) => `${t.type}/${t.unit}`).join(', ') || 'none';
    throw new CaptureMergeError(
      `${shown}: not a CPU profile (sample types: ${types}): PGO needs samples/count or cpu/nanoseconds; remove it from ${captureDir}/manifest.json or capture again`,
    );
  }
  if (toNumber(profile.durationNanos) > 0 || !(instance.seconds > 0)) return { instance, shown, profile, bytes: size, durationFrom: 'profile' };
  // Profiles from other tools may lack duration_nanos; the seconds the capture asked for stand in.
  return { instance, shown, profile: { ...profile, durationNanos: Math.round(instance.seconds * 1e9) }, bytes: size, durationFrom: 'manifest' };
}

function mergeInputs(inputs: Input[], settings: MergeSettings, weights: number[]): Profile {
  try {
    return merge(
      inputs.map((i) => i.profile),
      // Common sample types: a Go CPU profile (samples/count, cpu/nanoseconds) merges with an eBPF
      // one (samples/count); PGO reads samples/count first, so nothing it uses is lost.
      { normalize: settings.normalize, weights, dropLabels: settings.dropLabels, commonSampleTypes: true },
    );
  } catch (error) {
    if (error instanceof MergeError || error instanceof ProfileFormatError) {
      // pprof speaks of "input 3"; people know the files.
      const message = error.message.replace(/\binput (\d+)\b/g, (text, index: string) => inputs[Number(index)]?.shown ?? text);
      throw new CaptureMergeError(`cannot merge the capture: ${message.replace(/normalize: 'none'/g, 'merge.normalize: none (--normalize none)')}`, {
        cause: error,
      });
    }
    throw error;
  }
}

function compactInputs(profile: Profile, settings: MergeSettings, captureDir: string): Profile {
  try {
    return compactForPgo(profile, settings.compact === 'minimal' ? { level: 'minimal' } : { keepFrames: settings.keepFrames });
  } catch (error) {
    if (error instanceof TransformError) throw new CaptureMergeError(`${captureDir}: cannot compact the merged profile: ${error.message}`, { cause: error });
    throw error;
  }
}

function summaryOf(facts: {
  captureDir: string;
  project: string;
  settings: MergeSettings;
  compact: boolean;
  inputs: Input[];
  weights: { weight: number; keys: string[] }[];
  skipped: ManifestInstance[];
  noInline: MergeSummary['noInline'];
  unmatchedWeights: string[];
  candidate: Profile;
  bytes: Uint8Array;
  output: string;
}): MergeSummary {
  const { inputs, weights, candidate, settings } = facts;
  const durations = inputs.map((i) => toNumber(i.profile.durationNanos) / 1e9);
  const meanDuration = durations.reduce((a, b) => a + b, 0) / durations.length;
  const described: MergeInputSummary[] = inputs.map((input, i) => {
    const { source, kind, instance, file } = input.instance;
    const weight = weights[i]!.weight;
    return {
      source,
      kind,
      instance,
      file,
      bytes: input.bytes,
      samples: input.profile.sample.length,
      total: pgoTotal(input.profile),
      durationSeconds: durations[i]!,
      durationFrom: input.durationFrom,
      weight,
      weightKeys: weights[i]!.keys,
      // What pprof's merge multiplied by (merge.ts scaleFactors): restated here for the reader.
      scale: settings.normalize === 'duration' ? (weight * meanDuration) / durations[i]! : weight,
    };
  });
  const index = pgoSampleIndex(candidate);
  const type = candidate.sampleType[index]!;
  return {
    version: 1,
    captureDir: facts.captureDir,
    project: facts.project,
    settings: { ...settings, compact: facts.compact && settings.compact },
    inputs: described,
    skipped: facts.skipped.map((i) => ({ source: i.source, instance: i.instance, error: i.error ?? 'failed' })),
    output: {
      file: facts.output,
      bytes: facts.bytes.length,
      sha256: createHash('sha256').update(facts.bytes).digest('hex'),
      samples: candidate.sample.length,
      sampleType: `${type.type}/${type.unit}`,
      total: pgoTotal(candidate),
      durationSeconds: toNumber(candidate.durationNanos) / 1e9,
    },
    noInline: facts.noInline,
    unmatchedWeights: facts.unmatchedWeights,
    topFunctions: summarize(candidate, { top: 10 }).topFlat,
  };
}

/** The PGO sample type's values added up. */
function pgoTotal(profile: Profile): number {
  const index = pgoSampleIndex(profile);
  return profile.sample.reduce((sum, s) => sum + toNumber(s.value[index]!), 0);
}
