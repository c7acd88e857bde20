// The pull request text of a refresh: a profile is a binary diff, so the PR says in a few lines
// what changed in it (size, samples, hottest functions, call-edge overlap), whether it passed
// validation, and where it came from, with the way back.
import type { ValidationCheck, ValidationReport } from '../validate/validation-report';
import { formatBytes, formatCount, formatPercent } from '../text/format';
import type { ProfileSidecar } from './sidecar';

export interface PrBodyFacts {
  title: string;
  sidecar: ProfileSidecar;
  validation: ValidationReport;
  /** Workspace-relative binary directory, for the rollback command. */
  binaryDir: string;
}

export function refreshTitle(project: string, date: string): string {
  return `pgo: refresh ${project} profile (${date})`;
}

export function renderPrBody({ title, sidecar, validation, binaryDir }: PrBodyFacts): string {
  const { capture, comparison } = sidecar;
  const { before, after, edges } = comparison;
  const sources = capture.sources.map((s) => `\`${s.name}\` (${s.kind}, ${s.ok}/${s.total})`).join(', ');
  const seconds = [...new Set(capture.instances.map((i) => i.seconds))].sort((a, b) => a - b);
  const top = (side: typeof before): string => (side?.top[0] === undefined ? '–' : `\`${shortName(side.top[0].name)}\` ${formatPercent(side.top[0].share)}`);
  const lines = [
    `## ${title}`,
    '',
    `\`${sidecar.profile}\` is replaced by a profile merged from **${capture.fleet.ok} of ${capture.fleet.total} instances** of ${sources}, ` +
      `${seconds.map((s) => `${trimNumber(s)} s`).join(' to ')} each${capture.window === null ? '' : `, captured ${windowText(capture.window)}`}; ` +
      `merged with normalize \`${sidecar.aggregation.normalize}\`${weightsText(sidecar.aggregation.weights)}, ${compactionText(sidecar.aggregation)}.`,
    '',
    '| | before | after |',
    '| --- | ---: | ---: |',
    `| size | ${before === null ? '–' : formatBytes(before.bytes)} | ${formatBytes(after.bytes)} |`,
    `| samples | ${before === null ? '–' : formatCount(before.samples)} | ${formatCount(after.samples)} |`,
    `| top function | ${top(before)} | ${top(after)} |`,
    '',
    '| function (flat share) | before | after |',
    '| --- | ---: | ---: |',
    ...comparison.functions.map((f) => `| \`${shortName(f.name)}\` | ${f.before === null ? '–' : formatPercent(f.before)} | ${formatPercent(f.after)} |`),
    '',
    `**Call-edge overlap:** ${
      edges.overlap === null || edges.afterOnCommon === null
        ? `no committed profile to compare with (${formatCount(edges.after)} edges now)`
        : `${formatPercent(edges.overlap)} (weighted Jaccard); ${formatCount(edges.common)} edges in both of ${formatCount(edges.before)} before and ` +
          `${formatCount(edges.after)} after; ${formatPercent(edges.afterOnCommon)} of the new weight is on edges the old profile had.`
    }`,
    `**Validation:** ${validation.passed ? 'passed' : '**FAILED** (adopted with --warn-only)'}: ${validation.checks.filter(isGate).map(gateText).join(', ')}.`,
    `**Source:** capture \`${capture.manifest}\`; ${sidecar.goVersion}; sha256 \`${sidecar.sha256}\`; details in \`${sidecar.profile}.json\`.`,
    '',
    `To undo after merging: \`go-pgo rollback ${binaryDir}\` (or \`nx run ${sidecar.project}:pgo-rollback\`).`,
    '',
  ];
  return lines.join('\n');
}

/** `example.com/shop/tools/internal/pricing.(*scanner).field` → `pricing.(*scanner).field`. */
export function shortName(name: string): string {
  // Only slashes of the package path count, not those inside type arguments `[...]`.
  const end = name.search(/[[(]/);
  const head = end < 0 ? name : name.slice(0, end);
  return name.slice(head.lastIndexOf('/') + 1);
}

function isGate(check: ValidationCheck): boolean {
  return check.threshold !== null && (check.status === 'pass' || check.status === 'fail') && typeof check.value === 'number';
}

function gateText(check: ValidationCheck): string {
  const value = (n: number): string => (check.unit === 'ratio' ? formatPercent(n) : check.unit === 'bytes' ? formatBytes(n) : formatCount(Math.round(n)));
  const mark = check.status === 'pass' ? '' : ' ✗';
  return `${check.label} ${value(check.value as number)} ${check.bound === 'min' ? '≥' : '≤'} ${value(check.threshold!)}${mark}`;
}

function windowText(window: { start: string; end: string }): string {
  const [startDay, startTime] = window.start.replace(/\.\d+Z$/, 'Z').split('T');
  const [endDay, endTime] = window.end.replace(/\.\d+Z$/, 'Z').split('T');
  return `${startDay} ${startTime!.replace('Z', '')}–${endDay === startDay ? '' : `${endDay} `}${endTime!.replace('Z', '')} UTC`;
}

function weightsText(weights: Record<string, number>): string {
  const entries = Object.entries(weights);
  return entries.length === 0 ? '' : `, weights ${entries.map(([k, v]) => `${k}=${v}`).join(' ')}`;
}

function trimNumber(n: number): string {
  return String(Number(n.toPrecision(3)));
}

/** How the profile was compacted. */
function compactionText(aggregation: ProfileSidecar['aggregation']): string {
  return aggregation.compact === 'minimal' ? 'compacted to the call-edge list (minimal)' : `keepFrames ${aggregation.keepFrames}`;
}
