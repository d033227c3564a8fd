// Whether a device falls within a rule's scope, in three answers: out (a recorded attribute
// excludes it), in, or undecided because an attribute the rule constrains is blank. Undecided is
// never read as in or out by default: the finding becomes `needs-data` (docs/policy.md), so a gap
// in the inventory neither passes a device nor puts it under a deadline it may not have.
// `assumeInScope` is the explicit conservative reading: blank classification fields (layer,
// technology, network, use) count as in scope, with the assumption stated. Where a device is and
// whose it is (country, operator, site) are never assumed: a device is in one country, and
// assuming it in every one would put it under every national rule at once.
import type { PolicyDevice } from './device.js';
import type { Scope } from './schema.js';

/** An inventory field a rule constrains and the device leaves blank, with the values that would put it in scope. */
export interface MissingField {
  field: MissingFieldName;
  /** What would make the rule apply: the rule's values, or a condition on a date ("after 2021-03-11"). */
  wanted: readonly string[];
}

/** In the order findings name them: identity first, then classification, then the date. */
export const MISSING_FIELDS = ['vendor', 'country', 'layer', 'technology', 'network', 'operator', 'site', 'use', 'funding', 'grade', 'purchased', 'installed'] as const;
export type MissingFieldName = (typeof MISSING_FIELDS)[number];

export type ScopeMatch =
  | { kind: 'out' }
  /** `assumptions`: what was assumed, by the rule itself (useMissing) or under assumeInScope. */
  | { kind: 'in'; assumptions: string[] }
  | { kind: 'needs-data'; missing: MissingField[]; assumptions: string[] };

const OUT: ScopeMatch = { kind: 'out' };

/** Fields --assume-in-scope may assume; the others say where and whose a device is. */
const ASSUMABLE: ReadonlySet<MissingFieldName> = new Set(['layer', 'technology', 'network', 'use', 'funding', 'grade']);

/**
 * An inventory column the importer keeps in `extra` (use, funding, grade, purchased), matched by
 * name whatever its case: a header written "Funding" is the same column.
 */
export function deviceAttribute(device: PolicyDevice, name: string): string | undefined {
  const direct = device.extra[name];
  if (direct !== undefined) return direct;
  const key = Object.keys(device.extra).find((k) => k.trim().toLowerCase() === name);
  return key === undefined ? undefined : device.extra[key];
}

/** A list column (`use`, `funding`, `grade`): comma- or semicolon-separated, lower-cased. */
export function deviceValues(device: PolicyDevice, name: string): string[] {
  const raw = deviceAttribute(device, name);
  return raw ? raw.split(/[,;]/).map((s) => s.trim().toLowerCase()).filter(Boolean) : [];
}

export function deviceUses(device: PolicyDevice): string[] {
  return deviceValues(device, 'use');
}

type ListField = 'use' | 'funding' | 'grade';

/** The scope's filters on list columns, with what a blank column counts as under each. */
function listFilters(scope: Scope): { field: ListField; wanted: readonly string[]; missing: Scope['useMissing'] }[] {
  const out: { field: ListField; wanted: readonly string[]; missing: Scope['useMissing'] }[] = [];
  if (scope.uses) out.push({ field: 'use', wanted: scope.uses, missing: scope.useMissing });
  if (scope.funding) out.push({ field: 'funding', wanted: scope.funding, missing: scope.fundingMissing });
  if (scope.grades) out.push({ field: 'grade', wanted: scope.grades, missing: scope.gradeMissing });
  return out;
}

function blank(v: string | null | undefined): boolean {
  return v === undefined || v === null || v === '';
}

export function assumptionText(m: MissingField): string {
  const w = m.wanted;
  return `${m.field} not recorded: assumed ${w.length === 1 ? w[0] : `one of ${w.join(', ')}`}`;
}

/** One field: undefined when it leaves the device in scope, 'out' when it excludes it, or what is missing. */
function judge(field: MissingFieldName, allowed: readonly string[] | undefined, value: string | null | undefined): 'out' | MissingField | undefined {
  if (!allowed) return undefined;
  if (blank(value)) return { field, wanted: allowed };
  return allowed.includes(value!) ? undefined : 'out';
}

export function matchScope(scope: Scope, device: PolicyDevice, assumeInScope = false): ScopeMatch {
  const missing: MissingField[] = [];
  const assumptions: string[] = [];
  const judged = [
    judge('country', scope.countries === 'any' ? undefined : scope.countries, device.country),
    judge('layer', scope.layers, device.layer),
    judge('technology', scope.technologies, device.technology),
    judge('network', scope.networks, device.network),
    judge('operator', scope.operators, device.operator),
    judge('site', scope.sites, device.site),
  ];
  for (const f of listFilters(scope)) {
    const have = deviceValues(device, f.field);
    if (have.length === 0) {
      // The rule may say itself what a device with the column blank is; then it is the rule's reading, stated.
      if (f.missing === 'out-of-scope') return OUT;
      if (f.missing === 'in-scope') assumptions.push(assumptionText({ field: f.field, wanted: f.wanted }));
      else judged.push({ field: f.field, wanted: f.wanted });
    } else if (!have.some((u) => f.wanted.includes(u))) {
      judged.push('out');
    }
  }
  // A recorded attribute that excludes the device settles it, whatever else is blank.
  if (judged.includes('out')) return OUT;
  for (const j of judged) {
    if (j === undefined || j === 'out') continue;
    if (assumeInScope && ASSUMABLE.has(j.field)) assumptions.push(assumptionText(j));
    else missing.push(j);
  }
  return missing.length ? { kind: 'needs-data', missing, assumptions } : { kind: 'in', assumptions };
}

function fieldWord(m: MissingField): string {
  const w = m.wanted;
  const values = w.length > 4 ? `one of ${w.length}` : w.join('/');
  return `${m.field} (${values}?)`;
}

/** "layer (core?) and technology (5g?)": what to fill in, and what would put the device in scope. */
export function describeMissing(missing: readonly MissingField[]): string {
  const words = missing.map(fieldWord);
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Field names in MISSING_FIELDS order, each once. */
export function missingNames(missing: readonly MissingField[]): MissingFieldName[] {
  const names = new Set(missing.map((m) => m.field));
  return MISSING_FIELDS.filter((f) => names.has(f));
}
