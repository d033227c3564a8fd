// The shipped rule catalog (data/rules.json), validated once: a bad edit to the catalog must fail
// at start-up, not turn into a silently missing finding.
import raw from './data/rules.json' with { type: 'json' };
import { loadCatalog as loadVendorCatalog } from '../vendors/index.js';
import { RuleFile, type CatalogChange, type Rule } from './schema.js';

export interface RuleProblem {
  /** Path inside the rule file, e.g. ['rules', 3, 'vendors', 0]. */
  path: (string | number)[];
  message: string;
}

/** Problems the schema cannot see: unknown vendor slugs and duplicate rule ids (also against `taken`). */
export function crossCheckRules(rules: readonly Rule[], taken: ReadonlySet<string> = new Set()): RuleProblem[] {
  const vendors = new Set(loadVendorCatalog().vendors.map((v) => v.slug));
  const problems: RuleProblem[] = [];
  const seen = new Set(taken);
  rules.forEach((r, i) => {
    if (seen.has(r.id)) problems.push({ path: ['rules', i, 'id'], message: `duplicate rule id ${r.id}` });
    seen.add(r.id);
    if (Array.isArray(r.vendors)) {
      r.vendors.forEach((v, j) => {
        if (!vendors.has(v)) problems.push({ path: ['rules', i, 'vendors', j], message: `unknown vendor ${v} (known: ${[...vendors].join(', ')})` });
      });
    }
  });
  return problems;
}

export interface RuleCatalog {
  catalogVersion: string;
  /** The day the catalog was last reviewed, when it says. */
  catalogDate?: string;
  /** What changed in which version, newest last. */
  changes: CatalogChange[];
  rules: Rule[];
}

/** Validates catalog data; throws with every problem listed. Exported so tests can feed bad data. */
export function parseRuleCatalog(data: unknown): RuleCatalog {
  const r = RuleFile.safeParse(data);
  const lines = r.success
    ? crossCheckRules(r.data.rules).map((p) => `${p.path.join('.')}: ${p.message}`)
    : r.error.issues.map((i) => `${i.path.join('.') || '(catalog)'}: ${i.message}`);
  if (!r.success || lines.length) throw new Error(`policy catalog is invalid:\n  ${lines.join('\n  ')}`);
  const d = r.data;
  return { catalogVersion: d.catalogVersion ?? 'unversioned', ...(d.catalogDate ? { catalogDate: d.catalogDate } : {}), changes: d.changes ?? [], rules: d.rules };
}

let shipped: RuleCatalog | undefined;

/** The catalog cleanpath ships; what a user's catalog file overlays (catalog-file.ts). */
export function shippedRuleCatalog(): RuleCatalog {
  shipped ??= parseRuleCatalog(raw);
  return shipped;
}

/**
 * The shipped catalog. The one a run applies — the user's `--catalog` file when given — is
 * activeCatalog() of analyses/catalog-source.ts; this stage reads no file.
 */
export const loadRuleCatalog = shippedRuleCatalog;
