// `go-pgo roi <binary-dir>`: is PGO worth it for this binary's fleet? Monthly savings from the
// measured gain (the latest accepted pgo-bench run, or --gain), against maintenance, with the
// arithmetic written out line by line.
import path from 'node:path';
import { locateBinary } from '../build/locate-binary';
import { gainFromHistory, givenGain } from '../roi/measured-gain';
import { roiEstimate, DEFAULT_HOURLY_RATE, RECOMMENDATION_RULE } from '../roi/roi-estimate';
import { expectPositionals, parseCommandArgs, parseIntegerOption, requireOption, UsageError } from './args';
import { leafCommand } from './command';

const COMMAND = 'go-pgo roi';

const OPTIONS = {
  pods: { type: 'string' },
  'cost-per-pod': { type: 'string' },
  'maintenance-hours': { type: 'string' },
  'hourly-rate': { type: 'string' },
  'setup-cost': { type: 'string' },
  gain: { type: 'string' },
  currency: { type: 'string' },
  project: { type: 'string' },
  json: { type: 'boolean' },
  root: { type: 'string' },
} as const;

export const roiCommand = leafCommand({
  name: 'roi',
  summary: "estimate PGO's monthly savings for a binary's fleet, payback and a recommendation",
  help: `Usage: ${COMMAND} <binary-dir> --pods <n> --cost-per-pod <money> --maintenance-hours <h> [options]

Estimates what PGO is worth for the fleet running the binary, showing each step:
  savings     = pods × cost per pod per month × gain (and at both ends of the gain's 95% CI)
  maintenance = maintenance hours per month × hourly rate
  net         = savings − maintenance
  payback     = one-time setup cost ÷ net (the first month when there is no setup cost)
The gain is the share of CPU PGO saves: the geomean of the latest accepted pgo-bench run in
.pgo/history/<project>.jsonl, with its 95% interval, unless --gain states it. The savings
assume the fleet is sized by CPU, so that share of the pods goes away.

Recommendation: ${RECOMMENDATION_RULE}.

Options:
  --pods <n>                 pods (instances) running the binary (required)
  --cost-per-pod <money>     what one pod costs per month, e.g. 310 (required)
  --maintenance-hours <h>    hours per month spent on PGO: reviewing refreshes, benchmarks
                             (required)
  --hourly-rate <money>      cost of one hour of that work (default ${DEFAULT_HOURLY_RATE})
  --setup-cost <money>       one-time cost of setting PGO up, for the payback time (default 0)
  --gain <percent>           the CPU saved, in percent (e.g. 6.2), instead of the history's
  --currency <symbol>        currency symbol of the amounts (default $)
  --project <name>           the history's project name (default: the directory's base name,
                             as go-pgo bench records it)
  --json                     print the estimate as JSON
  --root <dir>               the workspace root (default: the directory of the go.work above
                             <binary-dir>, else of its go.mod)

Exit codes: 0 estimated, 1 no measured gain (run pgo-bench, or pass --gain), 2 wrong usage.
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS, COMMAND);
    expectPositionals(positionals, { min: 1, max: 1 }, 'the binary directory', COMMAND);
    const pods = parseIntegerOption(requireOption(values.pods, '--pods', COMMAND), '--pods', 1, COMMAND);
    const costPerPod = parseAmount(requireOption(values['cost-per-pod'], '--cost-per-pod', COMMAND), '--cost-per-pod');
    const maintenanceHours = parseAmount(requireOption(values['maintenance-hours'], '--maintenance-hours', COMMAND), '--maintenance-hours');
    const hourlyRate = values['hourly-rate'] === undefined ? undefined : parseAmount(values['hourly-rate'], '--hourly-rate');
    const setupCost = values['setup-cost'] === undefined ? undefined : parseAmount(values['setup-cost'], '--setup-cost');
    const gainPercent = values.gain === undefined ? undefined : parseGain(values.gain);

    const at = await locateBinary(positionals[0]!, { cwd: io.cwd, workspaceRoot: values.root });
    const project = values.project ?? path.basename(at.binaryDir);
    const gain = gainPercent === undefined ? await gainFromHistory(at.workspaceRoot, project) : givenGain(gainPercent);
    const estimate = roiEstimate({ pods, costPerPod, maintenanceHours, hourlyRate, setupCost, currency: values.currency, gain });
    io.stdout.write(values.json ? `${JSON.stringify(estimate, null, 2)}\n` : `${estimate.lines.join('\n')}\n`);
    return 0;
  },
});

/** A plain non-negative decimal: 310, 310.5, .5. */
function parseAmount(value: string, flag: string): number {
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(value)) {
    throw new UsageError(`${flag} must be a number ≥ 0 such as 310 or 12.5 (no currency sign or thousands separator), got '${value}'`, COMMAND);
  }
  return Number(value);
}

/** A signed decimal percentage, with or without '%': 6.2, 6.2%, -1.5. */
function parseGain(value: string): number {
  const match = /^(-?(?:\d+(?:\.\d*)?|\.\d+))%?$/.exec(value);
  const percent = match === null ? NaN : Number(match[1]);
  if (!(percent > -100 && percent < 100)) {
    throw new UsageError(`--gain must be the CPU PGO saves in percent, between -100 and 100, e.g. 6.2, got '${value}'`, COMMAND);
  }
  return percent;
}
