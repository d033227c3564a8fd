// Rules judged one device at a time: prohibitions, removal deadlines, approvals, advisories.
// At most one finding per (device, rule). When the rule's applicability rests on a field the
// device lacks, that one finding is `needs-data`; an unknown vendor on top of it is one more
// missing field of the same finding, not a second finding.
import type { PolicyDevice } from './device.js';
import { conflictNotices, evidenceFor, ruleRef, vendorList, verificationNotices } from './explain.js';
import type { Finding } from './findings.js';
import type { Rule } from './schema.js';
import { isRealDate } from './dates.js';
import { describeMissing, deviceAttribute, matchScope, missingNames, type MissingField } from './scope.js';
import { deviceTiming, type DeviceDates, type Timing } from './timing.js';
import { gateUnverified } from './unverified.js';
import { coverage, type Coverage, type VendorFamilies } from './vendor-family.js';

export function deviceContext(d: PolicyDevice) {
  const purchased = purchasedDate(d);
  return {
    name: d.name ?? null, country: d.country ?? null, operator: d.operator ?? null, layer: d.layer ?? null,
    technology: d.technology ?? null, installed: d.installed ?? null, ...(purchased ? { purchased } : {}),
  };
}

/** The `purchased` column as a date; a value that is not one is treated as not recorded (and said so). */
function purchasedDate(d: PolicyDevice): string | undefined {
  const raw = deviceAttribute(d, 'purchased')?.trim();
  return raw && isRealDate(raw) ? raw : undefined;
}

function deviceDates(d: PolicyDevice): { dates: DeviceDates; notices: string[] } {
  const raw = deviceAttribute(d, 'purchased')?.trim();
  const purchased = purchasedDate(d);
  const notices = raw && !purchased ? [`purchased "${raw}" is not a date as YYYY-MM-DD: read as not recorded`] : [];
  return { dates: { ...(d.installed ? { installed: d.installed } : {}), ...(purchased ? { purchased } : {}) }, notices };
}

export interface JudgeOptions {
  /** Read blank classification fields and installed dates as putting the device under the rule. */
  assumeInScope?: boolean;
  /** Apply unverified rules' dates as deadlines (otherwise their findings are advisory). */
  includeUnverified?: boolean;
}

type Base = Omit<Finding, 'status' | 'coveredAs' | 'reason' | 'notices'>;

/** The one finding for a device the data cannot place: no deadline, what to fill in, and what it would be. */
function needsData(rule: Rule, base: Base, cov: Coverage, t: Timing, missing: MissingField[], notices: string[]): Finding {
  const all: MissingField[] = cov.kind === 'unknown' ? [{ field: 'vendor', wanted: [vendorList(rule)] }, ...missing] : missing;
  const vendorWhy = cov.kind === 'unknown' ? ` (vendor: ${cov.why})` : '';
  return {
    ...base, deadline: null, daysLeft: null, status: 'needs-data', ifCovered: t.status, missing: missingNames(all),
    coveredAs: cov.kind === 'covered' ? cov.vendor : null, ...(cov.kind === 'covered' && cov.via ? { via: cov.via } : {}),
    reason: `needs ${describeMissing(all)} to be judged under ${rule.id}${vendorWhy}; if so, ${t.status}: ${t.reason}`,
    notices,
  };
}

export function evaluateDevice(rule: Rule, d: PolicyDevice, asOf: string, fam: VendorFamilies, opts: JudgeOptions = {}): Finding | null {
  const assume = opts.assumeInScope ?? false;
  const scope = matchScope(rule.scope, d, assume);
  if (scope.kind === 'out') return null;
  const cov = coverage(rule.vendors, rule.affiliates ?? true, d, fam);
  if (cov.kind === 'not-covered') return null;
  const { dates, notices: dateNotices } = deviceDates(d);
  const timed = deviceTiming(rule, dates, asOf, assume);
  if (!timed) return null;
  const t = gateUnverified(rule, timed, opts.includeUnverified ?? false);
  const notices = [...scope.assumptions, ...dateNotices, ...t.notices, ...conflictNotices(d), ...verificationNotices(rule)];
  const base: Base = {
    device: d.id, rule: rule.id, deadline: t.deadline, daysLeft: t.daysLeft, vendor: d.vendor,
    ...deviceContext(d), ...(t.ifVerified ? { ifVerified: t.ifVerified } : {}), evidence: evidenceFor(d), ruleRef: ruleRef(rule),
  };
  const missing = [...(scope.kind === 'needs-data' ? scope.missing : []), ...(t.needs ? [t.needs] : [])];
  if (missing.length) return needsData(rule, base, cov, t, missing, notices);
  if (cov.kind === 'unknown') {
    return {
      ...base, status: 'vendor-unknown', ifCovered: t.status, coveredAs: null,
      reason: `vendor unknown (${cov.why}); if it is ${vendorList(rule)} it is ${t.status}: ${t.reason}`,
      notices,
    };
  }
  if (cov.via) notices.unshift(`counted as ${cov.vendor}: ${cov.via}`);
  return { ...base, status: t.status, coveredAs: cov.vendor, ...(cov.via ? { via: cov.via } : {}), reason: t.reason, notices };
}
