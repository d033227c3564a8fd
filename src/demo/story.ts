// Checks the story the scenario is meant to tell, from ground truth rather than identification:
// which sensitive flows cross Huawei/ZTE on their shortest paths and which have a clean path.
// It is the demo's self-test (docs and tests quote it), not the product's analysis engine.

import type { Scenario } from './types.js';
import { HIGH_RISK } from './vendors.js';

export type Exposure = 'all' | 'some' | 'none' | 'unreachable';

export interface FlowStory {
  id: string;
  cost: number;
  exposure: Exposure;
  /** Least cost avoiding high-risk devices; Infinity when there is none. */
  cleanCost: number;
}

interface Graph {
  index: Map<string, number>;
  adj: { to: number; w: number }[][];
}

function graphOf(s: Scenario): Graph {
  const index = new Map<string, number>();
  s.devices.forEach((d, i) => index.set(d.id, i));
  const adj: { to: number; w: number }[][] = s.devices.map(() => []);
  for (const l of s.links) {
    const a = index.get(l.a);
    const b = index.get(l.b);
    if (a === undefined || b === undefined) throw new Error(`link ${l.a}-${l.b} names an unknown device`);
    adj[a]?.push({ to: b, w: l.metric });
    adj[b]?.push({ to: a, w: l.metric });
  }
  return { index, adj };
}

/** Plain O(V^2) Dijkstra: the demo graph has about a thousand nodes, so simplicity wins. */
function dijkstra(g: Graph, src: number, banned: (v: number) => boolean): number[] {
  const n = g.adj.length;
  const dist = new Array<number>(n).fill(Infinity);
  const done = new Array<boolean>(n).fill(false);
  if (banned(src)) return dist;
  dist[src] = 0;
  for (;;) {
    let u = -1;
    for (let v = 0; v < n; v++) if (!done[v] && (dist[v] as number) < Infinity && (u < 0 || (dist[v] as number) < (dist[u] as number))) u = v;
    if (u < 0) return dist;
    done[u] = true;
    for (const { to, w } of g.adj[u] ?? []) {
      if (banned(to)) continue;
      const nd = (dist[u] as number) + w;
      if (nd < (dist[to] as number)) dist[to] = nd;
    }
  }
}

/** Whether `from` reaches any of `targets` without crossing a Huawei/ZTE device. */
export function cleanlyReaches(s: Scenario, from: string, targets: readonly string[]): boolean {
  const g = graphOf(s);
  const risky = s.devices.map((d) => HIGH_RISK.has(d.trueVendor));
  const src = g.index.get(from);
  if (src === undefined) throw new Error(`unknown device ${from}`);
  const dist = dijkstra(g, src, (v) => risky[v] === true);
  return targets.some((t) => {
    const i = g.index.get(t);
    return i !== undefined && (dist[i] as number) < Infinity;
  });
}

export function flowStories(s: Scenario): FlowStory[] {
  const g = graphOf(s);
  const risky = s.devices.map((d) => HIGH_RISK.has(d.trueVendor));
  const isRisky = (v: number): boolean => risky[v] === true;
  const none = (): boolean => false;
  return s.flows.filter((f) => f.class === 'sensitive').map((f) => {
    const src = g.index.get(f.src);
    const dst = g.index.get(f.dst);
    if (src === undefined || dst === undefined) throw new Error(`flow ${f.id} names an unknown device`);
    const ds = dijkstra(g, src, none);
    const dt = dijkstra(g, dst, none);
    const cost = ds[dst] as number;
    const cleanCost = dijkstra(g, src, isRisky)[dst] as number;
    if (cost === Infinity) return { id: f.id, cost, exposure: 'unreachable', cleanCost };
    let onShortest = false;
    for (let v = 0; v < risky.length && !onShortest; v++) {
      if (risky[v] && (ds[v] as number) + (dt[v] as number) === cost) onShortest = true;
    }
    const exposure: Exposure = !onShortest ? 'none' : cleanCost === cost ? 'some' : 'all';
    return { id: f.id, cost, exposure, cleanCost };
  });
}

/** Sensitive flows cut off (src and dst disconnected) when every device of `vendors` fails at once. */
export function killSwitchCuts(s: Scenario, vendors: ReadonlySet<string>): string[] {
  const g = graphOf(s);
  const dead = s.devices.map((d) => vendors.has(d.trueVendor));
  return s.flows.filter((f) => f.class === 'sensitive').filter((f) => {
    const src = g.index.get(f.src);
    const dst = g.index.get(f.dst);
    if (src === undefined || dst === undefined) throw new Error(`flow ${f.id} names an unknown device`);
    return dijkstra(g, src, (v) => dead[v] === true)[dst] === Infinity;
  }).map((f) => f.id);
}
