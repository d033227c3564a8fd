// `cleanpath plan`: the cheapest set of untrusted devices to replace so every sensitive flow has a
// clean path, with a proven lower bound; phased by a budget and forced deadlines when given.
import { readFile, writeFile } from 'node:fs/promises';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { buildGraph, buildUntrusted, defaultWorkers } from '../../graph/index.js';
import { splitCsvLine } from '../../graph/csv.js';
import { readImport } from '../../ingest/index.js';
import { InputError } from '../../model/index.js';
import {
  CostTable,
  forcedFromFindings,
  DEFAULT_COST_TABLE,
  loadCostTable,
  nodeCosts,
  parseBudget,
  parseForced,
  phaseInputOf,
  phasePlan,
  planDocument,
  planReplacement,
  type CostAttributes,
  type ForcedDevice,
  type PhasedPlan,
  type PlanResult,
} from '../../plan/index.js';
import { evaluate, isRealDate, loadRuleCatalog, todayUtc } from '../../policy/index.js';
import { openStore } from '../../store/index.js';
import { addNetworkSourceOptions, loadNetwork, type NetworkSourceOptions } from '../network-input.js';
import { collectList, parsePositiveInt } from '../options.js';
import { renderCsv, renderJson, renderTable, type Row } from '../output.js';
import { createProgress, type Progress } from '../progress.js';
import { DEFAULT_UNTRUSTED } from './exposure.js';

export interface PlanCliOptions extends NetworkSourceOptions {
  untrusted?: string[];
  avoidCountry?: string[];
  avoidOperator?: string[];
  avoidLayer?: string[];
  budget?: string;
  budgetStart?: string;
  periods?: number;
  carryOver: boolean;
  forced?: string;
  policy: boolean;
  asOf?: string;
  exact?: boolean;
  heuristic?: boolean;
  timeLimit: number;
  costTable?: string;
  maxStretch?: number;
  format: 'table' | 'csv' | 'json';
  json?: boolean;
  output?: string;
  workers?: number;
  flowCosts?: boolean;
}

/**
 * Devices whose removal a rule mandates by a deadline (overdue or due findings of the policy
 * check on the same snapshot), so that the plan buys them by then whatever the flows need.
 */
