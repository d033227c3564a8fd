// Every date a rule carries, and the ones still ahead of a given day: "what comes next" per country.
import { day } from './dates.js';
import type { Finding } from './findings.js';
import type { Rule } from './schema.js';
import { repealBasis } from './repeal.js';

export type DateField = 'effective' | 'noNewPurchaseAfter' | 'noNewAfter' | 'acquiredAfter' | 'removeBy' | 'prohibitedFrom' | 'repealedFrom' | 'milestone';

export interface RuleDate {
  rule: string;
  field: DateField;
  date: string;
  what: string;
}

export function ruleDates(rule: Rule): RuleDate[] {
  const out: RuleDate[] = [{ rule: rule.id, field: 'effective', date: rule.effective, what: 'takes effect' }];
  if (rule.noNewPurchaseAfter) out.push({ rule: rule.id, field: 'noNewPurchaseAfter', date: rule.noNewPurchaseAfter, what: 'last day for new purchases' });
  if (rule.noNewAfter) out.push({ rule: rule.id, field: 'noNewAfter', date: rule.noNewAfter, what: 'last day for new installs' });
  if (rule.acquiredAfter) out.push({ rule: rule.id, field: 'acquiredAfter', date: rule.acquiredAfter, what: 'covers equipment obtained after this day' });
  if (rule.removeBy) {
    out.push({ rule: rule.id, field: 'removeBy', date: rule.removeBy, what: rule.kind === 'share-cap' ? `last day over the ${rule.capPercent}% cap` : 'last day to remove' });
  }
  if (rule.prohibitedFrom) out.push({ rule: rule.id, field: 'prohibitedFrom', date: rule.prohibitedFrom, what: 'prohibited from' });
  if (rule.repealedFrom) out.push({ rule: rule.id, field: 'repealedFrom', date: rule.repealedFrom, what: `repealed: equipment ${repealBasis(rule) === 'purchased' ? 'bought' : 'installed'} from this day is outside the rule` });
  for (const m of rule.milestones ?? []) out.push({ rule: rule.id, field: 'milestone', date: m.date, what: m.what });
  return out;
}

export interface UpcomingDeadline extends RuleDate {
  daysLeft: number;
  /** Findings of the rule among those given (devices, or groups for share caps). */
  findings: number;
}

/** Dates on or after `asOf` of the rules behind `findings`, soonest first. */
export function upcomingDeadlines(rules: readonly Rule[], findings: readonly Finding[], asOf: string): UpcomingDeadline[] {
  const counts = new Map<string, number>();
  // A needs-data finding is not yet bound by the rule's dates: counting it would guess it into them.
  // Nor is a finding of an unverified rule the check did not apply (`ifVerified`).
  for (const f of findings) if (f.status !== 'needs-data' && f.ifVerified === undefined) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  const now = day(asOf);
  const out: UpcomingDeadline[] = [];
  for (const r of rules) {
    const n = counts.get(r.id);
    if (!n) continue;
    for (const d of ruleDates(r)) {
      if (d.field === 'effective') continue;
      const left = day(d.date) - now;
      if (left >= 0) out.push({ ...d, daysLeft: left, findings: n });
    }
  }
  return out.sort((a, b) => a.daysLeft - b.daysLeft || a.rule.localeCompare(b.rule));
}
