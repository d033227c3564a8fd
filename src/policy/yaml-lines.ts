// Where a problem sits in a YAML (or JSON) rule file: the custom rules and the catalog overlays
// report every problem as `file:line: path: what is wrong`, so both share this.
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { core } from 'zod';
import { InputError } from '../model/index.js';

export type Path = readonly PropertyKey[];

export interface Located {
  line: number;
  text: string;
}

export function pathText(path: Path): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : `${s ? '.' : ''}${String(p)}`;
  return s || '(file)';
}

/** The key's range inside a map, when the map has that key. */
function keyRange(node: unknown, key: string | number): [number, number, number] | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((it) => isScalar(it.key) && it.key.value === key);
  return pair && isScalar(pair.key) ? (pair.key.range ?? undefined) : undefined;
}

/** Line of the deepest node on `path` that exists; with `key`, of that key inside it. */
export function lineOf(doc: Document, lc: LineCounter, path: Path, key?: string): number {
  const p = path.filter((x): x is string | number => typeof x !== 'symbol');
  for (let n = p.length; n >= 0; n--) {
    const node: unknown = n === 0 ? doc.contents : doc.getIn(p.slice(0, n), true);
    if (!node || typeof node !== 'object' || !('range' in node)) continue;
    const atKey = key !== undefined && n === p.length ? keyRange(node, key) : undefined;
    if (atKey) return lc.linePos(atKey[0]).line;
    // A missing key: point at the value that should hold it, or at the key of an existing one.
    const atMissing = n < p.length ? keyRange(node, p[n]!) : undefined;
    if (atMissing) return lc.linePos(atMissing[0]).line;
    const range = (node as { range?: [number, number, number] | null }).range;
    if (range) return lc.linePos(range[0]).line;
  }
  return 1;
}

export function issueMessage(issue: core.$ZodIssue): string {
  const last = issue.path[issue.path.length - 1];
  if (issue.code === 'invalid_union') {
    if (last === 'vendors') return 'expected a list of vendor slugs, "any", or { madeOutside: [country codes] }';
    if (last === 'countries') return 'expected a list of ISO 3166 alpha-2 codes or "any"';
  }
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  return issue.message;
}

/** Throws the first problem by line as an InputError, saying how many more there are. */
export function fail(file: string, problems: Located[]): never {
  problems.sort((a, b) => a.line - b.line);
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  throw new InputError(file, first.line, first.text + more);
}

export interface LocatedYaml {
  data: unknown;
  /** The line a path (and optionally a key inside it) sits on. */
  line(path: Path, key?: string): number;
  /** Schema issues, each placed on its line. */
  issues(issues: readonly core.$ZodIssue[]): Located[];
}

/** Parses YAML (JSON is YAML) keeping line numbers; syntax errors and an empty file are bad input. */
export function readYaml(text: string, file: string, emptyMessage: string): LocatedYaml {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    fail(file, doc.errors.map((e) => ({ line: lc.linePos(e.pos[0]).line, text: `YAML: ${e.message.split('\n')[0]}` })));
  }
  if (doc.contents === null) throw new InputError(file, 1, emptyMessage);
  const line = (path: Path, key?: string) => lineOf(doc, lc, path, key);
  return {
    data: doc.toJS() as unknown,
    line,
    issues: (issues) => issues.map((i) => {
      const key = i.code === 'unrecognized_keys' ? i.keys[0] : undefined;
      return { line: line(i.path, key), text: `${pathText(i.path)}: ${issueMessage(i)}` };
    }),
  };
}
