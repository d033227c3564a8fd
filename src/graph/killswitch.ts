// Vendor kill-switch: every matching device stops at once. Connectivity is all that is left to
// reason about, so this is union-find over the surviving graph, not shortest paths.
//
// Definitions (also in src/graph/README.md):
// - a flow is disrupted when its endpoints were connected before and are not afterwards (a
//   removed endpoint disconnects it); flows already disconnected before are reported apart;
// - the main network is the largest connected component (ties: the one holding the
//   lowest-numbered node); a site (a device's `site`, else the device alone) is cut off when
//   some device of it was in the main network before and none of its surviving devices is after:
//   reason `removed` when all its devices are removed, `isolated` otherwise;
// - restoring one removed device x (all others stay removed) reconnects the components adjacent
//   to x, and x itself: a disrupted flow is restored when both endpoints are then in that union.
import type { Graph } from './graph.js';
import { isSensitive, volumeOf } from './summary.js';
import type { FlowInput, NodeInput } from './types.js';
import { components } from './unionfind.js';
import { buildUntrusted } from './untrusted.js';

export interface KillSwitchSpec {
  vendors: Iterable<string>;
  /** only devices in these layers */
  layers?: Iterable<string>;
  /** only devices in these countries */
  countries?: Iterable<string>;
}

/** The devices a kill-switch removes, one byte per node in input order. */
export function buildKillSet(nodes: readonly NodeInput[], spec: KillSwitchSpec): Uint8Array {
  return buildUntrusted(nodes, { vendors: spec.vendors, layers: spec.layers, countries: spec.countries, combine: 'all' });
}

export const FLOW_INTACT = 0;
export const FLOW_DISRUPTED = 1;
export const FLOW_ALREADY_UNREACHABLE = 2;

export interface Tally {
  flows: number;
  sensitiveFlows: number;
  volume: number;
  sensitiveVolume: number;
}

export interface RestoreCandidate extends Tally {
  id: string;
}

export interface SiteCutOff {
  site: string;
  devices: number;
  removed: number;
  reason: 'removed' | 'isolated';
}

export interface KillSwitchResult {
  removedDevices: number;
  /** per flow, input order: FLOW_INTACT, FLOW_DISRUPTED or FLOW_ALREADY_UNREACHABLE */
  flowStatus: Uint8Array;
  disrupted: Tally;
  /** disrupted flows whose source or destination is itself removed */
  endpointRemoved: number;
  alreadyUnreachable: number;
  mainNetworkBefore: number;
  mainNetworkAfter: number;
  sitesCutOff: SiteCutOff[];
  /** removed devices whose sole restoration reconnects most flows, best first */
  restore: RestoreCandidate[];
}

const zero = (): Tally => ({ flows: 0, sensitiveFlows: 0, volume: 0, sensitiveVolume: 0 });

function add(t: Tally, f: FlowInput): void {
  const v = volumeOf(f);
  t.flows++;
  t.volume += v;
  if (isSensitive(f)) {
    t.sensitiveFlows++;
    t.sensitiveVolume += v;
  }
}

function addTally(t: Tally, u: Tally): void {
  t.flows += u.flows;
  t.volume += u.volume;
  t.sensitiveFlows += u.sensitiveFlows;
  t.sensitiveVolume += u.sensitiveVolume;
}

function largest(sizes: Int32Array): number {
  let best = -1;
  for (let c = 0; c < sizes.length; c++) if (best < 0 || sizes[c]! > sizes[best]!) best = c;
  return best;
}

export interface KillSwitchOptions {
  /** restoration candidates to keep; default 10 */
  top?: number;
}

