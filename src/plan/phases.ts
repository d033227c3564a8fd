// A budget per period turns the plan into phases. Devices are bought in priority order: those a
// rule forces, earliest deadline first; then the others, greedily by the sensitive volume that
// becomes clean per unit of money. A period buys devices in that order while its money lasts
// (strictly in order: a device that does not fit waits for the next period). When the money
// runs short, the phasing says which deadlines are missed and which flows stay exposed.
import { isSensitive, volumeOf, type Graph } from '../graph/index.js';
import { InputError } from '../model/index.js';
import type { PlanNetwork } from './planner.js';
import type { Budget, BudgetPeriod, PlannedDevice } from './types.js';
import { connectedThrough } from './connectivity.js';

export interface Phase {
  index: number;
  /** ISO dates: first day, and first day of the next period */
  start: string;
  end: string;
  /** money available in the period (with what earlier periods left when carried over) */
  available: number;
  spent: number;
  devices: string[];
  /** sensitive flows that get a clean path in this phase */
  flowsCleaned: string[];
  /** sensitive flows (with a path at all) still without a clean path at the end of the phase */
  flowsExposed: number;
  volumeExposed: number;
}

export interface MissedDeadline {
  id: string;
  deadline: string;
  reason: string;
  /** the phase that buys the device, or null when the budget never does */
  phase: number | null;
  /** last day of that phase */
  replacedBy: string | null;
}

export interface PhasedPlan {
  budget: Budget;
  phases: Phase[];
  /** devices the budget does not pay for within the horizon, in priority order */
  unfunded: string[];
  missedDeadlines: MissedDeadline[];
  /** sensitive flows (with a path at all) still exposed when the horizon ends */
  exposedAtEnd: string[];
  totalSpent: number;
}

const MONTHS: Record<BudgetPeriod, number> = { year: 12, quarter: 3, month: 1 };
const MAX_PHASES = 1200;

function parseDate(s: string, what: string): { y: number; m: number; d: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw new InputError(what, undefined, `expected a date YYYY-MM-DD, got "${s}"`);
  return { y: Number(m[1]), m: Number(m[2]) - 1, d: Number(m[3]) };
}

const iso = (t: Date): string => t.toISOString().slice(0, 10);

/** First day of period `p` (0-based) from `start`; days past a month's end clamp to its last day. */
export function periodStart(start: string, period: BudgetPeriod, p: number): string {
  const { y, m, d } = parseDate(start, 'budget start');
  const months = m + p * MONTHS[period];
  const yy = y + Math.floor(months / 12), mm = ((months % 12) + 12) % 12;
  const last = new Date(Date.UTC(yy, mm + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(yy, mm, Math.min(d, last))));
}

function dayBefore(s: string): string {
  const { y, m, d } = parseDate(s, 'date');
  return iso(new Date(Date.UTC(y, m, d - 1)));
}

/** Parses `AMOUNT/PERIOD` (e.g. `2000000/year`, `500k/quarter`, `1.5m/year`). */
export function parseBudget(text: string, start: string): Budget {
  const m = /^\s*([0-9][0-9_,.]*)\s*([kmb]?)\s*\/\s*(year|quarter|month)\s*$/i.exec(text);
  if (!m) throw new InputError('--budget', undefined, `expected AMOUNT/PERIOD (e.g. 2000000/year, 500k/quarter), got "${text}"`);
  const mult = { '': 1, k: 1e3, m: 1e6, b: 1e9 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'b'];
  const amount = Number(m[1]!.replace(/[_,]/g, '')) * mult;
  if (!Number.isFinite(amount) || amount <= 0) throw new InputError('--budget', undefined, `amount must be positive, got "${m[1]}"`);
  parseDate(start, 'budget start');
  return { amount, period: m[3]!.toLowerCase() as BudgetPeriod, start };
}

interface FlowNeed {
  id: string;
  volume: number;
  needs: readonly string[];
}

/** Priority order of the plan's devices (ids): forced by deadline, then by cleaned volume per cost. */
export function purchaseOrder(devices: readonly PlannedDevice[], flows: readonly FlowNeed[]): string[] {
  const costOf = new Map(devices.map((d) => [d.id, d.cost]));
  const forced = devices.filter((d) => d.deadline !== undefined);
  forced.sort((a, b) => a.deadline!.localeCompare(b.deadline!) || a.id.localeCompare(b.id));
  const order: string[] = forced.map((d) => d.id);
  const bought = new Set(order);
  // group flows by the set of devices they need
  const groups = new Map<string, { needs: string[]; volume: number }>();
  for (const f of flows) {
    const needs = [...new Set(f.needs)].filter((x) => costOf.has(x)).sort();
    if (!needs.length) continue;
    const key = needs.join('\u0000');
    const g = groups.get(key);
    if (g) g.volume += f.volume;
    else groups.set(key, { needs, volume: f.volume });
  }
  let open = [...groups.values()];
  while (open.length) {
    let best = -1, bestRatio = -1, bestCost = Infinity;
    open.forEach((g, i) => {
      let c = 0;
      for (const x of g.needs) if (!bought.has(x)) c += costOf.get(x)!;
      const ratio = c > 0 ? g.volume / c : Infinity;
      if (ratio > bestRatio || (ratio === bestRatio && c < bestCost)) {
        best = i;
        bestRatio = ratio;
        bestCost = c;
      }
    });
    const g = open[best]!;
    const add = g.needs.filter((x) => !bought.has(x)).sort((a, b) => costOf.get(a)! - costOf.get(b)! || a.localeCompare(b));
    for (const x of add) {
      bought.add(x);
      order.push(x);
    }
    open = open.filter((o) => o.needs.some((x) => !bought.has(x)));
  }
  const rest = devices.filter((d) => !bought.has(d.id)).sort((a, b) => a.cost - b.cost || a.id.localeCompare(b.id));
  for (const d of rest) order.push(d.id);
  return order;
}

