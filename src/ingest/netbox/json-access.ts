import type { JsonObject, JsonValue } from '../json/parse.js';
import { isObject } from '../json/parse.js';

// Small readers over untyped JSON: NetBox fields are often null, numbers or nested objects.

export function str(v: JsonValue | undefined): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

export function obj(v: JsonValue | undefined): JsonObject | undefined {
  return isObject(v) ? v : undefined;
}

/** A NetBox choice field: a plain string (dumpdata) or `{value, label}` (API). */
export function choice(v: JsonValue | undefined): string | undefined {
  return str(v) ?? str(obj(v)?.['value']);
}

export function scalarOrUndefined(v: JsonValue | undefined): string | number | undefined {
  return typeof v === 'string' || typeof v === 'number' ? v : undefined;
}

export { ShapeReader } from '../json/shape.js';
