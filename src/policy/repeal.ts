// A rule's end: `repealedFrom` is the first day its instrument no longer reaches new equipment
// (§9b BSIG, replaced by §41 BSIG 2025 from 6 Dec 2025). A device installed, or bought for a rule
// judged on the purchase date, on or after that day is outside the rule; one from before stays
// under it, and its finding says the rule has ended for newer equipment.
import { day } from './dates.js';
import type { DeviceDates } from './cutoffs.js';
import type { Rule } from './schema.js';
import type { MissingField } from './scope.js';

/** The device date a repeal is judged on: the purchase date for purchase-based rules, else the installed date. */
export function repealBasis(rule: Rule): 'installed' | 'purchased' {
  return rule.acquiredAfter || (rule.noNewPurchaseAfter && !rule.noNewAfter) ? 'purchased' : 'installed';
}

export type RepealCheck =
  | { kind: 'none' }
  | { kind: 'out' }
  | { kind: 'before'; note: string }
  | { kind: 'unknown'; missing: MissingField; assumed: string; note: string };

/**
 * Where the device stands against the rule's repeal on `asOf`. Before the repeal day nothing
 * changes (a device from after `asOf` does not exist yet). After it, a device dated on or after
 * the repeal is out; one dated before stays under the rule; an undated one needs the date.
 */
export function repealCheck(rule: Rule, dates: DeviceDates, asOf: string): RepealCheck {
  const r = rule.repealedFrom;
  if (!r || day(asOf) < day(r)) return { kind: 'none' };
  const basis = repealBasis(rule);
  const what = basis === 'purchased' ? 'bought' : 'installed';
  const note = `${rule.id} is repealed from ${r}: it covers only equipment ${what} before that day`;
  // Installed before the repeal means bought before it too; installed on or after it settles nothing about the purchase.
  const known = basis === 'purchased' ? (dates.purchased ?? (dates.installed && day(dates.installed) < day(r) ? dates.installed : undefined)) : dates.installed;
  if (known) return day(known) >= day(r) ? { kind: 'out' } : { kind: 'before', note };
  return {
    kind: 'unknown', note,
    missing: { field: basis, wanted: [`before ${r}`] },
    assumed: `${basis === 'purchased' ? 'purchase' : 'installed'} date not recorded: assumed before ${r}, when ${rule.id} was repealed (--assume-in-scope)`,
  };
}
