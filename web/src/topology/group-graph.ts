// The whole network seen from above, for networks too large to draw device by device in reasonable
// time without a GPU: one disc per group (site or operator) where the device layout puts it, sized
// by its devices, red when it holds untrusted equipment; one line per pair of groups, its width by
// the device links between them, red by the share touching untrusted equipment. A click on a
// group opens its devices.
import { UndirectedGraph } from 'graphology';
import { untrustedShareColour } from '../format.js';
import { GROUP_KEY, layoutTopology, type Grouping } from '../topology-layout.js';
import type { ReportSite, Topology } from '../types.js';
import type { DrawnGraph, EdgeAttributes, NodeAttributes } from './sigma-graph.js';

/** Node ids of the group graph: the group's key behind a prefix no device id is confused with here. */
export const GROUP_NODE = 'group:';

function bundleLinks(t: Topology, keyOf: Map<string, string>, untrusted: Set<string>): Map<string, { a: string; b: string; links: number; bad: number }> {
  const pairs = new Map<string, { a: string; b: string; links: number; bad: number }>();
  for (const l of t.links) {
    let a = keyOf.get(l.a), b = keyOf.get(l.b);
    if (a === undefined || b === undefined || a === b) continue;
    if (a > b) [a, b] = [b, a];
    const k = `${a}\u0000${b}`;
    const p = pairs.get(k) ?? { a, b, links: 0, bad: 0 };
    p.links++;
    if (untrusted.has(l.a) || untrusted.has(l.b)) p.bad++;
    pairs.set(k, p);
  }
  return pairs;
}

export function groupGraph(t: Topology, sites: readonly ReportSite[], grouping: Grouping): DrawnGraph {
  const { clusters } = layoutTopology(t.nodes, sites, grouping);
  const keyOf = new Map(t.nodes.map((n) => [n.id, GROUP_KEY[grouping](n)]));
  const untrusted = new Set(t.nodes.filter((n) => n.untrusted).map((n) => n.id));
  const badPerGroup = new Map<string, number>();
  for (const id of untrusted) badPerGroup.set(keyOf.get(id)!, (badPerGroup.get(keyOf.get(id)!) ?? 0) + 1);
  const graph = new UndirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: false });
  for (const c of clusters) {
    const bad = badPerGroup.get(c.key) ?? 0;
    graph.addNode(GROUP_NODE + c.key, {
      x: c.centre.x, y: -c.centre.y, size: Math.min(14, 2 + Math.sqrt(c.devices)), color: bad ? '#c62828' : '#546e7a', label: `${c.label} (${c.devices}${bad ? `, ${bad} untrusted` : ''})`, zIndex: bad ? 2 : 1,
    });
  }
  for (const p of bundleLinks(t, keyOf, untrusted).values())
    graph.addEdge(GROUP_NODE + p.a, GROUP_NODE + p.b, { size: Math.min(4, 0.5 + Math.log2(p.links) / 2), color: p.bad ? untrustedShareColour(p.bad / p.links) : '#b0bec5' });
  return { graph, clusters: [], untrusted: untrusted.size, groups: clusters.length };
}
