// RFC 8785 canonical JSON that reuses the text of parts shared by many statements. A device on
// the paths of a thousand flows is described by the same object in all their statements; its
// canonical text is computed once and spliced in. Same output as canonicalJson (the package's),
// which the tests hold it to over every demo statement; this only skips repeated work.
import { canonicalJson } from './canonical.js';

const shared = new WeakMap<object, string>();

/** Marks `value` as never changing again: its canonical text is kept for every later use. */
export function shareCanonical<T extends object>(value: T): T {
  if (!shared.has(value)) shared.set(value, canonicalJson(value));
  return value;
}

/** JCS: members sorted by UTF-16 code units, ECMAScript number and string forms (JSON.stringify's). */
export function canonicalJsonShared(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`canonical JSON cannot carry ${value}`);
    return JSON.stringify(value);
  }
  const known = shared.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJsonShared(v))).join(',')}]`;
  const o = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(o).sort()) if (o[k] !== undefined) parts.push(`${JSON.stringify(k)}:${canonicalJsonShared(o[k])}`);
  return `{${parts.join(',')}}`;
}
