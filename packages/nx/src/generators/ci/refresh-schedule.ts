// When the scheduled refresh runs: a cron expression (UTC, as both GitHub and GitLab read it),
// weekly by default, at an odd minute because GitHub delays or drops runs at the top of the hour
// under load. The runbook describes the same schedule in words.
export const DEFAULT_REFRESH_CRON = '17 5 * * 1';

const DAYS = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];

export class CronError extends Error {
  override readonly name = 'CronError';
}

/** Five fields, each a number, '*', or a list/range/step of numbers: what both CI systems accept. */
export function checkCron(cron: string): string {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5 || !fields.every((field) => /^(\*|\d+(-\d+)?)(\/\d+)?(,(\d+(-\d+)?)(\/\d+)?)*$/.test(field))) {
    throw new CronError(`--schedule ${JSON.stringify(cron)}: give a cron expression of five fields (minute hour day-of-month month day-of-week, UTC), e.g. "${DEFAULT_REFRESH_CRON}" for Mondays at 05:17`);
  }
  return fields.join(' ');
}

/** "weekly, Mondays at 05:17 UTC" for a weekly cron; the expression itself otherwise. */
export function describeCron(cron: string): string {
  const [minute, hour, dayOfMonth, month, dayOfWeek] = cron.split(' ');
  if (/^\d+$/.test(minute!) && /^\d+$/.test(hour!) && dayOfMonth === '*' && month === '*') {
    const time = `${hour!.padStart(2, '0')}:${minute!.padStart(2, '0')} UTC`;
    if (/^[0-7]$/.test(dayOfWeek!)) return `weekly, ${DAYS[Number(dayOfWeek) % 7]} at ${time}`;
    if (dayOfWeek === '*') return `daily at ${time}`;
  }
  return `on the cron schedule \`${cron}\` (UTC)`;
}
