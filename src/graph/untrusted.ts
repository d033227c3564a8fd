// Which devices a path must avoid. Matching ignores case and surrounding spaces: a file saying
// "Huawei" or "cn" must not silently escape a `--untrusted huawei --avoid-country CN` check.
import type { NodeInput } from './types.js';

export interface NodePredicate {
  vendors?: Iterable<string>;
  countries?: Iterable<string>;
  operators?: Iterable<string>;
  layers?: Iterable<string>;
  /**
   * `any` (default): a node matches when it meets any given criterion — avoid lists add up.
   * `all`: it must meet every given criterion — e.g. Huawei *and* in the core layer.
   */
  combine?: 'any' | 'all';
}

const norm = (s: string | null | undefined): string => (s ?? '').trim().toLowerCase();

function toSet(values: Iterable<string> | undefined): Set<string> | null {
  if (values === undefined) return null;
  const s = new Set<string>();
  for (const v of values) if (norm(v)) s.add(norm(v));
  return s.size ? s : null;
}

/** One byte per node in input order: 1 when the node matches. No criteria → nothing matches. */
export function buildUntrusted(nodes: readonly NodeInput[], spec: NodePredicate): Uint8Array {
  const tests: Array<(d: NodeInput) => boolean> = [];
  const vendors = toSet(spec.vendors), countries = toSet(spec.countries);
  const operators = toSet(spec.operators), layers = toSet(spec.layers);
  if (vendors) tests.push((d) => vendors.has(norm(d.vendor)));
  if (countries) tests.push((d) => countries.has(norm(d.country)));
  if (operators) tests.push((d) => operators.has(norm(d.operator)));
  if (layers) tests.push((d) => layers.has(norm(d.layer)));
  const all = spec.combine === 'all';
  const out = new Uint8Array(nodes.length);
  if (!tests.length) return out;
  for (let i = 0; i < nodes.length; i++) {
    const d = nodes[i]!;
    out[i] = (all ? tests.every((t) => t(d)) : tests.some((t) => t(d))) ? 1 : 0;
  }
  return out;
}
