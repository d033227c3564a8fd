// Rules judged one device at a time: prohibitions, removal deadlines, approvals, advisories.
import type { PolicyDevice } from './device.js';
import { conflictNotices, evidenceFor, ruleRef, vendorList, verificationNotices } from './explain.js';
import type { Finding } from './findings.js';
import type { Rule } from './schema.js';
import { matchScope } from './scope.js';
import { deviceTiming } from './timing.js';
import { coverage, type VendorFamilies } from './vendor-family.js';

export function deviceContext(d: PolicyDevice) {
  return {
    name: d.name ?? null, country: d.country ?? null, operator: d.operator ?? null, layer: d.layer ?? null,
    technology: d.technology ?? null, installed: d.installed ?? null,
  };
}

export function evaluateDevice(rule: Rule, d: PolicyDevice, asOf: string, fam: VendorFamilies): Finding | null {
  const scope = matchScope(rule.scope, d);
  if (!scope.inScope) return null;
  const cov = coverage(rule.vendors, rule.affiliates ?? true, d, fam);
  if (cov.kind === 'not-covered') return null;
  const t = deviceTiming(rule, d.installed, asOf);
  if (!t) return null;
  const notices = [...scope.assumptions, ...t.notices, ...conflictNotices(d), ...verificationNotices(rule)];
  const base = {
    device: d.id, rule: rule.id, deadline: t.deadline, daysLeft: t.daysLeft, vendor: d.vendor,
    ...deviceContext(d), evidence: evidenceFor(d), ruleRef: ruleRef(rule),
  };
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
