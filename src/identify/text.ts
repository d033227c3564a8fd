// Free text: company names (exact after normalising case, punctuation and legal suffixes) and the
// catalog's sysDescr / SSH / HTTP patterns. Input is bounded before any regex sees it.
import type { EvidenceKind } from '../model/index.js';
import { normaliseCompanyName } from '../vendors/index.js';
import type { IdentifyContext } from './context.js';
import { findBrandWords } from './brand-words.js';
import { clip, finding, invalid, type Finding } from './finding.js';
import { declaredMaker } from './maker.js';
import { matchPatterns, MAX_TEXT } from './patterns.js';
import { WEIGHTS } from './weights.js';

export interface NameMatch {
  vendor: string;
  name: string;
  via: string;
  normalised: string;
}

/** The vendor whose legal name, alias or current subsidiary is exactly this name, if any. */
export function matchCompanyName(text: string, ctx: IdentifyContext): NameMatch | null {
  if (text.length > 512) return null;
  const key = normaliseCompanyName(text);
  const hit = ctx.names.get(key);
  if (!hit) return null;
  const via = hit.via === 'affiliate' ? `${hit.relation ?? 'affiliate'} "${hit.name}"` : `${hit.via} "${hit.name}"`;
  return { vendor: hit.vendor, name: hit.name, via, normalised: key };
}

function nameFinding(kind: EvidenceKind, raw: string, m: NameMatch, base: number): Finding {
  const c = m.via.startsWith('joint-venture') || m.via.startsWith('predecessor') ? Math.min(base, WEIGHTS.companyNameAffiliate) : base;
  return finding(kind, clip(raw), m.vendor, c, `company name matches ${m.vendor} ${m.via}`);
}

/** A declared vendor column: a company name, else a pattern (someone pasted a sysDescr). */
export function declaredFindings(raw: string, ctx: IdentifyContext): Finding[] {
  const m = matchCompanyName(raw, ctx);
  if (m) return [nameFinding('declared', raw, m, WEIGHTS.declared)];
  const hits = patternFindings('declared', raw, ctx, WEIGHTS.declared);
  if (hits.length > 0) return hits;
  const shown = clip(raw).slice(0, 80);
  const d = declaredMaker(raw, ctx);
  if (d.kind === 'junk') return [finding('declared', clip(raw), null, 0, `"${shown}" names no maker`)];
  if (d.kind === 'typo') {
    return [invalid('declared', clip(raw), `"${shown}" is not a catalog vendor but close to ${d.suggestion}: fix the spelling (cleanpath vendors lists the catalog)`)];
  }
  const c = d.maker.inCatalog ? Math.min(WEIGHTS.declared, WEIGHTS.registryName) : WEIGHTS.declared;
  return [finding('declared', clip(raw), d.maker.vendor, c, `declared ${d.maker.phrase}`)];
}

function patternFindings(kind: EvidenceKind, raw: string, ctx: IdentifyContext, cap = 1): Finding[] {
  return matchPatterns(raw, ctx.patterns).map((h) =>
    finding(kind, clip(raw), h.vendor, Math.min(cap, h.confidence), `matches ${h.label} pattern: "${h.match}"`),
  );
}

/**
 * sysDescr, LLDP system description, SSH/HTTP/telnet banners. Nothing matched is still evidence
 * (vendor null) so the user sees the value was read.
 */
export function textFindings(kind: EvidenceKind, raw: string, ctx: IdentifyContext): Finding[] {
  const m = raw.length <= 512 ? matchCompanyName(raw, ctx) : null;
  if (m) return [nameFinding(kind, raw, m, WEIGHTS.companyName)];
  const hits = patternFindings(kind, raw, ctx);
  if (hits.length > 0) return hits;
  const brands = findBrandWords(raw, ctx.brandWords);
  if (brands.length > 0) {
    return brands.map((b) => finding(kind, clip(raw), b.vendor, WEIGHTS.brandWord, `no pattern matched; the brand "${b.word}" appears as a word`));
  }
  const cut = raw.length > MAX_TEXT ? ` (first ${MAX_TEXT} characters examined)` : '';
  return [finding(kind, clip(raw), null, 0, `no vendor pattern matched${cut}`)];
}
