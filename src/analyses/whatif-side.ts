// One side of a what-if (the baseline or the scenario): the devices judged under its rules, the
// replacement plan those rules force, and the sensitive flows' exposure before and after that
// plan's devices are replaced. Both sides run the same code on the same snapshot.
import { analyseExposure, EXPOSURE_CLASSES, isSensitive, type ExposureClass, type Graph } from '../graph/index.js';
import { isNothingToAnalyse, type Device } from '../model/index.js';
import type { PhasedPlan, PlanResult } from '../plan/index.js';
import { addDays, type Finding, type Rule, type Status } from '../policy/index.js';
import type { RunEnv } from './define.js';
import type { LoadedNetwork } from './network.js';
import { computePlan, policyFindings, type PolicyCheck } from './plan-run.js';
import { untrustedNodes } from './untrusted.js';

/** Statuses that put a device under a deadline (what "caught" means): the planner forces overdue and due. */
export const CAUGHT: readonly Status[] = ['overdue', 'banned-new-install', 'due'];

export interface WhatIfFinding {
  /** The device, or a group finding's name. */
  device: string;
  /** A finding on a group of devices (a share cap, a concentration): it catches no one device. */
  group: boolean;
  rule: string;
  status: Status;
  deadline: string | null;
  country: string | null;
  vendor: string | null;
}

export interface WhatIfPlanDevice {
  id: string;
  cost: number;
  country: string | null;
  vendor: string | null;
  deadline: string | null;
  forcedBy: string | null;
  /** Budget phase that buys it (1-based), when a budget was given. */
  phase: number | null;
}

export interface WhatIfPhase {
  index: number;
  start: string;
  /** Last day of the period. */
  end: string;
  spent: number;
  devices: string[];
}

export interface WhatIfPlan {
  method: string;
  status: string;
  totalCost: number;
  lowerBound: number;
  devices: WhatIfPlanDevice[];
  phases: WhatIfPhase[];
  /** Last day of the last phase that buys a device; null without a budget or when the budget never finishes. */
  doneBy: string | null;
  unfunded: string[];
  missedDeadlines: { id: string; deadline: string; phase: number | null }[];
  notes: string[];
  /** The budget phases in full, as the plan analysis gives them (the dashboard shows them with the Plan view's table); null without a budget. */
  phasing: PhasedPlan | null;
}

export interface FlowExposure {
  before: ExposureClass;
  after: ExposureClass;
}

export interface Side {
  rules: number;
  untrusted: string[];
  findings: WhatIfFinding[];
  /** Null when there is no plan to make (no sensitive flow, no untrusted device): `planNote` says why. */
  plan: WhatIfPlan | null;
  planNote?: string;
  /** Sensitive flows by id: exposure to this side's untrusted set before and after its plan. */
  flows: Record<string, FlowExposure>;
}

export interface SideInput {
  source: { db: string; snapshot?: string; organisation?: string };
  net: LoadedNetwork;
  g: Graph;
  rules: readonly Rule[];
  untrusted: string[];
  asOf: string;
  assumeInScope: boolean;
  includeUnverified: boolean;
  budget?: string;
  budgetStart?: string;
  timeLimit: number;
}

function findingOf(f: Finding): WhatIfFinding {
  return { device: f.device ?? f.name ?? '', group: f.device === null, rule: f.rule, status: f.status, deadline: f.deadline ?? null, country: f.country ?? null, vendor: f.vendor ?? null };
}

function planOf(plan: PlanResult, phasing: PhasedPlan | undefined, byId: ReadonlyMap<string, Device>): WhatIfPlan {
  const phaseOf = new Map<string, number>();
  for (const ph of phasing?.phases ?? []) for (const id of ph.devices) phaseOf.set(id, ph.index + 1);
  const phases = (phasing?.phases ?? []).map((ph) => ({ index: ph.index + 1, start: ph.start, end: addDays(ph.end, -1), spent: ph.spent, devices: ph.devices }));
  const buying = phases.filter((ph) => ph.devices.length);
  return {
    method: plan.method, status: plan.status, totalCost: plan.totalCost, lowerBound: plan.lowerBound,
    devices: plan.devices.map((d) => ({ id: d.id, cost: d.cost, country: byId.get(d.id)?.country ?? null, vendor: byId.get(d.id)?.vendor ?? null, deadline: d.deadline ?? null, forcedBy: d.forcedBy ?? null, phase: phaseOf.get(d.id) ?? null })),
    phases,
    doneBy: phasing && !phasing.unfunded.length && buying.length ? buying.at(-1)!.end : null,
    unfunded: phasing?.unfunded ?? [],
    missedDeadlines: (phasing?.missedDeadlines ?? []).map((m) => ({ id: m.id, deadline: m.deadline, phase: m.phase === null ? null : m.phase + 1 })),
    notes: plan.notes,
    phasing: phasing ?? null,
  };
}

async function planSide(input: SideInput, check: PolicyCheck, env: RunEnv): Promise<{ plan: WhatIfPlan | null; note?: string }> {
  const byId = new Map((input.net.devices ?? []).map((d) => [d.id, d]));
  try {
    const r = await computePlan({
      ...input.source, untrusted: input.untrusted, rules: input.rules, policy: true, carryOver: true, asOf: input.asOf,
      budget: input.budget, budgetStart: input.budgetStart ?? (input.budget ? input.asOf : undefined),
      assumeInScope: input.assumeInScope, includeUnverified: input.includeUnverified, timeLimit: input.timeLimit, workers: env.workers, policyCheck: check,
    });
    return { plan: planOf(r.plan, r.phasing, byId) };
  } catch (e) {
    if (!isNothingToAnalyse(e)) throw e;
    return { plan: null, note: e.message };
  }
}

/** Per sensitive flow: exposure to the untrusted set, then with the plan's devices replaced by trusted ones. */
async function flowExposure(input: SideInput, replaced: ReadonlySet<string>, env: RunEnv): Promise<Record<string, FlowExposure>> {
  const { net, g } = input;
  const flows = net.flows.filter(isSensitive);
  if (!flows.length) return {};
  const before = untrustedNodes(net.nodes, { untrusted: input.untrusted });
  const after = before.slice();
  net.nodes.forEach((n, i) => { if (replaced.has(n.id)) after[i] = 0; });
  const opts = { workers: env.workers, chokepoints: false, source: net.label };
  const [b, a] = [await analyseExposure(g, before, flows, opts), await analyseExposure(g, after, flows, opts)];
  const out: Record<string, FlowExposure> = {};
  flows.forEach((f, i) => { out[f.id] = { before: EXPOSURE_CLASSES[b.exposure[i]!]!, after: EXPOSURE_CLASSES[a.exposure[i]!]! }; });
  return out;
}

export async function computeSide(input: SideInput, env: RunEnv): Promise<Side> {
  const { rules, asOf, assumeInScope, includeUnverified } = input;
  // One check per side: the plan forces from the same findings instead of checking again.
  const reading = { snapshot: input.net.snapshot ?? input.net.label, rules, asOf, assumeInScope, includeUnverified };
  const check: PolicyCheck = { ...reading, findings: policyFindings(input.net.devices ?? [], reading) };
  const findings = check.findings.map(findingOf);
  const { plan, note } = await planSide(input, check, env);
  const flows = await flowExposure(input, new Set(plan?.devices.map((d) => d.id) ?? []), env);
  return { rules: input.rules.length, untrusted: input.untrusted, findings, plan, ...(note && { planNote: note }), flows };
}
