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
  if (Array.isArray(value)) {
    // JCS writes primitives as JSON.stringify does, so an array of them is already canonical
    // (device ids of a path: most of a statement's members)
    if (value.every(isFinitePrimitive)) return JSON.stringify(value);
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJsonShared(v))).join(',')}]`;
  }
  const o = value as Record<string, unknown>;
  let out = '';
  for (const k of sortedKeys(o)) {
    const v = o[k];
    if (v !== undefined) out += `${out ? ',' : ''}${JSON.stringify(k)}:${canonicalJsonShared(v)}`;
  }
  return `{${out}}`;
}

function isFinitePrimitive(v: unknown): boolean {
  const t = typeof v;
  return t === 'string' || t === 'boolean' || v === null || (t === 'number' && Number.isFinite(v as number));
}

/** Object.keys in UTF-16 code-unit order; builders mostly write them in order already, so check before sorting. */
function sortedKeys(o: object): string[] {
  const keys = Object.keys(o);
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return keys.sort();
  return keys;
}
