// The planner: reduce, solve (heuristic always, exact MILP when asked or small), re-check with
// the analysis engine, repair stretch bounds, and describe the plan.
import { analyseExposure, isSensitive, volumeOf, type ExposureResult, type FlowInput, type Graph } from '../graph/index.js';
import { components } from '../graph/unionfind.js';
import { aliveOf, costOf, NodeDijkstra, pathBound } from './core.js';
import { cutLoop, loadHighs, type CutLoopOptions } from './exact.js';
import { heuristicPlan } from './heuristic.js';
import { DemandClass, reduce, type Demands, type Reduced } from './reduce.js';
import { PenaltySearch, repairStretch } from './stretch.js';
import type { DeviceReason, ForcedDevice, PlannedDevice, PlannedFlow, PlanOptions, PlanResult, PlanStatus } from './types.js';
import { connectedThrough } from './connectivity.js';

export interface PlanNetwork {
  g: Graph;
  /** 1 = untrusted, one byte per node in input order (buildUntrusted) */
  untrusted: Uint8Array;
  /** replacement cost per node in input order (nodeCosts) */
  cost: Float64Array;
  flows: readonly FlowInput[];
}

export interface PlanRunOptions extends PlanOptions {
  /** worker threads for the re-check with the analysis engine (default 1) */
  workers?: number;
  /**
   * Per-flow costs and clean costs before/after from the analysis engine (one search per source
   * over the whole graph). Default: when nodes × distinct sensitive sources <= 2e7, or when a
   * stretch bound is given. Without them feasibility is re-checked by connectivity on the graph
   * and the per-flow costs are NaN (null in JSON).
   */
  flowMetrics?: boolean;
}

/** Per sensitive flow: the replaced devices (ids) its clean path after the plan relies on. */
export interface PlanDetail {
  needs: ReadonlyMap<string, readonly string[]>;
}

const EPS = 1e-9;

export async function planReplacement(net: PlanNetwork, opts: PlanRunOptions = {}): Promise<PlanResult & PlanDetail> {
  const t0 = performance.now();
  const deadline = t0 + (opts.timeLimit ?? 60) * 1000;
  const { g, untrusted, cost } = net;
  if (untrusted.length !== g.n || cost.length !== g.n) throw new RangeError('untrusted and cost need one entry per node');
  const notes: string[] = [];
  const forcedBy = forcedDevices(g, opts.forced ?? [], notes);
  const inst = reducedInstance(net, forcedBy);
  const sol = await solve(inst.h, opts, deadline, notes);
  const plan = devicesChosen(net, inst, sol.chosen, forcedBy);
  const check = recheckerOf(net, inst, opts);
  const before = await check.run(untrusted);
  let post = await check.run(plan.untrustedAfter());
  assertFeasible(inst, post);
  if (!check.metrics) notes.push('per-flow costs not computed (large instance): feasibility re-checked by connectivity; pass flowMetrics / --flow-costs for them');
  const boundOf = (f: FlowInput): number | undefined => opts.flowStretch?.get(f.id) ?? opts.maxStretch;
  const repaired = repairStretchBounds(net, inst, plan, post, boundOf, deadline, notes);
  if (repaired) {
    post = await check.run(plan.untrustedAfter());
    notes.push(`${repaired} device(s) added to meet stretch bounds (heuristic; the lower bound ignores stretch)`);
    if (sol.status === 'optimal') sol.status = 'heuristic';
  }
  const { needs, deviceFlows } = flowNeeds(g, inst, sol.chosen);
  const { devices, totalCost, lowerBound, gap } = devicesAndBound(net, inst, plan, forcedBy, deviceFlows, sol.lb);
  const planned = plannedFlows(inst, before, post, boundOf, check.metrics);
  const unreachable = planned.filter((f) => f.status === 'unreachable').length;
  if (unreachable) notes.push(`${unreachable} sensitive flow(s) have no path at all: nothing to plan for them`);
  const violated = planned.filter((f) => f.stretchViolated).length;
  if (violated) notes.push(`${violated} flow(s) still exceed their stretch bound`);
  const { h } = inst;
  return {
    method: sol.method,
    status: sol.status,
    totalCost,
    lowerBound,
    gap,
    devices,
    flows: planned,
    needs,
    stats: {
      untrusted: untrusted.reduce((a, b) => a + b, 0),
      reducedNodes: h.n,
      reducedLinks: h.adj.length / 2,
      candidates: h.n - h.k,
      demands: h.ds.length,
      cuts: sol.cuts,
      iterations: sol.iterations,
      boundSource: sol.boundSource,
      seconds: (performance.now() - t0) / 1000,
    },
    notes,
  };
}

