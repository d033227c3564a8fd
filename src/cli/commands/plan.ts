// `cleanpath plan`: the cheapest set of untrusted devices to replace so every sensitive flow has a
// clean path, with a proven lower bound; phased by a budget and forced deadlines when given.
import { writeFile } from 'node:fs/promises';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { computePlan, type PlanRunOptions } from '../../analyses/plan-run.js';
import { planDocument, type PhasedPlan, type PlanResult } from '../../plan/index.js';
import { addAvoidOptions, addNetworkSourceOptions } from '../network-input.js';
import { parsePositiveInt } from '../options.js';
import { renderCsv, renderJson, renderTable, type Row } from '../output.js';
import { createProgress } from '../progress.js';

export interface PlanCliOptions extends PlanRunOptions {
  format: 'table' | 'csv' | 'json';
  json?: boolean;
  output?: string;
}


function parsePositiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function parseStretch(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 1) throw new InvalidArgumentError('expected a number >= 1 (clean cost / shortest cost)');
  return n;
}

const CSV_COLUMNS = ['kind', 'id', 'cost', 'lower_bound', 'gap', 'reasons', 'deadline', 'forced_by', 'flows', 'phase'];
const round = (x: number): number => Math.round(x * 1e6) / 1e6;
const money = (x: number): string => x.toLocaleString('en-US', { maximumFractionDigits: 2 });

function phaseOf(phasing: PhasedPlan | undefined): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of phasing?.phases ?? []) for (const d of p.devices) m.set(d, p.index + 1);
  return m;
}

/** CSV: a `total` row (method:status, totalCost, lowerBound, gap), then one `device` row each. */
export function planCsv(plan: PlanResult, phasing?: PhasedPlan): string {
  const phase = phaseOf(phasing);
  const rows: Row[] = [
    { kind: 'total', id: `${plan.method}:${plan.status}`, cost: plan.totalCost, lower_bound: round(plan.lowerBound), gap: round(plan.gap), flows: plan.flows.length },
    ...plan.devices.map((d) => ({
      kind: 'device',
      id: d.id,
      cost: d.cost,
      reasons: d.reasons.join(' '),
      deadline: d.deadline,
      forced_by: d.forcedBy,
      flows: d.flows,
      phase: phase.get(d.id),
    })),
  ];
  return renderCsv(rows, CSV_COLUMNS);
}

export function planTable(plan: PlanResult, phasing?: PhasedPlan): string {
  const byStatus = new Map<string, number>();
  for (const f of plan.flows) byStatus.set(f.status, (byStatus.get(f.status) ?? 0) + 1);
  const lines = [
    `plan: ${plan.method} (${plan.status}), ${plan.devices.length} device(s)`,
    `total cost ${money(plan.totalCost)}, lower bound ${money(plan.lowerBound)} (${plan.stats.boundSource}), gap ${(plan.gap * 100).toFixed(2)}%`,
    `sensitive flows: ${[...byStatus].map(([k, v]) => `${v} ${k}`).join(', ') || 'none'}`,
    `reduced instance: ${plan.stats.candidates} candidate(s), ${plan.stats.demands} demand(s), ${plan.stats.cuts} cut(s), ${plan.stats.iterations} solve(s), ${plan.stats.seconds.toFixed(2)} s`,
    ...plan.notes.map((n) => `note: ${n}`),
    '',
  ];
  const phase = phaseOf(phasing);
  const rows: Row[] = plan.devices.map((d) => ({
    device: d.id,
    cost: d.cost,
    reasons: d.reasons.join(' '),
    deadline: d.deadline,
    flows: d.flows,
    ...(phasing ? { phase: phase.get(d.id) } : {}),
  }));
  let out = lines.join('\n') + '\n' + renderTable(rows, ['device', 'cost', 'reasons', 'deadline', 'flows', ...(phasing ? ['phase'] : [])]);
  if (phasing) {
    const b = phasing.budget;
    out += `\nbudget ${money(b.amount)} per ${b.period} from ${b.start}${b.carryOver ? ' (unspent money carries over)' : ''}\n`;
    out += renderTable(
      phasing.phases.map((p) => ({
        phase: p.index + 1,
        from: p.start,
        to: p.end,
        available: p.available,
        spent: p.spent,
        devices: p.devices.length,
        cleaned: p.flowsCleaned.length,
        exposed: p.flowsExposed,
      })),
      ['phase', 'from', 'to', 'available', 'spent', 'devices', 'cleaned', 'exposed'],
    );
    const list = (xs: string[]) => `${xs.slice(0, 20).join(', ')}${xs.length > 20 ? ', ...' : ''}`;
    if (phasing.unfunded.length) out += `unfunded within the horizon: ${phasing.unfunded.length} device(s): ${list(phasing.unfunded)}\n`;
    for (const m of phasing.missedDeadlines) {
      out += `deadline missed: ${m.id} due ${m.deadline}${m.reason ? ` (${m.reason})` : ''}, ${m.replacedBy ? `replaced by ${m.replacedBy}` : 'not funded'}\n`;
    }
    if (phasing.exposedAtEnd.length) out += `still exposed at the end: ${phasing.exposedAtEnd.length} flow(s): ${list(phasing.exposedAtEnd)}\n`;
  }
  return out;
}

