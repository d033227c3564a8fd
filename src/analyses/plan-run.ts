// One plan run from a network source: load, price the untrusted devices (inventory cost, else the
// cost table), force in what rules mandate by a deadline, solve, and phase by budget. Shared by the
// `plan` command, the demo and the report.
import { readFile } from 'node:fs/promises';
import { buildGraph, defaultWorkers } from '../graph/index.js';
import { splitCsvLine } from '../graph/csv.js';
import { readImport } from '../ingest/index.js';
import { InputError } from '../model/index.js';
import {
  CostTable,
  DEFAULT_COST_TABLE,
  forcedFromFindings,
  loadCostTable,
  nodeCosts,
  parseBudget,
  parseForced,
  phaseInputOf,
  phasePlan,
  planReplacement,
  type CostAttributes,
  type ForcedDevice,
  type PhasedPlan,
  type PlanResult,
} from '../plan/index.js';
import { evaluate, isRealDate, loadRuleCatalog, todayUtc, type Finding } from '../policy/index.js';
import { openStore } from '../store/index.js';
import { loadNetwork, type NetworkSourceOptions } from './network.js';
import { avoidFilterText, countSet, NOTHING_UNTRUSTED, requireDevices, requireFlows } from './nothing.js';
import { untrustedNodes, type AvoidOptions } from './untrusted.js';

export { DEFAULT_UNTRUSTED } from './untrusted.js';

export interface PlanProgress {
  update(done: number, total?: number, label?: string): void;
}
const SILENT: PlanProgress = { update() {} };

/** Everything a plan run needs besides output: the plan command's options without its format ones. */
export interface PlanRunOptions extends NetworkSourceOptions, AvoidOptions {
  budget?: string;
  budgetStart?: string;
  periods?: number;
  carryOver: boolean;
  forced?: string;
  policy: boolean;
  asOf?: string;
  /**
   * The policy check's conservative reading: blank layer, technology, network, use and installed
   * date count as in scope, so such devices can be forced in; the plan says so in its notes.
   */
  assumeInScope?: boolean;
  exact?: boolean;
  heuristic?: boolean;
  timeLimit: number;
  costTable?: string;
  maxStretch?: number;
  workers?: number;
  flowCosts?: boolean;
}

/**
 * Devices whose removal a rule mandates by a deadline (overdue or due findings of the policy
 * check on the same snapshot), so that the plan buys them by then whatever the flows need.
 * Needs-data findings force nothing: the notes say how many devices wait on data instead.
 */
async function policyForced(opts: PlanRunOptions): Promise<{ forced: ForcedDevice[]; notes: string[] }> {
  const asOf = opts.asOf ?? todayUtc();
  if (!isRealDate(asOf)) throw new InputError('--as-of', undefined, `expected a date as YYYY-MM-DD, got "${opts.asOf}"`);
  const store = openStore(opts.db, { readonly: true });
  try {
    const snap = await store.resolveSnapshot(opts.snapshot, opts.organisation);
    const findings = evaluate({ devices: await store.devices(snap.id), rules: loadRuleCatalog().rules, asOf, assumeInScope: opts.assumeInScope ?? false });
    const forced = forcedFromFindings(findings);
    return { forced, notes: policyNotes(findings, forced, opts.assumeInScope ?? false) };
  } finally {
    await store.close();
  }
}

/** What the plan's forcing rests on: the assumption it was told to make, or the devices it could not judge. */
export function policyNotes(findings: readonly Finding[], forced: readonly ForcedDevice[], assumed: boolean): string[] {
  const notes: string[] = [];
  const assumedIds = new Set(findings.filter((f) => f.device !== null && f.notices.some((n) => / not recorded: assumed /.test(n))).map((f) => f.device!));
  if (assumed) {
    const n = forced.filter((d) => assumedIds.has(d.id)).length;
    notes.push(`--assume-in-scope: the policy check read blank layer, technology, network, use and installed date as in scope; ${n} forced device(s) rest on that assumption`);
  }
  const waiting = new Set(findings.filter((f) => f.status === 'needs-data' && f.device !== null && (f.ifCovered === 'overdue' || f.ifCovered === 'due')).map((f) => f.device!));
  for (const d of forced) waiting.delete(d.id);
  if (waiting.size) {
    notes.push(`${waiting.size} device(s) would be forced by a rule deadline but need data to be judged (needs-data): not forced; see cleanpath check${assumed ? '' : ', or plan with --assume-in-scope'}`);
  }
  return notes;
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
    const snap = await store.resolveSnapshot(opts.snapshot, opts.organisation);
    for await (const d of store.iterateDevices(snap.id, {})) out.set(d.id, { cost: d.cost ?? null, layer: d.layer ?? null, role: d.role ?? null });
  } finally {
    await store.close();
  }
  return out;
}

/** Loads the network, prices the untrusted devices, forces in what rules mandate, solves and phases. */
export async function computePlan(opts: PlanRunOptions, progress: PlanProgress = SILENT): Promise<{ plan: PlanResult; phasing?: PhasedPlan }> {
  progress.update(0, undefined, 'loading');
  const budget = opts.budget ? parseBudget(opts.budget, opts.budgetStart ?? new Date().toISOString().slice(0, 10)) : undefined;
  if (budget) {
    if (opts.periods !== undefined) budget.periods = opts.periods;
    budget.carryOver = opts.carryOver;
  }
  const net = await loadNetwork(opts);
  for (const note of net.notes) process.stderr.write(`note: ${note}\n`);
  // No sensitive flow, or nothing untrusted: a plan would have nothing to protect or replace.
  requireFlows(net, net.flows, 'sensitive-flows');
  const g = buildGraph(net, { source: net.label });
  const untrusted = untrustedNodes(net.nodes, opts);
  requireDevices(net, countSet(untrusted), avoidFilterText(opts), NOTHING_UNTRUSTED);
  const table = new CostTable(DEFAULT_COST_TABLE, opts.costTable ? await loadCostTable(opts.costTable) : []);
  const attrs = await loadCostAttributes(opts);
  const { cost, fromTable } = nodeCosts(
    net.nodes.map((d) => attrs.get(d.id) ?? { layer: d.layer ?? null }),
    table,
  );
  let forced: ForcedDevice[] = [];
  if (opts.forced) forced = parseForced(await readText(opts.forced), opts.forced);
  const policyRun = opts.policy && !opts.nodes && !opts.links && !opts.topology ? await policyForced(opts) : undefined;
  if (policyRun) forced.push(...policyRun.forced);
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
  if (policyRun) plan.notes.push(...policyRun.notes);
  let untrustedFromTable = 0;
  for (let i = 0; i < untrusted.length; i++) if (untrusted[i] && !(typeof attrs.get(net.nodes[i]!.id)?.cost === 'number')) untrustedFromTable++;
  if (fromTable && untrustedFromTable) plan.notes.push(`${untrustedFromTable} untrusted device(s) have no cost in the input: priced from the cost table by layer and role`);
  const phasing = budget ? phasePlan({ g, untrusted, cost, flows: net.flows }, phaseInputOf(plan), budget) : undefined;
  return { plan, phasing };
}
