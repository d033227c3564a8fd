// Cut-offs on new equipment, each on its own date basis: `noNewAfter` on the installed date,
// `noNewPurchaseAfter` on the purchase date. A purchase cut-off is judged on the `purchased`
// column; where only the installed date is known it settles the case one way only (installed by
// the cut-off means bought by it), and otherwise the finding says the purchase date is missing
// and which date it looked at, never reading the install date as the purchase date.
import { day } from './dates.js';
import type { Rule } from './schema.js';
import type { MissingField } from './scope.js';

export interface DeviceDates {
  installed?: string;
  /** The `purchased` column (YYYY-MM-DD), when the inventory records it. */
  purchased?: string;
}

export type CutCheck =
  | { kind: 'ok' }
  | { kind: 'banned'; cut: string; reason: string; notices: string[] }
  /** `ifBanned`: the reason if the missing date falls after the cut; `assumed`: the --assume-in-scope notice. */
  | { kind: 'unknown'; cut: string; missing: MissingField; notice: string; ifBanned: string; assumed: string };

const OK: CutCheck = { kind: 'ok' };

function purchaseCheck(cut: string, d: DeviceDates): CutCheck {
  const after = (date: string) => day(date) > day(cut);
  if (d.purchased) {
    return after(d.purchased) ? { kind: 'banned', cut, reason: `bought ${d.purchased}, after ${cut}, the rule's last day for purchases`, notices: [] } : OK;
  }
  if (d.installed && !after(d.installed)) return OK;
  const seen = d.installed ? `installed ${d.installed}, after ${cut}, ` : 'installed date not recorded either, ';
  return {
    kind: 'unknown', cut, missing: { field: 'purchased', wanted: [`after ${cut}`] },
    notice: `purchase date not recorded (judged on the installed date): ${seen}so a banned purchase if it was bought after ${cut}`,
    ifBanned: `a banned purchase if bought after ${cut}, the rule's last day for purchases (${seen.replace(/, $/, '')})`,
    assumed: `purchase date not recorded: assumed bought after ${cut} (--assume-in-scope); ${seen.replace(/, $/, '')}`,
  };
}

function installCheck(cut: string, d: DeviceDates): CutCheck {
  if (d.installed) {
    return day(d.installed) > day(cut) ? { kind: 'banned', cut, reason: `installed ${d.installed}, after ${cut}, the last day new equipment was allowed`, notices: [] } : OK;
  }
  return {
    kind: 'unknown', cut, missing: { field: 'installed', wanted: [`after ${cut}`] },
    notice: `installed date not recorded: a banned new install if installed after ${cut}`,
    ifBanned: `a banned new install if installed after ${cut}, the last day new equipment was allowed`,
    assumed: `installed date not recorded: assumed after ${cut}, a banned new install (--assume-in-scope)`,
  };
}

/** The rule's cut-offs that have passed by `asOf`, purchase first, each judged on its own date. */
export function cutoffChecks(rule: Rule, dates: DeviceDates, asOf: string): CutCheck[] {
  const now = day(asOf);
  const out: CutCheck[] = [];
  if (rule.noNewPurchaseAfter && now > day(rule.noNewPurchaseAfter)) out.push(purchaseCheck(rule.noNewPurchaseAfter, dates));
  if (rule.noNewAfter && now > day(rule.noNewAfter)) out.push(installCheck(rule.noNewAfter, dates));
  return out;
}
