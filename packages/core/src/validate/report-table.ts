// The human-readable form of a ValidationReport: one row per check (check, value, threshold,
// status, detail), then a verdict line.
import { alignColumns, formatBytes, formatCount, formatPercent } from '../text/format';
import type { ValidationCheck, ValidationReport } from './validation-report';

export function formatValidationReport(report: ValidationReport): string {
  const rows = [
    ['check', 'value', 'threshold', 'status', 'detail'],
    ...report.checks.map((check) => [check.label, formatValue(check, check.value), formatThreshold(check), check.status, check.detail]),
  ];
  const failed = report.checks.filter((check) => check.status === 'fail').map((check) => check.label);
  const verdict = failed.length === 0 ? 'passed' : `FAILED: ${failed.join(', ')}`;
  return [`${report.profile} for ${report.binary}`, ...alignColumns(rows, ['left', 'right', 'right']), verdict, ''].join('\n');
}

function formatValue(check: ValidationCheck, value: number | string | null): string {
  if (value === null) return '-';
  if (typeof value === 'string') return value;
  switch (check.unit) {
    case 'ratio':
      return formatPercent(value);
    case 'bytes':
      return formatBytes(value);
    default:
      return formatCount(value);
  }
}

function formatThreshold(check: ValidationCheck): string {
  if (check.threshold === null || check.bound === null) return '-';
  return `${check.bound === 'min' ? '≥' : '≤'} ${formatValue(check, check.threshold)}`;
}
