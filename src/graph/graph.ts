// The network as the analyses see it: node ids in input order plus the compiled CSR.
import { checkMetric, InputError, MAX_METRIC } from '../model/index.js';
import { compileCsr, type CompiledGraph } from './csr.js';
import type { LinkArrays, LinkInput, NetworkInput, NodeInput } from './types.js';

export interface Graph extends CompiledGraph {
  /** node ids in input order */
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
}

// The metric rule is the model's (readers check it at file:line); re-exported for the graph's users.
export { checkMetric, MAX_METRIC };

export interface BuildOptions {
  /** false keeps input order internally (tests of the numbering itself) */
  renumber?: boolean;
  /** names the input in error messages */
  source?: string;
}

export function indexNodes(nodes: readonly NodeInput[], source = 'nodes'): Map<string, number> {
  const index = new Map<string, number>();
  for (let i = 0; i < nodes.length; i++) {
    const id = nodes[i]!.id;
    if (index.has(id)) throw new InputError(source, undefined, `duplicate node id "${id}"`);
    index.set(id, i);
  }
  return index;
}

function isLinkArrays(links: NetworkInput['links']): links is LinkArrays {
  return !Array.isArray(links);
}

function resolveLinks(links: readonly LinkInput[], index: ReadonlyMap<string, number>, source: string): LinkArrays {
  const m = links.length;
  const a = new Int32Array(m), b = new Int32Array(m), metric = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const l = links[i]!;
    const ia = index.get(l.a), ib = index.get(l.b);
    if (ia === undefined) throw new InputError(source, undefined, `link ${i + 1}: unknown node "${l.a}"`);
    if (ib === undefined) throw new InputError(source, undefined, `link ${i + 1}: unknown node "${l.b}"`);
    a[i] = ia;
    b[i] = ib;
    metric[i] = checkMetric(l.metric, source, undefined);
  }
  return { a, b, metric };
}

/** Builds the graph from plain arrays; links are objects with node ids or resolved positions. */
export function buildGraph(input: NetworkInput, opts: BuildOptions = {}): Graph {
  const source = opts.source ?? 'network';
  const indexOf = indexNodes(input.nodes, source);
  const links = isLinkArrays(input.links) ? input.links : resolveLinks(input.links, indexOf, source);
  const csr = compileCsr(input.nodes.length, links.a, links.b, links.metric, opts.renumber ?? true);
  return { ...csr, ids: input.nodes.map((d) => d.id), indexOf };
}

/** Reorders a per-node array from input order to the graph's internal order. */
export function toInternalOrder(g: CompiledGraph, byInput: Uint8Array, shared: Uint8Array): Uint8Array {
  for (let i = 0; i < g.n; i++) shared[i] = byInput[g.toInput[i]!]!;
  return shared;
}
