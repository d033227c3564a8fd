// Which devices an analysis distrusts: named vendors, plus any device in a country, operator or
// layer to avoid. One definition for exposure, plan and report.
import { buildUntrusted, type NodeInput } from '../graph/index.js';

/** Vendors avoided when no avoid-predicate is given: the two named by most national rules. */
export const DEFAULT_UNTRUSTED = ['huawei', 'zte'];

export interface AvoidOptions {
  untrusted?: string[];
  avoidCountry?: string[];
  avoidOperator?: string[];
  avoidLayer?: string[];
}

/** One byte per node (input order): 1 when the node is untrusted under these options. */
export function untrustedNodes(nodes: readonly NodeInput[], opts: AvoidOptions): Uint8Array {
  const anyAvoid = opts.untrusted || opts.avoidCountry || opts.avoidOperator || opts.avoidLayer;
  return buildUntrusted(nodes, {
    vendors: anyAvoid ? opts.untrusted : DEFAULT_UNTRUSTED,
    countries: opts.avoidCountry,
    operators: opts.avoidOperator,
    layers: opts.avoidLayer,
  });
}
