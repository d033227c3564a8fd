// An organisation's own rules in YAML ("no Huawei or ZTE on the networks that carry our
// sensitive flows"), checked against the catalog's schema. Every problem is reported as
// `file:line: path: what is wrong`, the line being where the offending value (or its rule) sits.
import { createVendorResolver } from '../vendors/resolve.js';
import { crossCheckRules, type RuleProblem } from './catalog.js';
import { RuleFile, type Rule } from './schema.js';
import { fail, pathText, readYaml, type Located, type Path } from './yaml-lines.js';

/**
 * Vendor names in `rules[i].vendors` → catalog slugs, in place ("Huawei Technologies Co., Ltd."
 * → huawei); one that names no vendor is a problem with the nearest slug, never a rule that
 * silently matches no device.
 */
export function resolveRuleVendors(data: unknown, located: (path: Path) => number): Located[] {
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
  const y = readYaml(text, file, 'empty rule file; expected `version: 1` and `rules:` with at least one rule');
  const vendorProblems = resolveRuleVendors(y.data, (path) => y.line(path));
  const parsed = RuleFile.safeParse(y.data);
  if (!parsed.success) fail(file, [...vendorProblems, ...y.issues(parsed.error.issues)]);
  if (vendorProblems.length) fail(file, vendorProblems);
  const problems: RuleProblem[] = crossCheckRules(parsed.data.rules, taken);
  if (problems.length) fail(file, problems.map((p) => ({ line: y.line(p.path), text: `${pathText(p.path)}: ${p.message}` })));
  return parsed.data.rules;
}