/** Forced devices by input position: the earliest deadline wins when a device is named twice. */
function forcedDevices(g: Graph, forced: readonly ForcedDevice[], notes: string[]): Map<number, ForcedDevice> {
  const forcedBy = new Map<number, ForcedDevice>();
  for (const f of forced) {
    const i = g.indexOf.get(f.id);
    if (i === undefined) {
      notes.push(`forced device "${f.id}" is not in the network: ignored`);
      continue;
    }
    const prev = forcedBy.get(i);
    if (!prev || f.deadline < prev.deadline) forcedBy.set(i, f);
  }
  return forcedBy;
}

/** A sensitive flow at input positions; `reachable`: some path joins its endpoints at all. */
interface SensitiveFlow {
  flow: FlowInput;
  s: number;
  t: number;
  reachable: boolean;
}

/** The sensitive flows, what every plan replaces, and the reduced instance the solvers see. */
interface Instance {
  sens: SensitiveFlow[];
  /** 1 = replaced in every plan (forced, or an untrusted endpoint), input order */
  fixed: Uint8Array;
  /** 1 = an untrusted endpoint of a reachable sensitive flow, input order */
  endpointOf: Uint8Array;
  /** flow endpoints, input positions, in the order of `sens` */
  src: Int32Array;
  dst: Int32Array;
  h: Reduced;
  demands: Demands;
}

/** Sensitive flows and what every plan replaces (an untrusted endpoint lies on every path), then the reduction. */
function reducedInstance(net: PlanNetwork, forcedBy: ReadonlyMap<number, ForcedDevice>): Instance {
  const { g, untrusted, cost, flows } = net;
  const n = g.n;
  const whole = components(n, g.offsets, g.adj, null);
  const sens: SensitiveFlow[] = [];
  for (const f of flows) {
    if (!isSensitive(f)) continue;
    const s = g.indexOf.get(f.src), t = g.indexOf.get(f.dst);
    if (s === undefined || t === undefined) throw new RangeError(`flow ${f.id}: unknown endpoint`);
    sens.push({ flow: f, s, t, reachable: whole.label[g.toInternal[s]!] === whole.label[g.toInternal[t]!] });
  }
  const fixed = new Uint8Array(n);
  for (const i of forcedBy.keys()) fixed[i] = 1;
  const endpointOf = new Uint8Array(n);
  for (const d of sens) {
    if (!d.reachable) continue;
    for (const e of [d.s, d.t]) if (untrusted[e]) endpointOf[e] = fixed[e] = 1;
  }
  const src = Int32Array.from(sens, (d) => d.s), dst = Int32Array.from(sens, (d) => d.t);
  const { h, demands } = reduce({ g, untrusted, fixed, cost, src, dst });
  return { sens, fixed, endpointOf, src, dst, h, demands };
}

/** The solvers' answer on the reduced instance, with the best lower bound proven and its source. */
interface Solution {
  chosen: Uint8Array;
  lb: number;
  boundSource: string;
  status: PlanStatus;
  method: 'exact' | 'heuristic';
  cuts: number;
  iterations: number;
}

/**
 * Solve: the heuristic always (with its dual bound, and the cheapest-path bound), then the exact
 * MILP when asked or small, else the LP relaxation of the rows found for a better bound.
 */
async function solve(h: Reduced, opts: PlanRunOptions, deadline: number, notes: string[]): Promise<Solution> {
  const mode = opts.mode ?? 'auto';
  const useExact = mode === 'exact' || (mode === 'auto' && h.n - h.k <= (opts.exactMaxCandidates ?? 5000));
  const left = () => deadline - performance.now();
  const heur = heuristicPlan(h, performance.now() + left() * (useExact ? 0.25 : 0.6));
  const sol: Solution = {
    chosen: heur.chosen,
    lb: heur.dual.bound,
    boundSource: heur.dual.complete ? 'dual ascent' : 'dual ascent (partial)',
    status: 'heuristic',
    method: 'heuristic',
    cuts: 0,
    iterations: 0,
  };
  const pb = pathBound(h, performance.now() + Math.max(0, left()) * 0.3);
  raiseBound(sol, pb.bound, 'cheapest path of one demand');
  if (h.ds.length === 0) {
    sol.status = 'optimal';
    sol.method = 'exact';
    sol.boundSource = 'nothing to choose';
  } else if (useExact) {
    await solveExact(h, sol, heur.dual.rows, deadline, notes);
  } else if (left() > 0) {
    const r = cutLoop(await loadHighs(), h, { integer: false, deadline, rows: heur.dual.rows, maxIterations: 50 });
    sol.cuts = r.cuts;
    sol.iterations = r.iterations;
    raiseBound(sol, r.lowerBound, 'LP relaxation of the separator rows found');
  }
  const planCost = costOf(h, sol.chosen);
  if (sol.lb > planCost) sol.lb = planCost; // numerical noise of the LP/MILP objective
  if (sol.status === 'heuristic' && planCost - sol.lb <= EPS * Math.max(1, planCost)) sol.status = 'optimal';
  return sol;
}

