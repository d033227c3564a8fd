// The graphology graph sigma draws: the chosen devices at their preset positions (grouped by site
// or operator, topology-layout.ts), the links between them. Untrusted devices larger and red, the
// drill-down's centre amber; a link red when it touches untrusted equipment.
import { UndirectedGraph } from 'graphology';
import { layoutTopology, type Grouping, type SiteCluster } from '../topology-layout.js';
import type { ReportSite, Topology, TopologyNode } from '../types.js';
import type { IndexedTopology } from './subgraph.js';

export interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  zIndex: number;
}

export interface EdgeAttributes {
  size: number;
  color: string;
}

export interface DrawnGraph {
  graph: UndirectedGraph<NodeAttributes, EdgeAttributes>;
  clusters: SiteCluster[];
  untrusted: number;
  /** set when the graph's nodes are groups of devices (group-graph.ts): how many */
  groups?: number;
}

function nodeLook(n: TopologyNode, centre: boolean): Pick<NodeAttributes, 'size' | 'color' | 'zIndex'> {
  if (centre) return { size: 9, color: '#ffab00', zIndex: 3 };
  if (n.untrusted) return { size: 5, color: '#c62828', zIndex: 2 };
  return { size: 3, color: n.vendor ? '#546e7a' : '#bdbdbd', zIndex: 1 };
}

/** `chosen`: positions in the topology's node list; `centre`: the drill-down's device, if any. */
export function drawnGraph(t: Topology, g: IndexedTopology, chosen: ReadonlySet<number>, sites: readonly ReportSite[], grouping: Grouping, centre: number | null): DrawnGraph {
  const nodes = [...chosen].sort((a, b) => a - b).map((i) => t.nodes[i]!);
  const { positions, clusters } = layoutTopology(nodes, sites, grouping);
  const graph = new UndirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: false });
  let untrusted = 0;
  for (const n of nodes) {
    const p = positions.get(n.id)!;
    if (n.untrusted) untrusted++;
    // sigma's y axis points up, the layout's (a map projection's) down
    graph.addNode(n.id, { x: p.x, y: -p.y, label: n.name ?? n.id, ...nodeLook(n, centre !== null && g.ids[centre] === n.id) });
  }
  for (const l of t.links) {
    if (l.a === l.b || !graph.hasNode(l.a) || !graph.hasNode(l.b) || graph.hasEdge(l.a, l.b)) continue;
    const bad = t.nodes[g.index.get(l.a)!]!.untrusted || t.nodes[g.index.get(l.b)!]!.untrusted;
    graph.addEdge(l.a, l.b, { size: bad ? 1 : 0.5, color: bad ? '#ef9a9a' : '#b0bec5' });
  }
  return { graph, clusters, untrusted };
}