/** Which sensitive flows (input order of `net.flows`) have a clean path through trusted ∪ bought. */
function cleanFlows(g: Graph, untrusted: Uint8Array, bought: Uint8Array, s: Int32Array, t: Int32Array): Uint8Array {
  const n = g.n;
  const usable = new Uint8Array(n);
  for (let u = 0; u < n; u++) {
    const i = g.toInput[u]!;
    usable[u] = !untrusted[i] || bought[i] ? 1 : 0;
  }
  return connectedThrough(g, usable, s, t);
}

export interface PhaseInput {
  devices: readonly PlannedDevice[];
  /** per sensitive flow: replaced devices its clean path needs (planReplacement's `needs`) */
  needs: ReadonlyMap<string, readonly string[]>;
  /** per sensitive flow: whether it has a path at all (status !== 'unreachable') */
  reachable: ReadonlyMap<string, boolean>;
}

export function phasePlan(net: PlanNetwork, plan: PhaseInput, budget: Budget): PhasedPlan {
  const { g, untrusted } = net;
  if (!(budget.amount > 0)) throw new InputError('budget', undefined, 'amount must be positive');
  const carry = budget.carryOver ?? true;
  const sens = net.flows.filter((f) => isSensitive(f) && plan.reachable.get(f.id) !== false);
  const s = Int32Array.from(sens, (f) => g.indexOf.get(f.src)!), t = Int32Array.from(sens, (f) => g.indexOf.get(f.dst)!);
  const order = purchaseOrder(
    plan.devices,
    sens.map((f) => ({ id: f.id, volume: volumeOf(f), needs: plan.needs.get(f.id) ?? [] })),
  );
  const byId = new Map(plan.devices.map((d) => [d.id, d]));
  const bought = new Uint8Array(g.n);
  let clean = cleanFlows(g, untrusted, bought, s, t);
  const phases: Phase[] = [];
  const boughtIn = new Map<string, number>();
  const unfunded: string[] = [];
  let queue = order.filter((id) => {
    // without carry-over a device dearer than one period's money is never bought
    if (!carry && byId.get(id)!.cost > budget.amount) {
      unfunded.push(id);
      return false;
    }
    return true;
  });
  const horizon = budget.periods ?? MAX_PHASES;
  let balance = 0, totalSpent = 0;
  for (let p = 0; p < horizon && (queue.length || budget.periods !== undefined); p++) {
    balance = (carry ? balance : 0) + budget.amount;
    const available = balance;
    const devices: string[] = [];
    let spent = 0;
    while (queue.length && byId.get(queue[0]!)!.cost <= balance + 1e-9) {
      const id = queue.shift()!;
      const c = byId.get(id)!.cost;
      balance -= c;
      spent += c;
      devices.push(id);
      boughtIn.set(id, p);
      bought[g.indexOf.get(id)!] = 1;
    }
    totalSpent += spent;
    const now = devices.length ? cleanFlows(g, untrusted, bought, s, t) : clean;
    const flowsCleaned: string[] = [];
    let flowsExposed = 0, volumeExposed = 0;
    for (let k = 0; k < sens.length; k++) {
      if (now[k] && !clean[k]) flowsCleaned.push(sens[k]!.id);
      if (!now[k]) {
        flowsExposed++;
        volumeExposed += volumeOf(sens[k]!);
      }
    }
    clean = now;
    phases.push({
      index: p,
      start: periodStart(budget.start, budget.period, p),
      end: periodStart(budget.start, budget.period, p + 1),
      available,
      spent,
      devices,
      flowsCleaned,
      flowsExposed,
      volumeExposed,
    });
  }
  unfunded.push(...queue);
  const missedDeadlines: MissedDeadline[] = [];
  for (const d of plan.devices) {
    if (d.deadline === undefined) continue;
    const p = boughtIn.get(d.id);
    const lastDay = p === undefined ? null : dayBefore(phases[p]!.end);
    if (lastDay === null || lastDay > d.deadline) {
      missedDeadlines.push({ id: d.id, deadline: d.deadline, reason: d.forcedBy ?? '', phase: p ?? null, replacedBy: lastDay });
    }
  }
  missedDeadlines.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.id.localeCompare(b.id));
  const exposedAtEnd = sens.filter((_, k) => !clean[k]).map((f) => f.id);
  return { budget: { ...budget, carryOver: carry }, phases, unfunded, missedDeadlines, exposedAtEnd, totalSpent };
}

/** Convenience: the phase input straight from a plan result. */
export function phaseInputOf(plan: { devices: readonly PlannedDevice[]; needs: ReadonlyMap<string, readonly string[]>; flows: readonly { id: string; status: string }[] }): PhaseInput {
  return { devices: plan.devices, needs: plan.needs, reachable: new Map(plan.flows.map((f) => [f.id, f.status !== 'unreachable'])) };
}
