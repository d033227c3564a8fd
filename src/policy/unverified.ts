// Unverified facts are shown, never enforced by default: a rule labelled `unverified` gives an
// advisory finding that says what it would be, and only `includeUnverified` (the CLI's
// --include-unverified) applies its dates as deadlines. Partly verified rules apply, with their
// caveat on every finding (explain.ts).
import type { Status } from './findings.js';
import type { Rule } from './schema.js';
import type { Timing } from './timing.js';

const DEADLINE_STATUSES: ReadonlySet<Status> = new Set(['overdue', 'due', 'banned-new-install', 'approval-required']);

export interface GatedTiming extends Timing {
  /** The status the rule would give if it were applied. */
  ifVerified?: Status;
}

export function gateUnverified(rule: Rule, t: Timing, includeUnverified: boolean): GatedTiming {
  if (includeUnverified || rule.verification.level !== 'unverified' || !DEADLINE_STATUSES.has(t.status)) return t;
  return {
    ...t, status: 'advisory', deadline: null, daysLeft: null, ifVerified: t.status,
    reason: `not applied as a deadline: the rule is unverified (--include-unverified applies it); it would be ${t.status}: ${t.reason}`,
  };
}
