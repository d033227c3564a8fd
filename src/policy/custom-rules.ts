// An organisation's own rules in YAML ("no Huawei or ZTE on the networks that carry our
// sensitive flows"), checked against the catalog's schema. Every problem is reported as
// `file:line: path: what is wrong`, the line being where the offending value (or its rule) sits.
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { core } from 'zod';
import { InputError } from '../model/index.js';
import { createVendorResolver } from '../vendors/resolve.js';
import { crossCheckRules, type RuleProblem } from './catalog.js';
import { RuleFile, type Rule } from './schema.js';

type Path = readonly PropertyKey[];

function pathText(path: Path): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : `${s ? '.' : ''}${String(p)}`;
  return s || '(file)';
}

/** Line of the deepest node on `path` that exists; with `key`, of that key inside it. */
function lineOf(doc: Document, lc: LineCounter, path: Path, key?: string): number {
  const p = path.filter((x): x is string | number => typeof x !== 'symbol');
  for (let n = p.length; n >= 0; n--) {
    const node: unknown = n === 0 ? doc.contents : doc.getIn(p.slice(0, n), true);
    if (!node || typeof node !== 'object' || !('range' in node)) continue;
    if (key !== undefined && n === p.length && isMap(node)) {
      const pair = node.items.find((it) => isScalar(it.key) && it.key.value === key);
      const r = pair && isScalar(pair.key) ? pair.key.range : undefined;
      if (r) return lc.linePos(r[0]).line;
    }
    // A missing key: point at the value that should hold it, or at the key of an existing one.
    if (n < p.length && isMap(node)) {
      const name = p[n];
      const pair = node.items.find((it) => isScalar(it.key) && it.key.value === name);
      const r = pair && isScalar(pair.key) ? pair.key.range : undefined;
      if (r) return lc.linePos(r[0]).line;
    }
    const range = (node as { range?: [number, number, number] | null }).range;
    if (range) return lc.linePos(range[0]).line;
  }
  return 1;
}

function issueMessage(issue: core.$ZodIssue): string {
  const last = issue.path[issue.path.length - 1];
  if (issue.code === 'invalid_union') {
    if (last === 'vendors') return 'expected a list of vendor slugs, "any", or { madeOutside: [country codes] }';
    if (last === 'countries') return 'expected a list of ISO 3166 alpha-2 codes or "any"';
  }
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  return issue.message;
}

interface Located {
  line: number;
  text: string;
}

function fail(file: string, problems: Located[]): never {
  problems.sort((a, b) => a.line - b.line);
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  throw new InputError(file, first.line, first.text + more);
}

/**
 * Vendor names in `rules[i].vendors` → catalog slugs, in place ("Huawei Technologies Co., Ltd."
 * → huawei); one that names no vendor is a problem with the nearest slug, never a rule that
 * silently matches no device.
 */
function resolveRuleVendors(data: unknown, located: (path: Path) => number): Located[] {
  if (!data || typeof data !== 'object' || !Array.isArray((data as { rules?: unknown }).rules)) return [];
  const resolver = createVendorResolver();
  const problems: Located[] = [];
  (data as { rules: unknown[] }).rules.forEach((rule, i) => {
    const vendors = rule && typeof rule === 'object' ? (rule as { vendors?: unknown }).vendors : undefined;
    if (!Array.isArray(vendors)) return;
    vendors.forEach((v, j) => {
      if (typeof v !== 'string') return;
      const slug = resolver.resolve(v);
      const path = ['rules', i, 'vendors', j];
      if (slug === undefined) problems.push({ line: located(path), text: `${pathText(path)}: ${resolver.unknownMessage(v)}` });
      else vendors[j] = slug;
    });
  });
  return problems;
}

/**
 * Parses and validates a custom rule file. `taken` are ids already in use (the catalog's), so a
 * custom rule cannot silently shadow a catalogued one.
 */
export function parseCustomRules(text: string, file: string, taken: ReadonlySet<string> = new Set()): Rule[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    fail(file, doc.errors.map((e) => ({ line: lc.linePos(e.pos[0]).line, text: `YAML: ${e.message.split('\n')[0]}` })));
  }
  if (doc.contents === null) throw new InputError(file, 1, 'empty rule file; expected `version: 1` and `rules:` with at least one rule');
  const data: unknown = doc.toJS();
  const vendorProblems = resolveRuleVendors(data, (path) => lineOf(doc, lc, path));
  const parsed = RuleFile.safeParse(data);
  if (!parsed.success) {
    fail(file, [
      ...vendorProblems,
      ...parsed.error.issues.map((i) => {
        const key = i.code === 'unrecognized_keys' ? i.keys[0] : undefined;
        return { line: lineOf(doc, lc, i.path, key), text: `${pathText(i.path)}: ${issueMessage(i)}` };
      }),
    ]);
  }
  if (vendorProblems.length) fail(file, vendorProblems);
  const problems: RuleProblem[] = crossCheckRules(parsed.data.rules, taken);
  if (problems.length) fail(file, problems.map((p) => ({ line: lineOf(doc, lc, p.path), text: `${pathText(p.path)}: ${p.message}` })));
  return parsed.data.rules;
}
