// Strict reading of JSON whose shape a format fixes: a value of the wrong shape is an InputError
// at the line of that value, never read as absent (a wrong-shaped export must not import as an
// empty, clean-looking network).
import { InputError } from '../../model/index.js';
import { isObject } from './parse.js';
import type { JsonObject, JsonValue, ParsedJson } from './parse.js';

/** A string or number as text; anything else (and "") is undefined. */
function text(v: JsonValue | undefined): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

export function kindOf(v: JsonValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return typeof v === 'string' ? `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}` : `${typeof v} ${String(v)}`;
}

/** Readers of fields that fail with the file and line of a wrong-shaped value. */
export class ShapeReader {
  constructor(
    readonly file: string,
    private readonly doc: ParsedJson,
  ) {}

  lineOf(node: JsonObject | JsonValue[], key?: string | number): number {
    return (key === undefined ? this.doc.lineOf(node) : this.doc.lineOfKey(node, key)) ?? 1;
  }

  fail(node: JsonObject | JsonValue[], key: string | number | undefined, message: string): never {
    throw new InputError(this.file, this.lineOf(node, key), message);
  }

  /** A string or number field; absent, null or "" is undefined. */
  str(o: JsonObject, key: string, what = `"${key}"`): string | undefined {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    const s = text(v);
    if (s === undefined && v !== '') this.fail(o, key, `${what} must be a string or a number, got ${kindOf(v)}`);
    return s;
  }

  /** An object field (a nested NetBox object); absent or null is undefined. */
  obj(o: JsonObject, key: string, what = `"${key}"`): JsonObject | undefined {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) this.fail(o, key, `${what} must be an object, got ${kindOf(v)}`);
    return v;
  }

  /** A list field; absent or null is empty. */
  list(o: JsonObject, key: string, what = `"${key}"`): JsonValue[] {
    const v = o[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) this.fail(o, key, `${what} must be a list, got ${kindOf(v)}`);
    return v;
  }

  /** A choice field: a plain string (dumpdata) or `{value, label}` (API). */
  choice(o: JsonObject, key: string): string | undefined {
    const v = o[key];
    if (isObject(v)) return this.str(v, 'value', `"${key}.value"`);
    return this.str(o, key);
  }

  /** Every element of a list must be an object. */
  objects(list: JsonValue[], what: string): JsonObject[] {
    return list.map((v, i) => (isObject(v) ? v : this.fail(list, i, `every element of ${what} must be an object, got ${kindOf(v)}`)));
  }
}
