// A what-if scenario as steps on the rule set: a country adopts another's rule, a vendor is
// newly listed from a date, a deadline moves, or a custom rule is added. Each step turns the
// baseline's rules into the scenario's; what a step names (a rule id) is checked here, so an
// unknown id is bad input naming where it was given, never a step that silently does nothing.
import { InputError } from '../model/index.js';
import { addDays, type Rule } from '../policy/index.js';

/** `--adopt RULE --in CC [--by DATE]`: the rule's scope and timetable applied in those countries. */
export interface AdoptStep {
  kind: 'adopt';
  rule: string;
  in: string[];
  /** Moves the adopted rule's removal deadline (last permitted day) to this day. */
  by?: string;
}

/** `--list VENDOR --from DATE [--like RULE] [--in CC]`: the vendors banned from DATE. */
export interface ListStep {
  kind: 'list';
  vendors: string[];
  /** First prohibited day. */
  from: string;
  /** A rule whose scope (layers, networks, uses...) the listing takes. */
  like?: string;
  /** Only in these countries (default: the like rule's countries, else every country). */
  in?: string[];
  /** Only in these networks (government, commercial, military): the scenario file can say so. */
  networks?: string[];
}

/** `--move RULE --to DATE`: the rule's removal deadline (or its install cut-off) moves. */
export interface MoveStep {
  kind: 'move';
  rule: string;
  to: string;
}

/** A custom rule (the custom-rule schema) added as it is. */
export interface RuleStep {
  kind: 'rule';
  rule: Rule;
}

export type ScenarioStep = AdoptStep | ListStep | MoveStep | RuleStep;

/** Where each step was given, for errors: `--adopt` or `scenario.yaml:4`. */
export interface StepOrigin {
  rule: string;
  like?: string;
  /** The InputError's file and line. */
  file: string;
  line?: number;
}

export interface PlacedStep {
  step: ScenarioStep;
  origin: StepOrigin;
}

/** What the scenario did to the rule set, in words and ids: the document's `changes`. */
export interface RuleChange {
  step: ScenarioStep['kind'];
  rule: string;
  from?: string;
  what: string;
}

const HYPOTHETICAL = 'a what-if scenario, not an instrument in force';

function slug(parts: readonly string[]): string {
  return parts.join('-').toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}

/** The removal deadline moved to `day` (the last permitted day); else the install cut-off. */
export function moveDeadline(rule: Rule, day: string, origin: StepOrigin): Rule {
  if (rule.removeBy || rule.prohibitedFrom || rule.kind === 'removal-deadline') {
    return { ...rule, removeBy: day, prohibitedFrom: undefined };
  }
  if (rule.noNewAfter) return { ...rule, noNewAfter: day };
  if (rule.noNewPurchaseAfter) return { ...rule, noNewPurchaseAfter: day };
  throw new InputError(origin.file, origin.line, `rule ${rule.id} has no deadline to move (no removeBy, prohibitedFrom, noNewAfter or noNewPurchaseAfter)`);
}

function adopted(rule: Rule, step: AdoptStep, origin: StepOrigin): Rule {
  const r: Rule = {
    ...rule,
    id: slug([rule.id, 'in', ...step.in]),
    title: `${rule.title} (adopted in ${step.in.join(', ')})`,
    scope: { ...rule.scope, countries: step.in },
    notes: `${HYPOTHETICAL}: ${rule.id} adopted in ${step.in.join(', ')}${step.by ? `, removal by ${step.by}` : ''}`,
  };
  return step.by ? moveDeadline(r, step.by, origin) : r;
}

/** A new listing: in force from the earlier of the as-of date and `from`, so it is due before and overdue after. */
function listed(step: ListStep, like: Rule | undefined, asOf: string): Rule {
  const countries = step.in ?? like?.scope.countries ?? 'any';
  const base = like ?? {
    jurisdiction: 'WHATIF', instrument: 'what-if scenario', clause: 'listing', source: 'https://cleanpath.invalid/what-if',
    verification: { level: 'partial' as const, note: HYPOTHETICAL }, kind: 'removal-deadline' as const, severity: 'high' as const, scope: { countries },
  };
  const keep = like && like.kind !== 'prohibition' && like.kind !== 'removal-deadline' ? like.kind : 'removal-deadline';
  return {
    ...base,
    id: slug(['whatif-list', ...step.vendors, ...(step.in ?? []), ...(step.networks ?? [])]),
    title: `${step.vendors.join(', ')} listed from ${step.from}${like ? ` (like ${like.id})` : ''}`,
    kind: keep,
    vendors: step.vendors,
    scope: { ...base.scope, countries, ...(step.networks && { networks: step.networks as Rule['scope']['networks'] }) },
    effective: step.from < asOf ? step.from : asOf,
    noNewAfter: undefined, noNewPurchaseAfter: undefined, acquiredAfter: undefined, removeBy: undefined, milestones: undefined,
    prohibitedFrom: step.from,
    notes: HYPOTHETICAL,
  } as Rule;
}

function ruleNamed(rules: ReadonlyMap<string, Rule>, id: string, file: string, line: number | undefined): Rule {
  const r = rules.get(id);
  if (!r) throw new InputError(file, line, `unknown rule id ${id} (see cleanpath policies)`);
  return r;
}

/**
 * The scenario's rules: the baseline's with each step applied in order (a moved rule replaces
 * its baseline self; an adopted or listed one is added), and what each step changed.
 */
export function applyScenario(baseline: readonly Rule[], steps: readonly PlacedStep[], asOf: string): { rules: Rule[]; changes: RuleChange[] } {
  const rules = new Map(baseline.map((r) => [r.id, r]));
  const changes: RuleChange[] = [];
  for (const { step, origin } of steps) {
    const named = (id: string, file = origin.rule) => ruleNamed(rules, id, file, origin.line);
    if (step.kind === 'adopt') {
      const source = named(step.rule);
      const r = adopted(source, step, origin);
      rules.set(r.id, r);
      const already = step.in.filter((c) => source.scope.countries === 'any' || source.scope.countries.includes(c));
      changes.push({ step: 'adopt', rule: r.id, from: step.rule, what: `${step.rule} applied in ${step.in.join(', ')}${step.by ? `, removal by ${step.by}` : ''}${already.length ? ` (it already applies in ${already.join(', ')})` : ''}` });
    } else if (step.kind === 'list') {
      const r = listed(step, step.like === undefined ? undefined : named(step.like, origin.like ?? origin.rule), asOf);
      rules.set(r.id, r);
      changes.push({ step: 'list', rule: r.id, ...(step.like && { from: step.like }), what: `${step.vendors.join(', ')} prohibited from ${step.from} (removal by ${addDays(step.from, -1)})${r.scope.countries === 'any' ? '' : ` in ${r.scope.countries.join(', ')}`}${step.networks ? ` (${step.networks.join(', ')} networks)` : ''}` });
    } else if (step.kind === 'move') {
      const r = moveDeadline(named(step.rule), step.to, origin);
      rules.set(r.id, r);
      changes.push({ step: 'move', rule: r.id, what: `deadline moved to ${step.to}` });
    } else {
      if (rules.has(step.rule.id)) throw new InputError(origin.file, origin.line, `rule id ${step.rule.id} is taken (a scenario's rule needs an id of its own)`);
      rules.set(step.rule.id, step.rule);
      changes.push({ step: 'rule', rule: step.rule.id, what: `custom rule added: ${step.rule.title}` });
    }
  }
  return { rules: [...rules.values()], changes };
}