/** `removed`: one byte per node in input order (see buildKillSet). */
export function killSwitch(
  g: Graph,
  nodes: readonly NodeInput[],
  flows: readonly FlowInput[],
  removed: Uint8Array,
  opts: KillSwitchOptions = {},
): KillSwitchResult {
  const n = g.n;
  const dead = new Uint8Array(n);
  const alive = new Uint8Array(n);
  let removedDevices = 0;
  for (let i = 0; i < n; i++) {
    dead[i] = removed[g.toInput[i]!]! ? 1 : 0;
    alive[i] = 1 - dead[i]!;
    removedDevices += dead[i]!;
  }
  const before = components(n, g.offsets, g.adj, null);
  const after = components(n, g.offsets, g.adj, alive);
  const mainBefore = largest(before.sizes), mainAfter = largest(after.sizes);

  const flowStatus = new Uint8Array(flows.length);
  const disrupted = zero();
  let endpointRemoved = 0, alreadyUnreachable = 0;
  const K = after.sizes.length;
  const pairs = new Map<number, Tally>();
  const byEndpoint = new Map<number, Array<[number, FlowInput]>>();
  const selfFlows = new Map<number, Tally>();
  for (let i = 0; i < flows.length; i++) {
    const f = flows[i]!;
    const s = g.toInternal[g.indexOf.get(f.src)!]!, t = g.toInternal[g.indexOf.get(f.dst)!]!;
    if (before.label[s] !== before.label[t]) {
      flowStatus[i] = FLOW_ALREADY_UNREACHABLE;
      alreadyUnreachable++;
      continue;
    }
    const cs = after.label[s]!, ct = after.label[t]!;
    if (cs >= 0 && cs === ct) continue;
    flowStatus[i] = FLOW_DISRUPTED;
    add(disrupted, f);
    if (cs < 0 || ct < 0) endpointRemoved++;
    if (cs >= 0 && ct >= 0) {
      const key = Math.min(cs, ct) * K + Math.max(cs, ct);
      let p = pairs.get(key);
      if (!p) pairs.set(key, (p = zero()));
      add(p, f);
    } else if (cs < 0 && ct < 0) {
      if (s !== t) continue;
      let p = selfFlows.get(s);
      if (!p) selfFlows.set(s, (p = zero()));
      add(p, f);
    } else {
      const x = cs < 0 ? s : t;
      let list = byEndpoint.get(x);
      if (!list) byEndpoint.set(x, (list = []));
      list.push([cs < 0 ? ct : cs, f]);
    }
  }

  const restore = rankRestorations(g, dead, after.label, K, pairs, byEndpoint, selfFlows, opts.top ?? 10);
  return {
    removedDevices,
    flowStatus,
    disrupted,
    endpointRemoved,
    alreadyUnreachable,
    mainNetworkBefore: mainBefore < 0 ? 0 : before.sizes[mainBefore]!,
    mainNetworkAfter: mainAfter < 0 ? 0 : after.sizes[mainAfter]!,
    sitesCutOff: sitesCutOff(g, nodes, dead, before.label, mainBefore, after.label, mainAfter),
    restore,
  };
}

function rankRestorations(
  g: Graph,
  dead: Uint8Array,
  label: Int32Array,
  K: number,
  pairs: Map<number, Tally>,
  byEndpoint: Map<number, Array<[number, FlowInput]>>,
  selfFlows: Map<number, Tally>,
  top: number,
): RestoreCandidate[] {
  const stamp = new Int32Array(K).fill(-1);
  const pairList = [...pairs.entries()];
  const out: RestoreCandidate[] = [];
  for (let x = 0; x < g.n; x++) {
    if (!dead[x]) continue;
    const adjComps: number[] = [];
    for (let e = g.offsets[x]!; e < g.offsets[x + 1]!; e++) {
      const c = label[g.adj[2 * e]!]!;
      if (c >= 0 && stamp[c] !== x) {
        stamp[c] = x;
        adjComps.push(c);
      }
    }
    const t = zero();
    const self = selfFlows.get(x);
    if (self) addTally(t, self);
    for (const [c, f] of byEndpoint.get(x) ?? []) if (stamp[c] === x) add(t, f);
    const k = adjComps.length;
    if (k * (k - 1) / 2 <= pairList.length) {
      adjComps.sort((a, b) => a - b);
      for (let i = 0; i < k; i++) {
        for (let j = i + 1; j < k; j++) {
          const p = pairs.get(adjComps[i]! * K + adjComps[j]!);
          if (p) addTally(t, p);
        }
      }
    } else {
      for (const [key, p] of pairList) {
        if (stamp[Math.floor(key / K)] === x && stamp[key % K] === x) addTally(t, p);
      }
    }
    if (t.flows > 0) out.push({ id: g.ids[g.toInput[x]!]!, ...t });
  }
  out.sort((a, b) => b.flows - a.flows || b.volume - a.volume || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out.slice(0, top);
}

function sitesCutOff(
  g: Graph,
  nodes: readonly NodeInput[],
  dead: Uint8Array,
  before: Int32Array,
  mainBefore: number,
  after: Int32Array,
  mainAfter: number,
): SiteCutOff[] {
  interface SiteState { devices: number; removed: number; wasMain: boolean; isMain: boolean }
  const sites = new Map<string, SiteState>();
  for (let p = 0; p < nodes.length; p++) {
    const d = nodes[p]!;
    const key = d.site ?? d.id;
    let st = sites.get(key);
    if (!st) sites.set(key, (st = { devices: 0, removed: 0, wasMain: false, isMain: false }));
    const v = g.toInternal[p]!;
    st.devices++;
    if (dead[v]) st.removed++;
    if (before[v] === mainBefore) st.wasMain = true;
    if (!dead[v] && after[v] === mainAfter) st.isMain = true;
  }
  const out: SiteCutOff[] = [];
  for (const [site, st] of sites) {
    if (!st.wasMain || st.isMain) continue;
    out.push({ site, devices: st.devices, removed: st.removed, reason: st.removed === st.devices ? 'removed' : 'isolated' });
  }
  return out;
}
