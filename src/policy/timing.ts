// A rule's dates applied to one device on one day. Conventions (docs/policy.md): `removeBy` is
// the last permitted day, `prohibitedFrom` the first prohibited one, `noNewAfter` the last day a
// new install is allowed, `noNewPurchaseAfter` the last day new equipment may be bought; a device
// installed (or bought) after the as-of date does not exist yet.
import { dateOf, day } from './dates.js';
import type { Status } from './findings.js';
import type { Rule } from './schema.js';
import type { MissingField } from './scope.js';
import { cutoffChecks, type CutCheck, type DeviceDates } from './cutoffs.js';
import { repealCheck } from './repeal.js';

export type { DeviceDates } from './cutoffs.js';

export interface Timing {
  status: Status;
  deadline: string | null;
  daysLeft: number | null;
  reason: string;
  notices: string[];
  /**
   * Set when the status rests on a date the inventory lacks: `status` is then what the device is
   * if the date puts it under the rule, and the finding is needs-data.
   */
  needs?: MissingField;
}

/** The last permitted day of a removal or share-cap deadline, as a date. */
export function lastPermittedDay(rule: Rule): string | null {
  if (rule.removeBy) return rule.removeBy;
  if (rule.prohibitedFrom) return dateOf(day(rule.prohibitedFrom) - 1);
  return null;
}

export function ruleInForce(rule: Rule, asOf: string): boolean {
  return day(asOf) >= day(rule.effective);
}

