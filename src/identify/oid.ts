// sysObjectID → IANA enterprise number → vendor, with the catalog's known traps (legacy H3C under
// Huawei's 2011 tree, Dahua's non-IANA number, numbers that name software or squatters).
import type { EvidenceKind } from '../model/index.js';
import { getPenRegistry } from '../vendors/index.js';
import type { IdentifyContext } from './context.js';
import { clip, finding, invalid, type Finding } from './finding.js';
import { registryMaker } from './maker.js';
import { WEIGHTS } from './weights.js';

/** The IANA registry's organisation for a number the catalog does not list, or undefined. */
export function registryOrganisation(enterprise: number): string | undefined {
  // 0 is IANA's "Reserved": a zeroed or placeholder value, not an enterprise.
  return enterprise === 0 ? undefined : getPenRegistry().organisation(enterprise);
}

/**
 * Evidence from an enterprise number the catalog does not list: the maker IANA registered it to
 * (suffix is appended to the detail, e.g. the engine ID layout).
 */
export function registryPenFinding(kind: EvidenceKind, raw: string, enterprise: number, confidence: number, ctx: IdentifyContext, suffix = ''): Finding {
  const org = registryOrganisation(enterprise);
  if (org === undefined) {
    const r = getPenRegistry().source;
    return finding(kind, raw, null, 0, `enterprise ${enterprise} is not in the IANA registry (as of ${r.registryLastUpdated})${suffix}`);
  }
  const who = registryMaker(org, ctx);
  const c = who.inCatalog ? Math.min(confidence, WEIGHTS.registryName) : confidence;
  return finding(kind, raw, who.vendor, c, `enterprise ${enterprise} (IANA: ${org}); ${who.phrase}${suffix}`);
}

const ENTERPRISES = '1.3.6.1.4.1';
const MAX_OID_CHARS = 512;

// Symbolic spellings tools print for the enterprises arc, longest first.
const SYMBOLIC: readonly [string, string][] = [
  ['iso.org.dod.internet.private.enterprises', ENTERPRISES],
  ['SNMPv2-SMI::enterprises', ENTERPRISES],
  ['enterprises', ENTERPRISES],
];

export interface ParsedOid {
  /** Dotted numeric form without a leading dot. */
  oid: string;
  /** Arc after 1.3.6.1.4.1, or null when the OID is not under enterprises. */
  enterprise: number | null;
}

export type OidParse = { ok: true; value: ParsedOid } | { ok: false; error: string };

export function parseOid(input: string): OidParse {
  let s = input.trim();
  if (s.length === 0) return { ok: false, error: 'empty OID' };
  if (s.length > MAX_OID_CHARS) return { ok: false, error: `OID longer than ${MAX_OID_CHARS} characters` };
  if (s.startsWith('.')) s = s.slice(1);
  for (const [name, num] of SYMBOLIC) {
    if (s === name || s.startsWith(`${name}.`)) {
      s = num + s.slice(name.length);
      break;
    }
  }
  if (s === 'iso' || s.startsWith('iso.')) s = `1${s.slice(3)}`;
  if (!/^\d+(?:\.\d+)+$/.test(s)) return { ok: false, error: 'not an OID (expected dotted numbers such as 1.3.6.1.4.1.2011.2.23)' };
  const arcs = s.split('.');
  if (arcs.some((a) => a.length > 10 || Number(a) > 0xffffffff)) return { ok: false, error: 'OID arc larger than 2^32-1' };
  const under = s.startsWith(`${ENTERPRISES}.`);
  return { ok: true, value: { oid: s, enterprise: under ? Number(arcs[6]) : null } };
}

export function oidFindings(raw: string, ctx: IdentifyContext): Finding[] {
  const r = parseOid(raw);
  if (!r.ok) return [invalid('sysobjectid', clip(raw), r.error)];
  const { oid, enterprise } = r.value;
  if (oid === '0.0') return [finding('sysobjectid', raw, null, 0, 'zeroDotZero: the agent reports no object identifier')];
  if (enterprise === null) return [finding('sysobjectid', raw, null, 0, `${oid} is not under enterprises (${ENTERPRISES})`)];
  for (const rule of ctx.oidRules) {
    if (oid === rule.prefix || oid.startsWith(`${rule.prefix}.`)) {
      return [finding('sysobjectid', raw, rule.vendor, rule.confidence, `enterprise ${enterprise}: ${rule.detail}`)];
    }
  }
  const meaning = ctx.catalog.pens.get(enterprise);
  if (meaning === undefined) return [registryPenFinding('sysobjectid', raw, enterprise, WEIGHTS.registryPen, ctx)];
  if (meaning.kind === 'non-vendor') {
    return [finding('sysobjectid', raw, null, 0, `enterprise ${enterprise} (${meaning.entry.registrant}): ${meaning.entry.detail}`)];
  }
  const pen = meaning.pen;
  const note = pen.iana ? `enterprise ${enterprise} (${pen.registrant})` : `enterprise ${enterprise}: not an IANA assignment; ${pen.note ?? `used by ${meaning.vendor}`}`;
  return [finding('sysobjectid', raw, meaning.vendor, pen.confidence ?? WEIGHTS.sysObjectId, note)];
}
