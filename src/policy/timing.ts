// A rule's dates applied to one device on one day. Conventions (docs/policy.md): `removeBy` is
// the last permitted day, `prohibitedFrom` the first prohibited one, `noNewAfter` the last day a
// new install is allowed; a device installed after the as-of date does not exist yet.
import { dateOf, day } from './dates.js';
import type { Status } from './findings.js';
import type { Rule } from './schema.js';

export interface Timing {
  status: Status;
  deadline: string | null;
  daysLeft: number | null;
  reason: string;
  notices: string[];
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

/** Null when the rule says nothing about this device on this day. */
export function deviceTiming(rule: Rule, installed: string | undefined, asOf: string): Timing | null {
  const now = day(asOf);
  if (now < day(rule.effective)) return null;
  if (installed && day(installed) > now) return null;
  const notices: string[] = [];
  switch (rule.kind) {
    case 'approval-required':
    case 'notification-required': {
      const what = rule.kind === 'approval-required' ? 'prior approval' : 'prior notification';
      if (installed && day(installed) < day(rule.effective)) return null;
      if (!installed) notices.push(`installed date not recorded: assumed on or after ${rule.effective}, when the rule took effect`);
      return { status: 'approval-required', deadline: null, daysLeft: null, reason: `${what} required for equipment installed from ${rule.effective}`, notices };
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
      if (rule.noNewAfter && !installed) notices.push(`installed date not recorded: a banned new install if installed after ${rule.noNewAfter}`);
      if (last) {
        const t = deadlineTiming(rule, last, asOf);
        return { ...t, notices };
      }
      // A ban on new procurement only: what is installed may stay, but may not be renewed or added to.
      const cut = rule.noNewAfter!;
      const left = day(cut) - now;
      return left >= 0
        ? { status: 'advisory', deadline: cut, daysLeft: left, reason: `new installs banned after ${cut} (${daysWord(left)} from now); existing equipment may stay`, notices }
        : { status: 'advisory', deadline: cut, daysLeft: left, reason: `installed by ${cut}, before new installs were banned: may stay, but may not be renewed or extended`, notices };
    }
    case 'share-cap':
    case 'concentration':
      return null;
  }
}
