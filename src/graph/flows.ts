// Flows grouped by source, so that each source costs one shortest-path search whatever its
// number of flows. Everything is in typed arrays (shared memory) for the workers.
import { InputError } from '../model/index.js';
import { sharedInt32 } from './csr.js';
import type { Graph } from './graph.js';
import type { FlowInput } from './types.js';

export interface FlowPlan {
  readonly flowCount: number;
  /** internal source node of each group */
  readonly sources: Int32Array;
  /** groups + 1 starts into `flowOrder` */
  readonly groupStart: Int32Array;
  /** flow positions grouped by source, input order within a group */
  readonly flowOrder: Int32Array;
  /** internal target node of each flow (by input position) */
  readonly flowTarget: Int32Array;
  /** internal source node of each flow (by input position) */
  readonly flowSource: Int32Array;
}

export function planFlows(g: Graph, flows: readonly FlowInput[], source = 'flows'): FlowPlan {
  const F = flows.length;
  const flowSource = sharedInt32(F), flowTarget = sharedInt32(F);
  const groupOf = new Int32Array(g.n).fill(-1);
  const firstSeen: number[] = [];
  const size: number[] = [];
  const resolve = (id: string, i: number): number => {
    const p = g.indexOf.get(id);
    if (p === undefined) throw new InputError(source, undefined, `flow "${flows[i]!.id}": unknown node "${id}"`);
    return g.toInternal[p]!;
  };
  for (let i = 0; i < F; i++) {
    const f = flows[i]!;
    const s = resolve(f.src, i);
    flowSource[i] = s;
    flowTarget[i] = resolve(f.dst, i);
    if (groupOf[s]! < 0) {
      groupOf[s] = firstSeen.length;
      firstSeen.push(s);
      size.push(0);
    }
    size[groupOf[s]!]!++;
  }
  const G = firstSeen.length;
  const sources = sharedInt32(G), groupStart = sharedInt32(G + 1);
  for (let k = 0; k < G; k++) {
    sources[k] = firstSeen[k]!;
    groupStart[k + 1] = groupStart[k]! + size[k]!;
  }
  const fillAt = groupStart.slice(0, G);
  const flowOrder = sharedInt32(F);
  for (let i = 0; i < F; i++) flowOrder[fillAt[groupOf[flowSource[i]!]!]!++] = i;
  return { flowCount: F, sources, groupStart, flowOrder, flowTarget, flowSource };
}
