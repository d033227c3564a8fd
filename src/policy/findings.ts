// What a check produces: one keyed row per (device, rule), or per (operator segment, rule) for
// share caps and concentration, each carrying what it needs to explain itself.
import type { RuleKind, VerificationLevel } from './schema.js';

/**
 * Most to least urgent; the table and the demo list findings in this order. `needs-data` sits
 * with `vendor-unknown`: both are devices the check cannot judge without more inventory data.
 */
export const STATUSES = ['overdue', 'banned-new-install', 'vendor-unknown', 'needs-data', 'due', 'approval-required', 'advisory'] as const;
export type Status = (typeof STATUSES)[number];

export const FAIL_ON = ['overdue', 'due', 'any'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface EvidenceNote {
  kind: string;
  raw: string;
  vendor: string | null;
  confidence: number;
  valid: boolean;
  detail?: string;
  /** file:line, or probe and address. */
  source: string;
}

export interface RuleRef {
  id: string;
  jurisdiction: string;
  title: string;
  kind: RuleKind;
  instrument: string;
  clause: string;
  source: string;
  verification: VerificationLevel;
  verificationNote?: string;
}

/** A share cap's or a concentration measure's group: one operator's segment. */
export interface GroupInfo {
  operator: string;
  segment: string;
  /** Devices in the group. */
  total: number;
  /** Of them, devices of the rule's vendors (share cap) or of known vendor (concentration). */
  covered: number;
  unknown: number;
  /** share cap: the vendors' devices; concentration: empty (every device counts). */
  devices: string[];
  /** Devices the group could not place: a field the rule's scope constrains is blank (needs-data). */
  uncertain?: { device: string; missing: string[] }[];
  sharePercent?: number;
  capPercent?: number;
  /** Fewest of the vendors' devices to replace to get within the cap. */
  excess?: number;
  hhi?: number;
  maxHhi?: number;
  /** Vendor → share in percent, largest first. */
  shares?: Record<string, number>;
}

export interface Finding {
  /** The device id; null for a group finding (see `group.devices`). */
  device: string | null;
  rule: string;
  status: Status;
  /**
   * vendor-unknown and needs-data only: what the status would be if the missing facts (the
   * vendor, the scope fields in `missing`) all made the rule apply.
   */
  ifCovered?: Status;
  /**
   * needs-data only: the inventory fields whose absence leaves the rule's applicability open,
   * in the order the reason names them (`vendor`, `country`, `layer`, `technology`, `network`,
   * `operator`, `site`, `use`, `funding`, `grade`, `purchased`, `installed`).
   */
  missing?: string[];
  /** The date that drives the status (last permitted day, cut-off for new installs), if any. */
  deadline: string | null;
  /** Days from the as-of date to the deadline: 0 on the last permitted day, negative once past. */
  daysLeft: number | null;
  /** The device's attributed vendor. */
  vendor: string | null;
  /** The rule vendor the device counts as (Huawei for an Honor phone made before the sale). */
  coveredAs: string | null;
  /** How the vendor is reached: a subsidiary named in the evidence, or a family relation. */
  via?: string;
  name: string | null;
  country: string | null;
  operator: string | null;
  layer: string | null;
  technology: string | null;
  installed: string | null;
  /** The `purchased` column, when recorded (purchase cut-offs judge it). */
  purchased?: string;
  /**
   * Set when the rule is unverified and the check was not told to include unverified rules: the
   * status the rule would give (a deadline status), while `status` is advisory and carries no date.
   */
  ifVerified?: Status;
  group?: GroupInfo;
  /** The evidence that names the vendor (all of it, when none does). */
  evidence: EvidenceNote[];
  ruleRef: RuleRef;
  /** One sentence: why this status. */
  reason: string;
  /** Assumptions and caveats: unrecorded attributes, unverified facts, conflicting evidence. */
  notices: string[];
}

const LEVEL: Record<Status, number> = {
  overdue: 0,
  'banned-new-install': 0,
  'vendor-unknown': 1,
  'needs-data': 1,
  due: 1,
  'approval-required': 1,
  advisory: 2,
};
const THRESHOLD: Record<FailOn, number> = { overdue: 0, due: 1, any: 2 };

/** Statuses of findings the data cannot settle: they count as their `ifCovered`. */
export function isUndecided(s: Status): s is 'vendor-unknown' | 'needs-data' {
  return s === 'vendor-unknown' || s === 'needs-data';
}

/**
 * Whether a finding trips `--fail-on`. A vendor-unknown or needs-data finding counts as what it
 * would be if the missing facts made the rule apply: a gate cannot pass a device it cannot prove
 * compliant.
 */
export function meetsFailOn(f: Finding, failOn: FailOn): boolean {
  const level = isUndecided(f.status) ? LEVEL[f.ifCovered ?? 'due'] : LEVEL[f.status];
  return level <= THRESHOLD[failOn];
}

export function statusRank(s: Status): number {
  return STATUSES.indexOf(s);
}
