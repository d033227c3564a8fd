import { InputError } from '../../model/index.js';
import { MAX_FIELD_CHARS, MAX_JSON_DEPTH } from '../limits.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface ParsedJson {
  value: JsonValue;
  /** 1-based line where an object or array of `value` starts. */
  lineOf(node: object): number | undefined;
  /**
   * 1-based line where the value of `key` in object `node` (or of element `key` of array
   * `node`) starts: scalars too, unlike lineOf.
   */
  lineOfKey(node: object, key: string | number): number | undefined;
}

/**
 * A JSON parser that remembers the line each object and array starts on, so records can cite
 * `file:line` (JSON.parse cannot). Strict RFC 8259; errors name the line; nesting and string
 * length are bounded.
 *
 * Why one function: it is a recursive-descent parser whose small helpers (ws, str, num, value,
 * object, array; none over 40 lines) share one cursor and line counter in this closure. That loop
 * runs once per character of inventories of hundreds of megabytes; moving the cursor into an
 * object would put a property load and store on every character for no gain in clarity.
 */
export function parseJson(text: string, file: string): ParsedJson {
  const lines = new WeakMap<object, number>();
  // Only values that sit on another line than their object are kept: most keys of a compact
  // document cost nothing, and lineOfKey falls back to the object's own line.
  const keyLines = new WeakMap<object, Map<string, number>>();
  const noteLine = (node: object, key: string): void => {
    if (line === lines.get(node)) return;
    let m = keyLines.get(node);
    if (m === undefined) keyLines.set(node, (m = new Map()));
    m.set(key, line);
  };
  let i = 0;
  let line = 1;
  const n = text.length;

  const fail = (msg: string): never => {
    throw new InputError(file, line, `invalid JSON: ${msg}`);
  };
  const describe = (): string => (i >= n ? 'end of file' : `'${text[i]}'`);

  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 10) line++;
      else if (c !== 32 && c !== 9 && c !== 13) return;
      i++;
    }
  };

  const str = (): string => {
    i++; // opening quote
    let out = '';
    let start = i;
    for (;;) {
      if (i >= n) fail('unterminated string');
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c < 0x20) fail('control character in string (newlines inside strings must be written \\n)');
      if (c === 92) {
        out += text.slice(start, i);
        const e = text.charCodeAt(i + 1);
        i += 2;
        switch (e) {
          case 34: out += '"'; break;
          case 92: out += '\\'; break;
          case 47: out += '/'; break;
          case 98: out += '\b'; break;
          case 102: out += '\f'; break;
          case 110: out += '\n'; break;
          case 114: out += '\r'; break;
          case 116: out += '\t'; break;
          case 117: {
            const hex = text.slice(i, i + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
            break;
          }
          default:
            i -= 1;
            fail('bad escape in string');
        }
        start = i;
        if (out.length > MAX_FIELD_CHARS) fail(`string longer than ${MAX_FIELD_CHARS} characters`);
        continue;
      }
      i++;
      if (i - start > MAX_FIELD_CHARS) fail(`string longer than ${MAX_FIELD_CHARS} characters`);
    }
    out += text.slice(start, i);
    i++; // closing quote
    return out;
  };

  const num = (): number => {
    const start = i;
    if (text.charCodeAt(i) === 45) i++;
    const digits = (): number => {
      const s = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c < 48 || c > 57) break;
        i++;
      }
      return i - s;
    };
    const intStart = i;
    const d = digits();
    if (d === 0) fail(`unexpected ${describe()}`);
    if (d > 1 && text.charCodeAt(intStart) === 48) fail('number with a leading zero');
    if (text.charCodeAt(i) === 46) {
      i++;
      if (digits() === 0) fail('number without digits after the decimal point');
    }
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 43 || sign === 45) i++;
      if (digits() === 0) fail('number without digits in its exponent');
    }
    return Number(text.slice(start, i));
  };

  const literal = (word: string, v: JsonValue): JsonValue => {
    if (text.startsWith(word, i)) {
      i += word.length;
      return v;
    }
    return fail(`unexpected ${describe()}`);
  };

  const value = (depth: number): JsonValue => {
    ws();
    if (i >= n) fail('unexpected end of file (truncated?)');
    const c = text.charCodeAt(i);
    if (c === 123) return object(depth + 1);
    if (c === 91) return array(depth + 1);
    if (c === 34) return str();
    if (c === 116) return literal('true', true);
    if (c === 102) return literal('false', false);
    if (c === 110) return literal('null', null);
    if (c === 45 || (c >= 48 && c <= 57)) return num();
    return fail(`unexpected ${describe()}`);
  };

  const object = (depth: number): JsonObject => {
    if (depth > MAX_JSON_DEPTH) fail(`nesting deeper than ${MAX_JSON_DEPTH}`);
    const o: JsonObject = {};
    lines.set(o, line);
    i++;
    ws();
    if (text.charCodeAt(i) === 125) {
      i++;
      return o;
    }
    for (;;) {
      ws();
      if (text.charCodeAt(i) !== 34) fail(`expected a property name in quotes, got ${describe()}`);
      const key = str();
      ws();
      if (text.charCodeAt(i) !== 58) fail(`expected ':' after property name, got ${describe()}`);
      i++;
      ws();
      noteLine(o, key);
      const v = value(depth);
      // Defined, not assigned: a "__proto__" key must stay data, not change the prototype.
      if (key === '__proto__') Object.defineProperty(o, key, { value: v, enumerable: true, writable: true, configurable: true });
      else o[key] = v;
      ws();
      const c = text.charCodeAt(i);
      i++;
      if (c === 44) continue;
      if (c === 125) return o;
      i--;
      fail(`expected ',' or '}' in object, got ${describe()}`);
    }
  };

  const array = (depth: number): JsonValue[] => {
    if (depth > MAX_JSON_DEPTH) fail(`nesting deeper than ${MAX_JSON_DEPTH}`);
    const a: JsonValue[] = [];
    lines.set(a, line);
    i++;
    ws();
    if (text.charCodeAt(i) === 93) {
      i++;
      return a;
    }
    for (;;) {
      ws();
      noteLine(a, String(a.length));
      a.push(value(depth));
      ws();
      const c = text.charCodeAt(i);
      i++;
      if (c === 44) continue;
      if (c === 93) return a;
      i--;
      fail(`expected ',' or ']' in array, got ${describe()}`);
    }
  };

  const root = value(0);
  ws();
  if (i < n) fail(`unexpected ${describe()} after the end of the document`);
  return {
    value: root,
    lineOf: (o) => lines.get(o),
    lineOfKey: (o, key) => keyLines.get(o)?.get(String(key)) ?? lines.get(o),
  };
}

export function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
