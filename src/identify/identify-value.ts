// `cleanpath identify VALUE`: guess what kind of identifier a single value is, parse it, attribute
// it, and return plain JSON-serialisable data (plus a human text rendering).
import type { Attribution, Evidence } from '../model/index.js';
import { makerLabel, type MakerLabel } from '../vendors/index.js';
import { combineEvidence } from './combine.js';
import type { IdentifyContext } from './context.js';
import { engineIdFindings, parseEngineId } from './engine-id.js';
import type { Finding } from './finding.js';
import { imeiFindings, parseImei } from './imei.js';
import { macDetails, macFindings, parseMac } from './mac.js';
import { oidFindings, parseOid, registryOrganisation } from './oid.js';
import { parseGponSerial, serialFindings } from './serial.js';
import { matchCompanyName, textFindings } from './text.js';

export type ValueKind = 'mac' | 'oid' | 'engine-id' | 'imei' | 'imeisv' | 'gpon-serial' | 'text';

export type DetailValue = string | number | boolean | null;

export interface IdentifyResult {
  input: string;
  kind: ValueKind;
  /** Parsed fields; absent ones are omitted. */
  details: Record<string, DetailValue>;
  attribution: Attribution;
  /** Who the attributed slug is: catalog vendor, or a maker outside the catalog with its registered name. */
  maker: MakerLabel | null;
}

const KIND_LABEL: Record<ValueKind, string> = {
  mac: 'MAC address',
  oid: 'SNMP sysObjectID',
  'engine-id': 'SNMPv3 engine ID',
  imei: 'IMEI',
  imeisv: 'IMEISV',
  'gpon-serial': 'GPON ONU serial',
  text: 'text',
};

function attribution(found: readonly Finding[]): Attribution {
  const ev: Evidence[] = found.map((f) => ({ ...f, source: { probe: 'identify' } }));
  return combineEvidence(ev);
}

/** Who an enterprise number is registered to: the catalog's record, else the IANA registry's. */
function registrantOf(enterprise: number, ctx: IdentifyContext): string | undefined {
  const pen = ctx.catalog.pens.get(enterprise);
  if (pen !== undefined) return pen.kind === 'vendor' ? pen.pen.registrant : pen.entry.registrant;
  return registryOrganisation(enterprise);
}

function clean(d: Record<string, DetailValue | undefined>): Record<string, DetailValue> {
  const out: Record<string, DetailValue> = {};
  for (const [k, v] of Object.entries(d)) if (v !== undefined) out[k] = v;
  return out;
}

function looksLikeOid(s: string): boolean {
  return /^(?:\.?\d+\.\d|iso[.:]|SNMPv2-SMI::|enterprises\.)/.test(s) && !/^[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}$/.test(s);
}

function looksLikeHexBlob(s: string): boolean {
  return /^(?:0x)?[0-9a-fA-F]{2}(?:[:\s]?[0-9a-fA-F]{2})+$/i.test(s);
}

export function identifyValue(value: string, ctx: IdentifyContext): IdentifyResult {
  const r = identifyParsed(value, ctx);
  return { ...r, maker: makerLabel(r.attribution.vendor, r.attribution.evidence) };
}

type Parsed = Omit<IdentifyResult, 'maker'>;

/** Tries the kinds from the most to the least specific shape: MAC, IMEI, OID, GPON serial, engine ID, text. */
function identifyParsed(value: string, ctx: IdentifyContext): Parsed {
  const input = value.length > 4096 ? value.slice(0, 4096) : value;
  const s = input.trim();

  const mac = parseMac(s);
  if (mac) {
    const d = macDetails(mac, ctx);
    return { input, kind: 'mac', details: clean({ ...d }), attribution: attribution(macFindings(s, ctx)) };
  }

  const digits = s.replace(/[\s./-]/g, '');
  if (/^\d{14,16}$/.test(digits) && !s.includes('.')) return identifyImei(input, s, digits, ctx);
  if (looksLikeOid(s)) return identifyOid(input, s, ctx);

  const gpon = parseGponSerial(s);
  if (gpon) {
    return {
      input,
      kind: 'gpon-serial',
      details: { vendorId: gpon.vendorId, serial: gpon.serial, canonical: gpon.canonical },
      attribution: attribution(serialFindings(s, ctx)),
    };
  }

  if (looksLikeHexBlob(s)) return identifyEngineId(input, s, ctx);
  return identifyText(input, s, ctx);
}

