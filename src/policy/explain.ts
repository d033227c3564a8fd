// The parts of a finding that explain it: which evidence named the vendor, and the rule's
// instrument, clause, source and how well that source is verified.
import type { Evidence, SourceRef } from '../model/index.js';
import type { PolicyDevice } from './device.js';
import type { EvidenceNote, RuleRef } from './findings.js';
import type { Rule } from './schema.js';

export function sourceText(s: SourceRef): string {
  if (s.file) return s.line !== undefined ? `${s.file}:${s.line}` : s.file;
  return [s.probe, s.address, s.time].filter(Boolean).join(' ') || 'unknown source';
}

function note(e: Evidence): EvidenceNote {
  return {
    kind: e.kind, raw: e.raw, vendor: e.vendor, confidence: e.confidence, valid: e.valid,
    ...(e.detail ? { detail: e.detail } : {}), source: sourceText(e.source),
  };
}

/**
 * The evidence behind the attribution: valid pieces that name the attributed vendor, strongest
 * first, then any that name another vendor (conflicts). With no attribution, everything read,
 * so the user sees why identification failed.
 */
export function evidenceFor(device: PolicyDevice): EvidenceNote[] {
  const ev = device.attribution.evidence;
  if (device.vendor === null) return ev.map(note);
  const naming = ev.filter((e) => e.valid && e.vendor !== null);
  const rank = (e: Evidence) => (e.vendor === device.vendor ? 0 : 1);
  return [...naming].sort((a, b) => rank(a) - rank(b) || b.confidence - a.confidence).map(note);
}

export function conflictNotices(device: PolicyDevice): string[] {
  return device.attribution.conflicts.map((c) => `conflicting evidence: ${c.note}`);
}

export function ruleRef(rule: Rule): RuleRef {
  return {
    id: rule.id, jurisdiction: rule.jurisdiction, title: rule.title, kind: rule.kind, instrument: rule.instrument,
    clause: rule.clause, source: rule.source, verification: rule.verification.level,
    ...(rule.verification.note ? { verificationNote: rule.verification.note } : {}),
  };
}

/** Rules resting on partly or un-verified facts say so on every finding they produce. */
export function verificationNotices(rule: Rule): string[] {
  if (rule.verification.level === 'verified') return [];
  return [`rule is ${rule.verification.level === 'partial' ? 'partly verified' : 'NOT verified'}: ${rule.verification.note ?? 'see the rule'}`];
}

export function vendorList(rule: Rule): string {
  if (rule.vendors === 'any') return 'any vendor';
  if (!Array.isArray(rule.vendors)) return `vendors headquartered outside ${rule.vendors.madeOutside.join(', ')}`;
  return rule.vendors.join('/');
}
