// A user's own catalog file (`--catalog FILE`, YAML or JSON in the catalog's schema): either a
// whole catalog that replaces the shipped one, or an overlay (`overlay: true`) that replaces
// shipped rules by id, adds new ones and removes the ids under `remove`. Problems are bad input,
// `file:line: path: what is wrong`, so a typo never becomes a silently missing rule. The file
// itself is read at the edge (analyses/catalog-source.ts): the policy stage takes text.
import { basename } from 'node:path';
import { crossCheckRules, shippedRuleCatalog, type RuleCatalog } from './catalog.js';
import { resolveRuleVendors } from './custom-rules.js';
import { OverlayFile, RuleFile, type Rule } from './schema.js';
import { fail, pathText, readYaml, type Located, type LocatedYaml } from './yaml-lines.js';

const EMPTY = 'empty catalog file; expected `version: 1` and `rules:` (a whole catalog), or `overlay: true` (changes to the shipped catalog)';

/** How reports name the file: its name and the start of its sha256, so two edits of it differ. */
function fileLabel(file: string, sha256: string): string {
  return `${basename(file)} ${sha256.slice(0, 12)}`;
}

function crossProblems(y: LocatedYaml, rules: readonly Rule[]): Located[] {
  return crossCheckRules(rules).map((p) => ({ line: y.line(p.path), text: `${pathText(p.path)}: ${p.message}` }));
}

/** Ids under `remove` must name shipped rules and not also be replaced: either is a mistake. */
function removeProblems(y: LocatedYaml, overlay: OverlayFile, shipped: ReadonlySet<string>): Located[] {
  const replaced = new Set((overlay.rules ?? []).map((r) => r.id));
  const problems: Located[] = [];
  (overlay.remove ?? []).forEach((id, i) => {
    const at = { line: y.line(['remove', i]) };
    if (!shipped.has(id)) problems.push({ ...at, text: `remove[${i}]: unknown rule id ${id} (see cleanpath policies)` });
    else if (replaced.has(id)) problems.push({ ...at, text: `remove[${i}]: rule ${id} is both replaced and removed` });
  });
  return problems;
}

function overlayCatalog(y: LocatedYaml, file: string, sha256: string, vendorProblems: Located[]): RuleCatalog {
  const parsed = OverlayFile.safeParse(y.data);
  if (!parsed.success) fail(file, [...vendorProblems, ...y.issues(parsed.error.issues)]);
  const base = shippedRuleCatalog();
  const overlay = parsed.data;
  const problems = [...vendorProblems, ...crossProblems(y, overlay.rules ?? []), ...removeProblems(y, overlay, new Set(base.rules.map((r) => r.id)))];
  if (problems.length) fail(file, problems);
  const removed = new Set(overlay.remove ?? []);
  const replacing = new Map((overlay.rules ?? []).map((r) => [r.id, r]));
  const kept = base.rules.filter((r) => !removed.has(r.id)).map((r) => replacing.get(r.id) ?? r);
  const added = (overlay.rules ?? []).filter((r) => !base.rules.some((b) => b.id === r.id));
  return {
    catalogVersion: `${base.catalogVersion}+overlay ${fileLabel(file, sha256)}`,
    ...(base.catalogDate ? { catalogDate: base.catalogDate } : {}),
    changes: [...base.changes, ...(overlay.changes ?? [])],
    rules: [...kept, ...added],
  };
}

function wholeCatalog(y: LocatedYaml, file: string, sha256: string, vendorProblems: Located[]): RuleCatalog {
  const parsed = RuleFile.safeParse(y.data);
  if (!parsed.success) fail(file, [...vendorProblems, ...y.issues(parsed.error.issues)]);
  const problems = [...vendorProblems, ...crossProblems(y, parsed.data.rules)];
  if (problems.length) fail(file, problems);
  const d = parsed.data;
  return {
    catalogVersion: `${d.catalogVersion ?? 'unversioned'} (${fileLabel(file, sha256)})`,
    ...(d.catalogDate ? { catalogDate: d.catalogDate } : {}),
    changes: d.changes ?? [],
    rules: d.rules,
  };
}

/** Parses a catalog file's text; `sha256` (hex) names this exact content in the catalog version. */
export function parseCatalogText(text: string, file: string, sha256: string): RuleCatalog {
  const y = readYaml(text, file, EMPTY);
  const isOverlay = typeof y.data === 'object' && y.data !== null && 'overlay' in y.data;
  const vendorProblems = resolveRuleVendors(y.data, (path) => y.line(path));
  return (isOverlay ? overlayCatalog : wholeCatalog)(y, file, sha256, vendorProblems);
}