/** Takes `bound` as the lower bound when it is better, naming its source. */
function raiseBound(sol: Solution, bound: number, source: string): void {
  if (bound > sol.lb) {
    sol.lb = bound;
    sol.boundSource = source;
  }
}

/** The MILP cut loop from the heuristic's plan: its optimum when found in time, else its bound. */
async function solveExact(h: Reduced, sol: Solution, rows: CutLoopOptions['rows'], deadline: number, notes: string[]): Promise<void> {
  sol.method = 'exact';
  const r = cutLoop(await loadHighs(), h, { integer: true, deadline, incumbent: sol.chosen, rows });
  sol.cuts = r.cuts;
  sol.iterations = r.iterations;
  if (r.optimal && r.chosen) {
    if (costOf(h, r.chosen) <= costOf(h, sol.chosen) + EPS) sol.chosen = r.chosen;
    sol.status = 'optimal';
    sol.lb = Math.max(sol.lb, Math.min(r.lowerBound, costOf(h, sol.chosen)));
    sol.boundSource = 'MILP optimum';
  } else {
    sol.status = 'time-limit';
    raiseBound(sol, r.lowerBound, 'MILP dual bound at the time limit');
    notes.push(`exact solve stopped (${r.stop}) after ${r.iterations} MILP solve(s): the plan is the heuristic's, the bound the best proven`);
  }
}

/** The devices in the plan (input positions) and why each is there; stretch repair adds to it. */
interface PlanDevices {
  inPlan: Uint8Array;
  reason: Map<number, Set<DeviceReason>>;
  addReason(i: number, r: DeviceReason): void;
  /** untrusted after the plan: untrusted and not replaced, input order */
  untrustedAfter(): Uint8Array;
}

/** Devices in the plan (input positions): the fixed ones and the chosen candidates, with their reasons. */
function devicesChosen(net: PlanNetwork, inst: Instance, chosen: Uint8Array, forcedBy: ReadonlyMap<number, ForcedDevice>): PlanDevices {
  const { h } = inst;
  const n = net.g.n;
  const inPlan = inst.fixed.slice();
  const reason = new Map<number, Set<DeviceReason>>();
  const addReason = (i: number, r: DeviceReason) => {
    let s = reason.get(i);
    if (!s) reason.set(i, (s = new Set()));
    s.add(r);
  };
  for (let j = 0; j < h.n - h.k; j++) {
    if (chosen[j]) {
      inPlan[h.candidateInput[j]!] = 1;
      addReason(h.candidateInput[j]!, 'flows');
    }
  }
  for (const i of forcedBy.keys()) addReason(i, 'forced');
  for (let i = 0; i < n; i++) if (inst.endpointOf[i]) addReason(i, 'endpoint');
  const untrustedAfter = () => {
    const u = new Uint8Array(n);
    for (let i = 0; i < n; i++) u[i] = net.untrusted[i] && !inPlan[i] ? 1 : 0;
    return u;
  };
  return { inPlan, reason, addReason, untrustedAfter };
}

/** Per sensitive flow (order of `sens`): its cost and its clean cost (Infinity: no clean path). */
type FlowCosts = Pick<ExposureResult, 'cost' | 'clean'>;

/**
 * Re-check with the analysis engine: exposure and clean costs before and after; on large
 * instances without stretch bounds, connectivity only (costs NaN).
 */
function recheckerOf(net: PlanNetwork, inst: Instance, opts: PlanRunOptions): { metrics: boolean; run(u: Uint8Array): Promise<FlowCosts> } {
  const { g } = net;
  const { sens, src, dst } = inst;
  const sensFlows = sens.map((d) => d.flow);
  const workers = opts.workers ?? 1;
  const sources = new Set(sens.map((d) => d.s)).size;
  const hasStretch = opts.maxStretch !== undefined || (opts.flowStretch?.size ?? 0) > 0;
  const metrics = opts.flowMetrics ?? (hasStretch || g.n * sources <= 2e7);
  const connectivityOnly = (u: Uint8Array): FlowCosts => {
    const c = cleanByConnectivity(g, u, src, dst);
    const F = sens.length;
    const nan = new Float64Array(F).fill(NaN);
    const clean = new Float64Array(F);
    for (let i = 0; i < F; i++) clean[i] = c[i] ? NaN : Infinity;
    return { cost: nan, clean };
  };
  const run = async (u: Uint8Array) => (metrics ? await analyseExposure(g, u, sensFlows, { workers }) : connectivityOnly(u));
  return { metrics, run };
}

