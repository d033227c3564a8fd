// The planner: reduce, solve (heuristic always, exact MILP when asked or small), re-check with
// the analysis engine, repair stretch bounds, and describe the plan.
import { analyseExposure, isSensitive, volumeOf, type FlowInput, type Graph } from '../graph/index.js';
import { components } from '../graph/unionfind.js';
import { aliveOf, costOf, NodeDijkstra, pathBound } from './core.js';
import { cutLoop, loadHighs } from './exact.js';
import { heuristicPlan } from './heuristic.js';
import { reduce } from './reduce.js';
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
  const { g, untrusted, cost, flows } = net;
  const n = g.n;
  if (untrusted.length !== n || cost.length !== n) throw new RangeError('untrusted and cost need one entry per node');
  const notes: string[] = [];

  // forced devices: the earliest deadline wins when a device is named twice
  const forcedBy = new Map<number, ForcedDevice>();
  for (const f of opts.forced ?? []) {
    const i = g.indexOf.get(f.id);
    if (i === undefined) {
      notes.push(`forced device "${f.id}" is not in the network: ignored`);
      continue;
    }
    const prev = forcedBy.get(i);
    if (!prev || f.deadline < prev.deadline) forcedBy.set(i, f);
  }

  // sensitive flows; an untrusted endpoint lies on every path, so it is replaced
  const whole = components(n, g.offsets, g.adj, null);
  const sens: { flow: FlowInput; s: number; t: number; reachable: boolean }[] = [];
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
  const nc = h.n - h.k;
  let untrustedCount = 0;
  for (let i = 0; i < n; i++) untrustedCount += untrusted[i]!;

  // solve
  const mode = opts.mode ?? 'auto';
  const useExact = mode === 'exact' || (mode === 'auto' && nc <= (opts.exactMaxCandidates ?? 5000));
  const left = () => deadline - performance.now();
  const heur = heuristicPlan(h, performance.now() + left() * (useExact ? 0.25 : 0.6));
  let chosen = heur.chosen;
  let lb = heur.dual.bound;
  let boundSource = heur.dual.complete ? 'dual ascent' : 'dual ascent (partial)';
  const pb = pathBound(h, performance.now() + Math.max(0, left()) * 0.3);
  if (pb.bound > lb) {
    lb = pb.bound;
    boundSource = 'cheapest path of one demand';
  }
  let status: PlanStatus = 'heuristic';
  let method: 'exact' | 'heuristic' = 'heuristic';
  let cuts = 0, iterations = 0;
  if (h.ds.length === 0) {
    status = 'optimal';
    method = 'exact';
    boundSource = 'nothing to choose';
  } else if (useExact) {
    method = 'exact';
    const highs = await loadHighs();
    const r = cutLoop(highs, h, { integer: true, deadline, incumbent: chosen, rows: heur.dual.rows });
    cuts = r.cuts;
    iterations = r.iterations;
    if (r.optimal && r.chosen) {
      if (costOf(h, r.chosen) <= costOf(h, chosen) + EPS) chosen = r.chosen;
      status = 'optimal';
      lb = Math.max(lb, Math.min(r.lowerBound, costOf(h, chosen)));
      boundSource = 'MILP optimum';
    } else {
      status = 'time-limit';
      if (r.lowerBound > lb) {
        lb = r.lowerBound;
        boundSource = 'MILP dual bound at the time limit';
      }
      notes.push(`exact solve stopped (${r.stop}) after ${r.iterations} MILP solve(s): the plan is the heuristic's, the bound the best proven`);
    }
  } else if (left() > 0) {
    const highs = await loadHighs();
    const r = cutLoop(highs, h, { integer: false, deadline, rows: heur.dual.rows, maxIterations: 50 });
    cuts = r.cuts;
    iterations = r.iterations;
    if (r.lowerBound > lb) {
      lb = r.lowerBound;
      boundSource = 'LP relaxation of the separator rows found';
    }
  }
  const planCost = costOf(h, chosen);
  if (lb > planCost) lb = planCost; // numerical noise of the LP/MILP objective
  if (status === 'heuristic' && planCost - lb <= EPS * Math.max(1, planCost)) status = 'optimal';

  // devices in the plan (input positions)
  const inPlan = fixed.slice();
  const reason = new Map<number, Set<DeviceReason>>();
  const addReason = (i: number, r: DeviceReason) => {
    let s = reason.get(i);
    if (!s) reason.set(i, (s = new Set()));
    s.add(r);
  };
  for (let j = 0; j < nc; j++) {
    if (chosen[j]) {
      inPlan[h.candidateInput[j]!] = 1;
      addReason(h.candidateInput[j]!, 'flows');
    }
  }
  for (const i of forcedBy.keys()) addReason(i, 'forced');
  for (let i = 0; i < n; i++) if (endpointOf[i]) addReason(i, 'endpoint');

  // re-check with the analysis engine: exposure and clean costs before and after
  const sensFlows = sens.map((d) => d.flow);
  const after = () => {
    const u = new Uint8Array(n);
    for (let i = 0; i < n; i++) u[i] = untrusted[i] && !inPlan[i] ? 1 : 0;
    return u;
  };
  const workers = opts.workers ?? 1;
  const sources = new Set(sens.map((d) => d.s)).size;
  const hasStretch = opts.maxStretch !== undefined || (opts.flowStretch?.size ?? 0) > 0;
  const metrics = opts.flowMetrics ?? (hasStretch || n * sources <= 2e7);
  const connectivityOnly = (u: Uint8Array) => {
    const c = cleanByConnectivity(g, u, src, dst);
    const F = sens.length;
    const nan = new Float64Array(F).fill(NaN);
    const clean = new Float64Array(F);
    for (let i = 0; i < F; i++) clean[i] = c[i] ? NaN : Infinity;
    return { cost: nan, clean };
  };
  const recheck = async (u: Uint8Array) => (metrics ? await analyseExposure(g, u, sensFlows, { workers }) : connectivityOnly(u));
  const before = await recheck(untrusted);
  let post = await recheck(after());
  for (let i = 0; i < sens.length; i++) {
    if (demands.kind[i] !== 2 && post.clean[i] === Infinity) {
      throw new Error(`internal error: flow ${sens[i]!.flow.id} has no clean path after the plan`);
    }
  }
  if (!metrics) notes.push('per-flow costs not computed (large instance): feasibility re-checked by connectivity; pass flowMetrics / --flow-costs for them');

  // stretch bounds
  const boundOf = (f: FlowInput): number | undefined => opts.flowStretch?.get(f.id) ?? opts.maxStretch;
  let repaired = 0;
  if (sens.some((d) => boundOf(d.flow) !== undefined)) {
    const search = new PenaltySearch(g);
    const penalty = new Float64Array(n), unusable = new Uint8Array(n);
    let metricSum = 0, costSum = 0, cnt = 0;
    for (let e = 0; e < g.adj.length / 2; e++) metricSum += g.adj[2 * e + 1]!;
    for (let i = 0; i < n; i++) if (untrusted[i]) (costSum += cost[i]!), cnt++;
    const meanMetric = g.adj.length ? metricSum / (g.adj.length / 2) : 1;
    const meanCost = cnt ? costSum / cnt : 1;
    const refresh = () => {
      for (let u = 0; u < n; u++) {
        const i = g.toInput[u]!;
        unusable[u] = untrusted[i] && !inPlan[i] ? 1 : 0;
        penalty[u] = unusable[u] ? cost[i]! : 0;
      }
    };
    refresh();
    for (let i = 0; i < sens.length; i++) {
      const b = boundOf(sens[i]!.flow);
      if (b === undefined || demands.kind[i] === 2) continue;
      if (post.clean[i]! <= b * post.cost[i]! + EPS) continue;
      if (performance.now() > deadline) {
        notes.push('time limit reached while repairing stretch bounds');
        break;
      }
      const add = repairStretch(search, g.toInternal[sens[i]!.s]!, g.toInternal[sens[i]!.t]!, b * post.cost[i]!, penalty, unusable, meanMetric, meanCost);
      if (!add || !add.length) continue;
      for (const u of add) {
        const ii = g.toInput[u]!;
        if (!inPlan[ii]) {
          inPlan[ii] = 1;
          addReason(ii, 'stretch');
          repaired++;
        }
        unusable[u] = 0;
        penalty[u] = 0;
      }
    }
    if (repaired) {
      post = await recheck(after());
      notes.push(`${repaired} device(s) added to meet stretch bounds (heuristic; the lower bound ignores stretch)`);
      if (status === 'optimal') status = 'heuristic';
    }
  }

  // per-flow needs: the candidates of the cheapest usable path, plus replaced endpoints
  const needs = new Map<string, string[]>();
  const deviceFlows = new Map<number, number>();
  {
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
    sens.forEach((d, i) => {
      const list: number[] = [];
      if (endpointOf[d.s]) list.push(d.s);
      if (endpointOf[d.t] && d.t !== d.s) list.push(d.t);
      if (demands.pair[i]! >= 0) list.push(...(pairNeeds.get(demands.pair[i]!) ?? []));
      for (const x of list) deviceFlows.set(x, (deviceFlows.get(x) ?? 0) + 1);
      needs.set(d.flow.id, list.map((x) => g.ids[x]!));
    });
  }

  const devices: PlannedDevice[] = [];
  let totalCost = 0;
  for (let i = 0; i < n; i++) {
    if (!inPlan[i]) continue;
    totalCost += cost[i]!;
    const f = forcedBy.get(i);
    const reasons = [...(reason.get(i) ?? [])].sort();
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
  for (let i = 0; i < n; i++) if (fixed[i]) fixedCost += cost[i]!;
  const lowerBound = fixedCost + lb;
  const gapRaw = totalCost > 0 ? (totalCost - lowerBound) / totalCost : 0;
  const gap = gapRaw < 1e-9 ? 0 : gapRaw;

  const planned: PlannedFlow[] = sens.map((d, i) => {
    const kind = demands.kind[i]!;
    const status: PlannedFlow['status'] =
      kind === 2 ? 'unreachable' : endpointOf[d.s] || endpointOf[d.t] ? 'endpoint' : before.clean[i] !== Infinity ? 'clean' : 'exposed';
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
      stretchViolated: b !== undefined && kind !== 2 && metrics && !(ca <= b * c + EPS),
    };
  });
  const unreachable = planned.filter((f) => f.status === 'unreachable').length;
  if (unreachable) notes.push(`${unreachable} sensitive flow(s) have no path at all: nothing to plan for them`);
  const violated = planned.filter((f) => f.stretchViolated).length;
  if (violated) notes.push(`${violated} flow(s) still exceed their stretch bound`);

  return {
    method,
    status,
    totalCost,
    lowerBound,
    gap,
    devices,
    flows: planned,
    needs,
    stats: {
      untrusted: untrustedCount,
      reducedNodes: h.n,
      reducedLinks: h.adj.length / 2,
      candidates: nc,
      demands: h.ds.length,
      cuts,
      iterations,
      boundSource,
      seconds: (performance.now() - t0) / 1000,
    },
    notes,
  };
}

/** Per demand: connected through usable nodes (not untrusted), endpoints included. */
function cleanByConnectivity(g: Graph, untrusted: Uint8Array, s: Int32Array, t: Int32Array): Uint8Array {
  const n = g.n;
  const usable = new Uint8Array(n);
  for (let u = 0; u < n; u++) usable[u] = untrusted[g.toInput[u]!] ? 0 : 1;
  return connectedThrough(g, usable, s, t);
}
