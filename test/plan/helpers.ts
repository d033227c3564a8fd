// Shared pieces of the planner tests: a seeded random source, random small instances and an
// independent brute force over all subsets of untrusted devices.
import { buildGraph, buildUntrusted, type FlowInput, type LinkInput, type NodeInput } from '../../src/graph/index.js';
import type { PlanNetwork } from '../../src/plan/index.js';
import { seededUniform } from '../../src/model/seeded-random.js';

/** Seeded uniform floats in [0, 1) (mulberry32). */
export const rng = seededUniform;

export interface Instance {
  nodes: NodeInput[];
  links: LinkInput[];
  flows: FlowInput[];
  cost: number[];
}

/** A random connected-ish graph: n nodes, extra chords, a share of untrusted, integer costs. */
export function randomInstance(seed: number, opts: { n?: number; untrustedShare?: number; flows?: number } = {}): Instance {
  const r = rng(seed);
  const n = opts.n ?? 6 + Math.floor(r() * 9);
  const share = opts.untrustedShare ?? 0.3 + r() * 0.4;
  const nodes: NodeInput[] = [];
  for (let i = 0; i < n; i++) nodes.push({ id: `v${i}`, vendor: r() < share ? 'huawei' : 'nokia' });
  const links: LinkInput[] = [];
  const seen = new Set<string>();
  const add = (a: number, b: number) => {
    const k = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (a === b || seen.has(k)) return;
    seen.add(k);
    links.push({ a: `v${a}`, b: `v${b}`, metric: 1 + Math.floor(r() * 5) });
  };
  // a random tree that sometimes leaves a node out (disconnected demands happen)
  for (let i = 1; i < n; i++) if (r() < 0.95) add(i, Math.floor(r() * i));
  const extra = Math.floor(r() * n * 1.2);
  for (let e = 0; e < extra; e++) add(Math.floor(r() * n), Math.floor(r() * n));
  const flows: FlowInput[] = [];
  const F = opts.flows ?? 1 + Math.floor(r() * 5);
  for (let f = 0; f < F; f++) {
    const flow: FlowInput = { id: `f${f}`, src: `v${Math.floor(r() * n)}`, dst: `v${Math.floor(r() * n)}` };
    if (r() < 0.15) flow.class = 'normal';
    flows.push(flow);
  }
  const cost = nodes.map(() => (r() < 0.1 ? 0 : 1 + Math.floor(r() * 20)));
  return { nodes, links, flows, cost };
}

export function toNetwork(inst: Instance, vendors = ['huawei']): PlanNetwork {
  const g = buildGraph({ nodes: inst.nodes, links: inst.links });
  return { g, untrusted: buildUntrusted(inst.nodes, { vendors }), cost: Float64Array.from(inst.cost), flows: inst.flows };
}

/** Connected through usable nodes only (endpoints must be usable), by plain BFS on the lists. */
function connected(inst: Instance, usable: boolean[], s: number, t: number): boolean {
  if (!usable[s] || !usable[t]) return false;
  const adj: number[][] = inst.nodes.map(() => []);
  const idx = new Map(inst.nodes.map((d, i) => [d.id, i]));
  for (const l of inst.links) {
    const a = idx.get(l.a)!, b = idx.get(l.b)!;
    adj[a]!.push(b);
    adj[b]!.push(a);
  }
  const seen = new Set([s]);
  const q = [s];
  while (q.length) {
    const u = q.shift()!;
    if (u === t) return true;
    for (const v of adj[u]!) if (usable[v] && !seen.has(v)) (seen.add(v), q.push(v));
  }
  return false;
}

/**
 * Least cost over all subsets R of untrusted devices (with `forced` always in) such that every
 * sensitive flow connected in the whole graph is connected through trusted ∪ R.
 */
export function bruteForce(inst: Instance, forced: ReadonlySet<string> = new Set()): number {
  const idx = new Map(inst.nodes.map((d, i) => [d.id, i]));
  const U = inst.nodes.map((d, i) => (d.vendor === 'huawei' ? i : -1)).filter((i) => i >= 0);
  const all = inst.nodes.map(() => true);
  const demands = inst.flows
    .filter((f) => (f.class ?? 'sensitive') === 'sensitive')
    .map((f) => [idx.get(f.src)!, idx.get(f.dst)!] as const)
    .filter(([s, t]) => connected(inst, all, s, t));
  let forcedCost = 0;
  for (const id of forced) {
    const i = idx.get(id)!;
    if (inst.nodes[i]!.vendor !== 'huawei') forcedCost += inst.cost[i]!;
  }
  let best = Infinity;
  for (let mask = 0; mask < 1 << U.length; mask++) {
    const usable = inst.nodes.map((d, i) => d.vendor !== 'huawei' || forced.has(d.id));
    let c = 0;
    U.forEach((v, b) => {
      if (mask & (1 << b) || usable[v]) {
        usable[v] = true;
        c += inst.cost[v]!;
      }
    });
    if (c >= best) continue;
    if (demands.every(([s, t]) => connected(inst, usable, s, t))) best = c;
  }
  return best + forcedCost;
}