/** Every flow with a path at all has a clean one after the plan (else the solver is wrong). */
function assertFeasible(inst: Instance, post: FlowCosts): void {
  for (let i = 0; i < inst.sens.length; i++) {
    if (inst.demands.kind[i] !== DemandClass.Unreachable && post.clean[i] === Infinity) {
      throw new Error(`internal error: flow ${inst.sens[i]!.flow.id} has no clean path after the plan`);
    }
  }
}

/**
 * Stretch bounds: for each reachable flow whose clean path is too long, add the untrusted devices
 * of a cheap enough path to the plan; returns how many were added.
 */
function repairStretchBounds(
  net: PlanNetwork,
  inst: Instance,
  plan: PlanDevices,
  post: FlowCosts,
  boundOf: (f: FlowInput) => number | undefined,
  deadline: number,
  notes: string[],
): number {
  const { g } = net;
  const { sens } = inst;
  if (!sens.some((d) => boundOf(d.flow) !== undefined)) return 0;
  const search = new PenaltySearch(g);
  const { penalty, unusable, meanMetric, meanCost } = stretchPenalties(net, plan.inPlan);
  let repaired = 0;
  for (let i = 0; i < sens.length; i++) {
    const b = boundOf(sens[i]!.flow);
    if (b === undefined || inst.demands.kind[i] === DemandClass.Unreachable) continue;
    if (post.clean[i]! <= b * post.cost[i]! + EPS) continue;
    if (performance.now() > deadline) {
      notes.push('time limit reached while repairing stretch bounds');
      break;
    }
    const add = repairStretch(search, g.toInternal[sens[i]!.s]!, g.toInternal[sens[i]!.t]!, b * post.cost[i]!, penalty, unusable, meanMetric, meanCost);
    if (!add || !add.length) continue;
    for (const u of add) {
      const ii = g.toInput[u]!;
      if (!plan.inPlan[ii]) {
        plan.inPlan[ii] = 1;
        plan.addReason(ii, 'stretch');
        repaired++;
      }
      unusable[u] = 0;
      penalty[u] = 0;
    }
  }
  return repaired;
}

/** Per internal node: unusable (untrusted, not in the plan) and its replacement cost as penalty; the mean link metric and mean untrusted cost. */
function stretchPenalties(net: PlanNetwork, inPlan: Uint8Array): { penalty: Float64Array; unusable: Uint8Array; meanMetric: number; meanCost: number } {
  const { g, untrusted, cost } = net;
  const n = g.n;
  const penalty = new Float64Array(n), unusable = new Uint8Array(n);
  let metricSum = 0, costSum = 0, cnt = 0;
  for (let e = 0; e < g.adj.length / 2; e++) metricSum += g.adj[2 * e + 1]!;
  for (let i = 0; i < n; i++) if (untrusted[i]) (costSum += cost[i]!), cnt++;
  const meanMetric = g.adj.length ? metricSum / (g.adj.length / 2) : 1;
  const meanCost = cnt ? costSum / cnt : 1;
  for (let u = 0; u < n; u++) {
    const i = g.toInput[u]!;
    unusable[u] = untrusted[i] && !inPlan[i] ? 1 : 0;
    penalty[u] = unusable[u] ? cost[i]! : 0;
  }
  return { penalty, unusable, meanMetric, meanCost };
}

/** Per-flow needs: the candidates of the cheapest usable path, plus replaced endpoints. */
function flowNeeds(g: Graph, inst: Instance, chosen: Uint8Array): { needs: Map<string, string[]>; deviceFlows: Map<number, number> } {
  const { sens, endpointOf, demands } = inst;
  const pairNeeds = pathCandidatesPerPair(inst.h, chosen);
  const needs = new Map<string, string[]>();
  const deviceFlows = new Map<number, number>();
  sens.forEach((d, i) => {
    const list: number[] = [];
    if (endpointOf[d.s]) list.push(d.s);
    if (endpointOf[d.t] && d.t !== d.s) list.push(d.t);
    if (demands.pair[i]! >= 0) list.push(...(pairNeeds.get(demands.pair[i]!) ?? []));
    for (const x of list) deviceFlows.set(x, (deviceFlows.get(x) ?? 0) + 1);
    needs.set(d.flow.id, list.map((x) => g.ids[x]!));
  });
  return { needs, deviceFlows };
}

