// RFC 8785 canonical JSON that reuses the text of parts shared by many statements. A device on
// the paths of a thousand flows is described by the same object in all their statements; its
// canonical text is computed once and spliced in. Same output as canonicalJson (the package's),
// which the tests hold it to over every demo statement and over random values; the signer uses
// this (several times faster), the verifier the package, so a difference would fail verification.
import { sha256Hex } from './canonical.js';

const shared = new WeakMap<object, string>();

/**
 * A flat copy of `text`. The package builds its text by concatenation, which V8 keeps as a tree of
 * pieces (a rope); Array.prototype.join copies a rope piece by piece every time without keeping a
 * flat form, so a device's text spliced into a thousand statements was walked a thousand times
 * (most of the cost of a statement's canonical JSON).
 */
function flat(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** Marks `value` as never changing again: its canonical text is kept for every later use. */
export function shareCanonical<T extends object>(value: T): T {
  if (!shared.has(value)) shared.set(value, flat(canonicalJsonShared(value)));
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
  // a Date (or anything with toJSON) is written as JSON.stringify and the package write it
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return canonicalJsonShared(toJSON.call(value));
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

/** SHA-256 of a value's canonical JSON, as digestOf, computed by the signer's canonical form. */
export function digestShared(value: unknown): string {
  return sha256Hex(canonicalJsonShared(value));
}