export function daysWord(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

/** Status from a deadline alone: `due` up to and on the last permitted day, `overdue` after. */
export function deadlineTiming(rule: Rule, last: string, asOf: string, what = 'removal required'): Timing {
  const left = day(last) - day(asOf);
  const p = rule.prohibitedFrom;
  const reason =
    left >= 0
      ? p ? `prohibited from ${p}: ${daysWord(left + 1)} left to remove it` : `${what} by ${last}: ${daysWord(left)} left`
      : p ? `prohibited since ${p} and still in place (${daysWord(-left)})` : `${what} by ${last}: ${daysWord(-left)} overdue`;
  return { status: left >= 0 ? 'due' : 'overdue', deadline: last, daysLeft: left, reason, notices: [] };
}

/** Why a rule on authorization or sale never puts a device in use under a deadline. */
const MARKET_REASON: Record<'authorization' | 'sale', (r: Rule) => string> = {
  authorization: (r) => `restricts equipment authorization from ${r.effective}: new models may not be certified, imported or marketed; a device already in use may stay in use`,
  sale: (r) => `restricts sale from ${r.effective} where the instrument says (e.g. base exchanges); owning or using the device elsewhere is not restricted`,
};

function approvalTiming(rule: Rule, dates: DeviceDates, assumeInScope: boolean): Timing | null {
  const what = rule.kind === 'approval-required' ? 'prior approval' : 'prior notification';
  if (rule.acquiredAfter) return acquiredTiming(rule, rule.acquiredAfter, dates, assumeInScope, what);
  const installed = dates.installed;
  if (installed && day(installed) < day(rule.effective)) return null;
  const notices: string[] = [];
  const t: Timing = { status: 'approval-required', deadline: null, daysLeft: null, reason: `${what} required for equipment installed from ${rule.effective}`, notices };
  if (installed) return t;
  if (!assumeInScope) return { ...t, needs: { field: 'installed', wanted: [`on or after ${rule.effective}`] } };
  notices.push(`installed date not recorded: assumed on or after ${rule.effective}, when the rule took effect`);
  return t;
}

/** A regime over equipment obtained after a day: a purchase-date question, settled by the installed date only when it is on or before that day. */
function acquiredTiming(rule: Rule, since: string, dates: DeviceDates, assumeInScope: boolean, what: string): Timing | null {
  const t: Timing = { status: 'approval-required', deadline: null, daysLeft: null, reason: `${what} required for equipment obtained after ${since}`, notices: [] };
  const known = dates.purchased ?? (dates.installed && day(dates.installed) <= day(since) ? dates.installed : undefined);
  if (known) return day(known) > day(since) ? t : null;
  const seen = dates.installed ? `installed ${dates.installed}` : 'installed date not recorded either';
  if (!assumeInScope) return { ...t, reason: `${t.reason} (${seen})`, needs: { field: 'purchased', wanted: [`after ${since}`] } };
  t.notices.push(`purchase date not recorded: assumed obtained after ${since} (--assume-in-scope); ${seen}`);
  return t;
}

function advisoryTiming(rule: Rule, asOf: string): Timing {
  const last = lastPermittedDay(rule);
  const t = last ? deadlineTiming(rule, last, asOf, 'expected out') : undefined;
  return { status: 'advisory', deadline: t?.deadline ?? null, daysLeft: t?.daysLeft ?? null, reason: t?.reason ?? 'advisory: the authority judges this vendor a risk here', notices: [] };
}

/** A ban on new equipment only, no cut-off crossed by this device: what is there may stay, but may not be renewed or added to. */
function mayStayTiming(rule: Rule, asOf: string): Timing {
  const now = day(asOf);
  const cuts = [rule.noNewPurchaseAfter, rule.noNewAfter].filter((c): c is string => c !== undefined);
  const ahead = cuts.find((c) => day(c) >= now);
  if (ahead) {
    const left = day(ahead) - now;
    return { status: 'advisory', deadline: ahead, daysLeft: left, reason: `new equipment banned after ${ahead} (${daysWord(left)} from now); existing equipment may stay`, notices: [] };
  }
  const until = cuts[cuts.length - 1]!;
  return { status: 'advisory', deadline: until, daysLeft: day(until) - now, reason: `in place by ${until}, before new equipment was banned: may stay, but may not be renewed or extended`, notices: [] };
}

/** Prohibitions and removal deadlines: the removal date first, then each cut-off on new equipment. */
function prohibitionTiming(rule: Rule, dates: DeviceDates, asOf: string, assumeInScope: boolean): Timing {
  const last = lastPermittedDay(rule);
  if (last && day(asOf) > day(last)) return deadlineTiming(rule, last, asOf);
  const checks = cutoffChecks(rule, dates, asOf);
  const banned = checks.find((c): c is Extract<CutCheck, { kind: 'banned' }> => c.kind === 'banned');
  if (banned) return { status: 'banned-new-install', deadline: banned.cut, daysLeft: null, reason: banned.reason, notices: [...banned.notices] };
  const unknown = checks.filter((c): c is Extract<CutCheck, { kind: 'unknown' }> => c.kind === 'unknown');
  // A removal deadline applies whatever the dates: the finding is that deadline's, the open cut-off a notice.
  if (last) return { ...deadlineTiming(rule, last, asOf), notices: unknown.map((u) => u.notice) };
  const u = unknown[0];
  if (!u) return mayStayTiming(rule, asOf);
  const t: Timing = { status: 'banned-new-install', deadline: u.cut, daysLeft: null, reason: u.ifBanned, notices: [] };
  if (!assumeInScope) return { ...t, needs: u.missing };
  t.notices.push(u.assumed);
  return t;
}

/**
 * Null when the rule says nothing about this device on this day. A blank date decides between
 * "the rule applies" and "it does not" for approval regimes and for a passed cut-off with no
 * removal deadline: then the timing carries `needs` (or, with `assumeInScope`, assumes the date
 * that makes the rule apply and says so). When a removal deadline applies whatever the date, the
 * finding is that deadline's, with a notice that it may also be a banned new install.
 */
export function deviceTiming(rule: Rule, dates: DeviceDates, asOf: string, assumeInScope = false): Timing | null {
  const now = day(asOf);
  if (now < day(rule.effective)) return null;
  if (dates.installed && day(dates.installed) > now) return null;
  if (dates.purchased && day(dates.purchased) > now) return null;
  const repeal = repealCheck(rule, dates, asOf);
  if (repeal.kind === 'out') return null;
  const t = timingInForce(rule, dates, asOf, assumeInScope);
  if (!t || repeal.kind === 'none') return t;
  const reason = `${t.reason} (${repeal.note})`;
  if (repeal.kind === 'before') return { ...t, reason };
  // Undated: the date must also fall before the repeal. A date the timing already needs gets the condition added.
  if (t.needs) {
    const same = t.needs.field === repeal.missing.field;
    return same ? { ...t, reason, needs: { ...t.needs, wanted: t.needs.wanted.map((w) => `${w} and ${repeal.missing.wanted[0]}`) } } : { ...t, reason };
  }
  if (!assumeInScope) return { ...t, reason, needs: repeal.missing };
  return { ...t, reason, notices: [...t.notices, repeal.assumed] };
}

function timingInForce(rule: Rule, dates: DeviceDates, asOf: string, assumeInScope: boolean): Timing | null {
  if (rule.restricts === 'authorization' || rule.restricts === 'sale') {
    return { status: 'advisory', deadline: null, daysLeft: null, reason: MARKET_REASON[rule.restricts](rule), notices: [] };
  }
  switch (rule.kind) {
    case 'approval-required':
    case 'notification-required':
      return approvalTiming(rule, dates, assumeInScope);
    case 'advisory':
      return advisoryTiming(rule, asOf);
    case 'prohibition':
    case 'removal-deadline': {
      const t = prohibitionTiming(rule, dates, asOf, assumeInScope);
      if (rule.restricts === 'funding') t.notices.push('the rule restricts the subsidy, not the equipment: it may stay if no such subsidy buys or maintains it');
      return t;
    }
    case 'share-cap':
    case 'concentration':
      return null;
  }
}
