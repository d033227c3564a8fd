// One plan run from a network source: load, price the untrusted devices (inventory cost, else the
// cost table), force in what rules mandate by a deadline, solve, and phase by budget. Shared by the
// `plan` command, the demo and the report.
import { buildGraph, defaultWorkers } from '../graph/index.js';
import { readCostTable, readForcedList } from '../ingest/plain/index.js';
import { InputError, type Device } from '../model/index.js';
import {
  CostTable,
  DEFAULT_COST_TABLE,
  forcedFromFindings,
  nodeCosts,
  parseBudget,
  phaseInputOf,
  phasePlan,
  planReplacement,
  type ForcedDevice,
  type PhasedPlan,
  type PlanResult,
} from '../plan/index.js';
import { evaluate, isRealDate, todayUtc, type Finding, type Rule } from '../policy/index.js';
import { activeCatalog } from './catalog-source.js';
import { loadNetwork, type LoadedNetwork, type NetworkSourceOptions } from './network.js';
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
  /** The policy check applies unverified rules with their deadlines (docs/policy.md). */
  includeUnverified?: boolean;
  exact?: boolean;
  heuristic?: boolean;
  timeLimit: number;
  costTable?: string;
  maxStretch?: number;
  workers?: number;
  flowCosts?: boolean;
  /** The rules whose deadlines force devices in (a what-if scenario's); default the catalog's. */
  rules?: readonly Rule[];
  /**
   * A policy check the caller already made (the report's findings, a what-if side's): used
   * instead of checking again when it judged the same snapshot by the same rules, date and reading.
   */
  policyCheck?: PolicyCheck;
}

/** One policy check's every finding, and what it judged: the snapshot, the rules (the very objects), the date and reading. */
export interface PolicyCheck {
  snapshot: string;
  rules: readonly Rule[];
  asOf: string;
  assumeInScope: boolean;
  includeUnverified: boolean;
  /** Unfiltered: every finding the check made. */
  findings: readonly Finding[];
}

type Reading = Omit<PolicyCheck, 'findings'>;

/** Whether a check made elsewhere answers this reading: same snapshot, date, flags and rule objects. */
function answers(check: PolicyCheck | undefined, r: Reading): check is PolicyCheck {
  return check !== undefined && check.snapshot === r.snapshot && check.asOf === r.asOf && check.assumeInScope === r.assumeInScope
    && check.includeUnverified === r.includeUnverified && check.rules.length === r.rules.length && check.rules.every((x, i) => x === r.rules[i]);
}

/** The findings of `reading` on `devices`: the caller's check when it answers it, else a check made now. */
export function policyFindings(devices: readonly Device[], reading: Reading, check?: PolicyCheck): readonly Finding[] {
  if (answers(check, reading)) return check.findings;
  const { asOf, rules, assumeInScope, includeUnverified } = reading;
  return evaluate({ devices, rules, asOf, assumeInScope, includeUnverified });
}

/**
 * Devices whose removal a rule mandates by a deadline (overdue or due findings of the policy
 * check on the same snapshot), so that the plan buys them by then whatever the flows need.
 * Needs-data findings force nothing: the notes say how many devices wait on data instead. The
 * devices are those the network was loaded with (one read, so the very snapshot planned).
 */
function policyForced(net: LoadedNetwork, opts: PlanRunOptions): { forced: ForcedDevice[]; notes: string[] } {
  const asOf = opts.asOf ?? todayUtc();
  if (!isRealDate(asOf)) throw new InputError('--as-of', undefined, `expected a date as YYYY-MM-DD, got "${opts.asOf}"`);
  const reading = { snapshot: net.snapshot ?? net.label, rules: opts.rules ?? activeCatalog().rules, asOf, assumeInScope: opts.assumeInScope ?? false, includeUnverified: opts.includeUnverified ?? false };
  const findings = policyFindings(net.devices ?? [], reading, opts.policyCheck);
  const forced = forcedFromFindings(findings);
  return { forced, notes: policyNotes(findings, forced, opts.assumeInScope ?? false) };
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

/** Loads the network, prices the untrusted devices, forces in what rules mandate, solves and phases. */
export async function computePlan(opts: PlanRunOptions, progress: PlanProgress = SILENT): Promise<{ plan: PlanResult; phasing?: PhasedPlan }> {
  progress.update(0, undefined, 'loading');
  const budget = opts.budget ? parseBudget(opts.budget, opts.budgetStart ?? new Date().toISOString().slice(0, 10)) : undefined;
  if (budget) {
    if (opts.periods !== undefined) budget.periods = opts.periods;
    budget.carryOver = opts.carryOver;
  }
  // Rules force devices only on a snapshot: its full records come with the network, read once.
  const rulesForce = opts.policy && !opts.nodes && !opts.links && !opts.topology;
  const net = await loadNetwork({ ...opts, keepDevices: rulesForce });
  for (const note of net.notes) process.stderr.write(`note: ${note}\n`);
  // No sensitive flow, or nothing untrusted: a plan would have nothing to protect or replace.
  requireFlows(net, net.flows, 'sensitive-flows');
  const g = buildGraph(net, { source: net.label });
  const untrusted = untrustedNodes(net.nodes, opts);
  requireDevices(net, countSet(untrusted), avoidFilterText(opts), NOTHING_UNTRUSTED);
  const table = new CostTable(DEFAULT_COST_TABLE, opts.costTable ? await readCostTable(opts.costTable) : []);
  // The nodes carry their own cost, layer and role: the network source is not read again.
  const { cost, fromTable } = nodeCosts(net.nodes, table);
  const forced: ForcedDevice[] = opts.forced ? await readForcedList(opts.forced) : [];
  const policyRun = rulesForce ? policyForced(net, opts) : undefined;
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
  for (let i = 0; i < untrusted.length; i++) if (untrusted[i] && net.nodes[i]!.cost === null) untrustedFromTable++;
  if (fromTable && untrustedFromTable) plan.notes.push(`${untrustedFromTable} untrusted device(s) have no cost in the input: priced from the cost table by layer and role`);
  const phasing = budget ? phasePlan({ g, untrusted, cost, flows: net.flows }, phaseInputOf(plan), budget) : undefined;
  return { plan, phasing };
}