function policyForced(opts: PlanCliOptions): ForcedDevice[] {
  const asOf = opts.asOf ?? todayUtc();
  if (!isRealDate(asOf)) throw new InputError('--as-of', undefined, `expected a date as YYYY-MM-DD, got "${opts.asOf}"`);
  const store = openStore(opts.db, { readonly: true });
  try {
    const snap = store.resolveSnapshot(opts.snapshot);
    return forcedFromFindings(evaluate({ devices: store.devices(snap.id), rules: loadRuleCatalog().rules, asOf }));
  } finally {
    store.close();
  }
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

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(file, undefined, `cannot read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Cost-relevant attributes per device id (cost, layer, role), which the graph's NodeInput does
 * not carry: read again from the same source the network came from.
 */
export async function loadCostAttributes(opts: NetworkSourceOptions): Promise<Map<string, CostAttributes>> {
  const out = new Map<string, CostAttributes>();
  if (opts.nodes) {
    const text = await readText(opts.nodes);
    const lines = text.split(/\r?\n/);
    const header = splitCsvLine(lines[0] ?? '', opts.nodes, 1).map((h) => h.trim().toLowerCase());
    const ci = header.indexOf('cost'), li = header.indexOf('layer'), ri = header.indexOf('role'), ii = header.indexOf('id');
    for (let i = 1; i < lines.length; i++) {
      if (lines[i]!.trim() === '') continue;
      const f = splitCsvLine(lines[i]!, opts.nodes, i + 1);
      const raw = ci >= 0 ? (f[ci] ?? '').trim() : '';
      let cost: number | null = null;
      if (raw !== '') {
        cost = Number(raw);
        if (!Number.isFinite(cost) || cost < 0) throw new InputError(opts.nodes, i + 1, `cost must be a non-negative number, got "${raw}"`);
      }
      out.set((f[ii] ?? '').trim(), { cost, layer: li >= 0 ? f[li] : null, role: ri >= 0 ? f[ri] : null });
    }
    return out;
  }
  if (opts.topology) {
    const batch = await readImport(opts.topology);
    for (const d of batch.devices) out.set(d.id, { cost: d.cost ?? null, layer: d.layer ?? null, role: d.role ?? null });
    return out;
  }
  const store = openStore(opts.db, { readonly: true });
  try {
    const snap = store.resolveSnapshot(opts.snapshot);
    for (const d of store.iterateDevices(snap.id, {})) out.set(d.id, { cost: d.cost ?? null, layer: d.layer ?? null, role: d.role ?? null });
  } finally {
    store.close();
  }
  return out;
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

/** Loads the network, prices the untrusted devices, forces in what rules mandate, solves and phases. */
export async function computePlan(opts: PlanCliOptions, progress: Progress = createProgress('plan')): Promise<{ plan: PlanResult; phasing?: PhasedPlan }> {
  progress.update(0, undefined, 'loading');
  const budget = opts.budget ? parseBudget(opts.budget, opts.budgetStart ?? new Date().toISOString().slice(0, 10)) : undefined;
  if (budget) {
    if (opts.periods !== undefined) budget.periods = opts.periods;
    budget.carryOver = opts.carryOver;
  }
  const net = await loadNetwork(opts);
  for (const note of net.notes) process.stderr.write(`note: ${note}\n`);
  const g = buildGraph(net, { source: net.label });
  const anyAvoid = opts.untrusted || opts.avoidCountry || opts.avoidOperator || opts.avoidLayer;
  const untrusted = buildUntrusted(net.nodes, {
    vendors: anyAvoid ? opts.untrusted : DEFAULT_UNTRUSTED,
    countries: opts.avoidCountry,
    operators: opts.avoidOperator,
    layers: opts.avoidLayer,
  });
  const table = new CostTable(DEFAULT_COST_TABLE, opts.costTable ? await loadCostTable(opts.costTable) : []);
  const attrs = await loadCostAttributes(opts);
  const { cost, fromTable } = nodeCosts(
    net.nodes.map((d) => attrs.get(d.id) ?? { layer: d.layer ?? null }),
    table,
  );
  let forced: ForcedDevice[] = [];
  if (opts.forced) forced = parseForced(await readText(opts.forced), opts.forced);
  if (opts.policy && !opts.nodes && !opts.links && !opts.topology) forced.push(...policyForced(opts));
  progress.update(0, undefined, 'solving');
  const plan = await planReplacement(
    { g, untrusted, cost, flows: net.flows },
    {
      mode: opts.exact ? 'exact' : opts.heuristic ? 'heuristic' : 'auto',
      timeLimit: opts.timeLimit,
      forced,
      maxStretch: opts.maxStretch,
      workers: opts.workers ?? defaultWorkers(),
      ...(opts.flowCosts ? { flowMetrics: true } : {}),
    },
  );
  let untrustedFromTable = 0;
  for (let i = 0; i < untrusted.length; i++) if (untrusted[i] && !(typeof attrs.get(net.nodes[i]!.id)?.cost === 'number')) untrustedFromTable++;
  if (fromTable && untrustedFromTable) plan.notes.push(`${untrustedFromTable} untrusted device(s) have no cost in the input: priced from the cost table by layer and role`);
  const phasing = budget ? phasePlan({ g, untrusted, cost, flows: net.flows }, phaseInputOf(plan), budget) : undefined;
  return { plan, phasing };
}

export function register(program: Command): void {
  const cmd = program
    .command('plan')
    .description(
      'Cheapest set of untrusted devices to replace so every sensitive flow has a clean path, with a proven lower bound and gap; phased by budget and deadlines',
    );
  addNetworkSourceOptions(cmd);
  cmd
    .option('--untrusted <vendors>', `untrusted vendors, comma separated (default ${DEFAULT_UNTRUSTED.join(',')} when no --avoid-* is given)`, collectList)
    .option('--avoid-country <codes>', 'also avoid devices in these countries (ISO alpha-2)', collectList)
    .option('--avoid-operator <names>', 'also avoid devices of these operators', collectList)
    .option('--avoid-layer <layers>', 'also avoid devices in these layers', collectList)
    .option('--budget <amount/period>', 'money per period, e.g. 2000000/year, 500k/quarter: turns the plan into phases')
    .option('--budget-start <date>', 'first day of the first budget period (default: today)')
    .option('--periods <n>', 'budget periods to plan over (default: until everything is bought)', parsePositiveInt)
    .option('--no-carry-over', 'money unspent in a period is lost')
    .option('--forced <file>', 'devices rules force out: CSV id,deadline[,reason] or JSON [{id,deadline,reason}]')
    .option('--as-of <date>', 'date for the policy check whose overdue and due findings force devices into the plan (default: today)')
    .option('--no-policy', 'do not force in the devices that national rules require removed (store input only)')
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