export function register(program: Command): void {
  const cmd = program
    .command('plan')
    .description(
      'Cheapest set of untrusted devices to replace so every sensitive flow has a clean path, with a proven lower bound and gap; phased by budget and deadlines',
    );
  addNetworkSourceOptions(cmd);
  addAvoidOptions(cmd);
  cmd
    .option('--budget <amount/period>', 'money per period, e.g. 2000000/year, 500k/quarter: turns the plan into phases')
    .option('--budget-start <date>', 'first day of the first budget period (default: today)')
    .option('--periods <n>', 'budget periods to plan over (default: until everything is bought)', parsePositiveInt)
    .option('--no-carry-over', 'money unspent in a period is lost')
    .option('--forced <file>', 'devices rules force out: CSV id,deadline[,reason] or JSON [{id,deadline,reason}]')
    .option('--as-of <date>', 'date for the policy check whose overdue and due findings force devices into the plan (default: today)')
    .option('--no-policy', 'do not force in the devices that national rules require removed (store input only)')
    .option('--assume-in-scope', "policy check: read a blank layer, technology, network, use or installed date as in scope, so such devices are forced too (the plan's notes say so)")
    .addOption(new Option('--exact', 'exact MILP (HiGHS) with lazy separator cuts, within the time limit').conflicts('heuristic'))
    .addOption(new Option('--heuristic', 'heuristic with a lower bound (default for large instances)').conflicts('exact'))
    .option('--time-limit <seconds>', 'wall-clock limit for the solve', parsePositiveNumber, 60)
    .option('--cost-table <file>', 'replacement cost by layer and role (CSV layer,role,cost or JSON) for devices without a cost')
    .option('--max-stretch <x>', 'bound on clean cost / shortest cost per sensitive flow (heuristic repair; violations reported)', parseStretch)
    .option('--workers <n>', 'worker threads for the exposure re-check (default: all cores)', parsePositiveInt)
    .option('--flow-costs', 'always compute per-flow costs and clean costs (default: unless the network is large)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
    .option('--json', 'shorthand for --format json')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(async (opts: PlanCliOptions) => {
      const progress = createProgress('plan');
      const { plan, phasing } = await computePlan(opts, progress);
      progress.done();
      const format = opts.json ? 'json' : opts.format;
      const text = format === 'json' ? renderJson(planDocument(plan, phasing)) : format === 'csv' ? planCsv(plan, phasing) : planTable(plan, phasing);
      if (opts.output) await writeFile(opts.output, text);
      else process.stdout.write(text);
    });
}