function identifyImei(input: string, s: string, digits: string, ctx: IdentifyContext): Parsed {
  const r = parseImei(s);
  const kind: ValueKind = digits.length === 16 ? 'imeisv' : 'imei';
  const found = imeiFindings(s, ctx);
  if (!r.ok) return { input, kind, details: { valid: false, problem: r.error, tac: digits.slice(0, 8) }, attribution: attribution(found) };
  const hit = ctx.tac?.lookup(r.value.tac);
  return {
    input,
    kind,
    details: clean({
      valid: true,
      tac: r.value.tac,
      snr: r.value.snr,
      checkDigit: r.value.checkDigit,
      checkDigitGiven: r.value.kind === 'imei' ? true : r.value.kind === 'imei-no-check' ? false : undefined,
      svn: r.value.svn,
      tacBrand: hit?.brand,
      tacModel: hit?.model || undefined,
      tacTable: ctx.tac ? ctx.tac.file : null,
    }),
    attribution: attribution(found),
  };
}

function identifyOid(input: string, s: string, ctx: IdentifyContext): Parsed {
  const r = parseOid(s);
  const found = oidFindings(s, ctx);
  if (!r.ok) return { input, kind: 'oid', details: { valid: false, problem: r.error }, attribution: attribution(found) };
  const registrant = r.value.enterprise === null ? undefined : registrantOf(r.value.enterprise, ctx);
  return {
    input,
    kind: 'oid',
    details: clean({ valid: true, oid: r.value.oid, enterprise: r.value.enterprise, registrant }),
    attribution: attribution(found),
  };
}

function identifyEngineId(input: string, s: string, ctx: IdentifyContext): Parsed {
  const r = parseEngineId(s);
  const found = engineIdFindings(s, ctx);
  if (!r.ok) {
    return { input, kind: 'engine-id', details: clean({ valid: false, problem: r.error, enterprise: r.enterprise }), attribution: attribution(found) };
  }
  const e = r.value;
  const m = e.mac ? macDetails(e.mac, ctx) : undefined;
  return {
    input,
    kind: 'engine-id',
    details: clean({
      valid: true,
      hex: e.hex,
      octets: e.length,
      layout: e.rfc3411 ? 'RFC 3411' : 'RFC 1910',
      enterprise: e.enterprise,
      registrant: registrantOf(e.enterprise, ctx),
      formatByte: e.formatByte,
      format: e.format,
      ipv4: e.ipv4,
      ipv6: e.ipv6,
      mac: m?.mac,
      ciscoFlag: e.ciscoFlag,
      macPrefix: m?.prefix ?? undefined,
      macBlock: m?.block ?? undefined,
      macRegistryOrg: m ? m.registryOrg : undefined,
      macLocal: m?.local,
      macMulticast: m?.multicast,
      text: e.text,
      netSnmpCreated: e.netSnmpCreated,
      payloadHex: e.payloadHex,
    }),
    attribution: attribution(found),
  };
}

function identifyText(input: string, s: string, ctx: IdentifyContext): Parsed {
  const name = matchCompanyName(s, ctx);
  // A whole company name is 'name' evidence; anything else is read as a banner or a sysDescr.
  const evKind = name ? 'name' : /^(?:SSH-|HTTP\/|Server:)/i.test(s) ? 'banner' : 'sysdescr';
  return {
    input,
    kind: 'text',
    details: clean({ normalisedName: name?.normalised, matchedName: name?.name, matchedVia: name?.via }),
    attribution: attribution(textFindings(evKind, s, ctx)),
  };
}

/** Human-readable rendering for the CLI. */
export function formatIdentifyResult(r: IdentifyResult): string {
  const a = r.attribution;
  const lines: string[] = [];
  const shown = r.input.length > 120 ? `${r.input.slice(0, 117)}...` : r.input;
  lines.push(`${shown}  (${KIND_LABEL[r.kind]})`);
  const outside = r.maker && !r.maker.inCatalog ? ` (not in catalog: ${r.maker.name})` : '';
  lines.push(`  vendor: ${a.vendor ?? 'unknown'}${outside}${a.vendor ? `  (confidence ${a.confidence.toFixed(2)})` : ''}`);
  const keys = Object.keys(r.details);
  const width = Math.max(0, ...keys.map((k) => k.length));
  for (const k of keys) lines.push(`  ${k.padEnd(width)}  ${String(r.details[k])}`);
  if (a.evidence.length > 0) {
    lines.push('  evidence:');
    a.evidence.forEach((e, i) => {
      const who = e.vendor ? `${e.vendor} ${e.confidence.toFixed(2)}` : 'no vendor';
      const bad = e.valid ? '' : ' [INVALID]';
      lines.push(`    [${i}] ${e.kind}: ${who}${bad}${e.detail ? ` — ${e.detail}` : ''}`);
    });
  }
  if (a.conflicts.length > 0) {
    lines.push('  conflicts:');
    for (const c of a.conflicts) lines.push(`    ${c.vendors.join(' vs ')}: ${c.note} (evidence ${c.evidence.join(', ')})`);
  }
  return lines.join('\n');
}
