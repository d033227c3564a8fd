// One flow's paths as an attestation takes them: src/graph/flow-paths.ts's equal-cost shortest
// paths and clean alternative over a graph built once for the whole run, with each hop's device
// and full evidence (the flow-paths analysis shows a few items per hop; a digest covers them all).
import { flowPaths, type FlowInput, type Graph } from '../graph/index.js';
import type { NetworkNode } from '../analyses/network.js';
import type { Device } from '../model/index.js';
import type { FlowResultInput, HopInput, PathInput } from './flow-statement.js';

export interface RunNetwork {
  nodes: readonly NetworkNode[];
  /** device records by id: names and evidence */
  devices: ReadonlyMap<string, Device>;
  /** one byte per node in input order, 1 when untrusted */
  untrusted: Uint8Array;
  graph: Graph;
  /** each device's hop, made once per run so every statement shares it (and its canonical text) */
  hops?: (HopInput | undefined)[];
}

const NO_EVIDENCE: readonly never[] = [];

function hop(net: RunNetwork, i: number): HopInput {
  const hops = (net.hops ??= []);
  return (hops[i] ??= makeHop(net, i));
}

function makeHop(net: RunNetwork, i: number): HopInput {
  const n = net.nodes[i]!;
  const d = net.devices.get(n.id);
  return {
    device: n.id, name: d?.name ?? null, vendor: n.vendor, site: n.site ?? null, country: n.country ?? null, operator: n.operator ?? null,
    untrusted: net.untrusted[i] === 1, evidence: d?.attribution.evidence ?? NO_EVIDENCE,
  };
}

const path = (net: RunNetwork, positions: readonly number[], cost: number): PathInput => ({ cost, hops: positions.map((i) => hop(net, i)) });

export function flowResult(net: RunNetwork, flow: FlowInput, limit: number): FlowResultInput {
  const g = net.graph;
  const r = flowPaths(g, net.untrusted, g.indexOf.get(flow.src)!, g.indexOf.get(flow.dst)!, { limit });
  return {
    flow: { id: flow.id, src: flow.src, dst: flow.dst, class: flow.class ?? 'sensitive' },
    cost: Number.isFinite(r.cost) ? r.cost : null,
    exposure: r.exposure,
    total: r.total,
    paths: r.paths.map((p) => path(net, p, r.cost)),
    clean: r.clean && path(net, r.clean.path, r.clean.cost),
  };
}