/** Per demand pair of H: the chosen candidates (input positions) on its cheapest path through chosen ones. */
function pathCandidatesPerPair(h: Reduced, chosen: Uint8Array): Map<number, number[]> {
  const w = new Float64Array(h.n);
  const alive = aliveOf(h, chosen);
  for (let v = h.k; v < h.n; v++) w[v] = alive[v] ? h.cost[v]! + EPS : Infinity;
  const dj = new NodeDijkstra(h);
  const pairNeeds = new Map<number, number[]>();
  const bySource = new Map<number, number[]>();
  for (let q = 0; q < h.ds.length; q++) {
    const l = bySource.get(h.ds[q]!);
    if (l) l.push(q);
    else bySource.set(h.ds[q]!, [q]);
  }
  for (const [s, qs] of bySource) {
    dj.run(s, w, new Set(qs.map((q) => h.dt[q]!)));
    for (const q of qs) pairNeeds.set(q, dj.pathCandidates(h.dt[q]!).map((v) => h.candidateInput[v - h.k]!));
  }
  return pairNeeds;
}

/** The planned devices, by deadline then cost, the plan's cost, and its lower bound and gap. */
function devicesAndBound(
  net: PlanNetwork,
  inst: Instance,
  plan: PlanDevices,
  forcedBy: ReadonlyMap<number, ForcedDevice>,
  deviceFlows: ReadonlyMap<number, number>,
  lb: number,
): { devices: PlannedDevice[]; totalCost: number; lowerBound: number; gap: number } {
  const { g, cost } = net;
  const devices: PlannedDevice[] = [];
  let totalCost = 0;
  for (let i = 0; i < g.n; i++) {
    if (!plan.inPlan[i]) continue;
    totalCost += cost[i]!;
    const f = forcedBy.get(i);
    const reasons = [...(plan.reason.get(i) ?? [])].sort();
    devices.push({
      id: g.ids[i]!,
      cost: cost[i]!,
      reasons,
      ...(f ? { deadline: f.deadline, forcedBy: f.reason } : {}),
      flows: deviceFlows.get(i) ?? 0,
    });
  }
  devices.sort((a, b) => (a.deadline ?? '9999') .localeCompare(b.deadline ?? '9999') || b.cost - a.cost || a.id.localeCompare(b.id));
  // the bound covers the optimisation part; fixed devices are in every plan
  let fixedCost = 0;
  for (let i = 0; i < g.n; i++) if (inst.fixed[i]) fixedCost += cost[i]!;
  const lowerBound = fixedCost + lb;
  const gapRaw = totalCost > 0 ? (totalCost - lowerBound) / totalCost : 0;
  const gap = gapRaw < 1e-9 ? 0 : gapRaw;
  return { devices, totalCost, lowerBound, gap };
}

/** Per sensitive flow: its status before the plan, its costs after, and its stretch against its bound. */
function plannedFlows(inst: Instance, before: FlowCosts, post: FlowCosts, boundOf: (f: FlowInput) => number | undefined, metrics: boolean): PlannedFlow[] {
  const { endpointOf } = inst;
  return inst.sens.map((d, i) => {
    const kind = inst.demands.kind[i]!;
    const status: PlannedFlow['status'] =
      kind === DemandClass.Unreachable ? 'unreachable' : endpointOf[d.s] || endpointOf[d.t] ? 'endpoint' : before.clean[i] !== Infinity ? 'clean' : 'exposed';
    const b = boundOf(d.flow);
    const c = post.cost[i]!, ca = post.clean[i]!;
    const stretch = c > 0 ? ca / c : c === 0 && ca < Infinity ? 1 : ca === Infinity ? Infinity : NaN;
    return {
      id: d.flow.id,
      src: d.flow.src,
      dst: d.flow.dst,
      volume: volumeOf(d.flow),
      status,
      cost: c,
      cleanBefore: before.clean[i]!,
      cleanAfter: ca,
      stretch,
      ...(b !== undefined ? { stretchBound: b } : {}),
      stretchViolated: b !== undefined && kind !== DemandClass.Unreachable && metrics && !(ca <= b * c + EPS),
    };
  });
}

/** Per demand: connected through usable nodes (not untrusted), endpoints included. */
function cleanByConnectivity(g: Graph, untrusted: Uint8Array, s: Int32Array, t: Int32Array): Uint8Array {
  const n = g.n;
  const usable = new Uint8Array(n);
  for (let u = 0; u < n; u++) usable[u] = untrusted[g.toInput[u]!] ? 0 : 1;
  return connectedThrough(g, usable, s, t);
}
