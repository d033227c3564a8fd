// A rule's dates applied to one device on one day. Conventions (docs/policy.md): `removeBy` is
// the last permitted day, `prohibitedFrom` the first prohibited one, `noNewAfter` the last day a
// new install is allowed; a device installed after the as-of date does not exist yet.
import { dateOf, day } from './dates.js';
import type { Status } from './findings.js';
import type { Rule } from './schema.js';
import type { MissingField } from './scope.js';

export interface Timing {
  status: Status;
  deadline: string | null;
  daysLeft: number | null;
  reason: string;
  notices: string[];
  /**
   * Set when the status rests on an installed date the inventory lacks: `status` is then what
   * the device is if the date puts it under the rule, and the finding is needs-data.
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

function daysWord(n: number): string {
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

/**
 * Null when the rule says nothing about this device on this day. A blank installed date decides
 * between "the rule applies" and "it does not" for approval regimes and for a passed `noNewAfter`
 * with no removal deadline: then the timing carries `needs` (or, with `assumeInScope`, assumes the
 * date that makes the rule apply and says so). When a removal deadline applies whatever the date,
 * the finding is that deadline's, with a notice that it may also be a banned new install.
 */
export function deviceTiming(rule: Rule, installed: string | undefined, asOf: string, assumeInScope = false): Timing | null {
  const now = day(asOf);
  if (now < day(rule.effective)) return null;
  if (installed && day(installed) > now) return null;
  const notices: string[] = [];
  switch (rule.kind) {
    case 'approval-required':
    case 'notification-required': {
      const what = rule.kind === 'approval-required' ? 'prior approval' : 'prior notification';
      if (installed && day(installed) < day(rule.effective)) return null;
      const t: Timing = { status: 'approval-required', deadline: null, daysLeft: null, reason: `${what} required for equipment installed from ${rule.effective}`, notices };
      if (installed) return t;
      if (!assumeInScope) return { ...t, needs: { field: 'installed', wanted: [`on or after ${rule.effective}`] } };
      notices.push(`installed date not recorded: assumed on or after ${rule.effective}, when the rule took effect`);
      return t;
    }
    case 'advisory': {
      const last = lastPermittedDay(rule);
      const t = last ? deadlineTiming(rule, last, asOf, 'expected out') : undefined;
      return { status: 'advisory', deadline: t?.deadline ?? null, daysLeft: t?.daysLeft ?? null, reason: t?.reason ?? 'advisory: the authority judges this vendor a risk here', notices };
    }
    case 'prohibition':
    case 'removal-deadline': {
      const last = lastPermittedDay(rule);
      if (last && now > day(last)) return deadlineTiming(rule, last, asOf);
      if (rule.noNewAfter && installed && day(installed) > day(rule.noNewAfter)) {
        return { status: 'banned-new-install', deadline: rule.noNewAfter, daysLeft: null, reason: `installed ${installed}, after ${rule.noNewAfter}, the last day new equipment was allowed`, notices };
      }
      const cut = rule.noNewAfter;
      const cutPassed = cut !== undefined && now > day(cut);
      if (last) {
        if (cutPassed && !installed) notices.push(`installed date not recorded: a banned new install if installed after ${cut}`);
        const t = deadlineTiming(rule, last, asOf);
        return { ...t, notices };
      }
      // A ban on new procurement only: what is installed may stay, but may not be renewed or added to.
      if (cutPassed && !installed) {
        const banned: Timing = { status: 'banned-new-install', deadline: cut, daysLeft: null, reason: `a banned new install if installed after ${cut}, the last day new equipment was allowed`, notices };
        if (!assumeInScope) return { ...banned, needs: { field: 'installed', wanted: [`after ${cut}`] } };
        notices.push(`installed date not recorded: assumed after ${cut}, a banned new install (--assume-in-scope)`);
        return banned;
      }
      const until = cut!;
      const left = day(until) - now;
      return left >= 0
        ? { status: 'advisory', deadline: until, daysLeft: left, reason: `new installs banned after ${until} (${daysWord(left)} from now); existing equipment may stay`, notices }
        : { status: 'advisory', deadline: until, daysLeft: left, reason: `installed by ${until}, before new installs were banned: may stay, but may not be renewed or extended`, notices };
    }
    case 'share-cap':
    case 'concentration':
      return null;
  }
}
