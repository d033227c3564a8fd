// SNMPv3 snmpEngineID (RFC 3411 SnmpEngineID TC; RFC 1910 12-octet form) → enterprise, format,
// payload. The MAC of a format-3 ID is looked up in the OUI index and preferred over the PEN,
// which can be an OEM's or a software agent's (net-snmp 8072).
import type { IdentifyContext } from './context.js';
import { clip, finding, invalid, type Finding } from './finding.js';
import { macFinding, macFromBits, type ParsedMac } from './mac.js';
import { registryPenFinding } from './oid.js';
import { WEIGHTS } from './weights.js';

const MAX_INPUT = 160;

export type EngineIdFormat = 'ipv4' | 'ipv6' | 'mac' | 'text' | 'octets' | 'enterprise' | 'reserved' | 'rfc1910';

export interface ParsedEngineId {
  hex: string;
  length: number;
  /** true: RFC 3411 layout (first bit set); false: RFC 1910 12-octet AgentID. */
  rfc3411: boolean;
  enterprise: number;
  /** Octet 5 of an RFC 3411 ID, null for RFC 1910. */
  formatByte: number | null;
  format: EngineIdFormat;
  ipv4?: string;
  ipv6?: string;
  mac?: ParsedMac;
  /** Cisco's format 3 carries a leading agent (0) / manager (1) flag before the MAC. */
  ciscoFlag?: number;
  text?: string;
  /** net-snmp format 128: 4 random octets then the creation time in epoch seconds. */
  netSnmpCreated?: string;
  payloadHex: string;
}

export type EngineIdParse = { ok: true; value: ParsedEngineId } | { ok: false; error: string; enterprise?: number };

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

/** Hex text (optional 0x, optional ':', '.', '-' or space between octets) → bytes, or why not. */
function toBytes(input: string): Uint8Array | string {
  const s = input.trim();
  if (s.length > MAX_INPUT) return `longer than ${MAX_INPUT} characters`;
  const start = s.length > 1 && s.charCodeAt(0) === 48 && (s.charCodeAt(1) | 0x20) === 120 ? 2 : 0;
  const buf = new Uint8Array(Math.ceil((s.length - start) / 2));
  let n = 0;
  let half = -1;
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const d = hexVal(c);
    if (d < 0) {
      if (c === 58 || c === 46 || c === 45 || c === 32 || c === 9) continue;
      return 'not hexadecimal';
    }
    if (half < 0) half = d;
    else {
      buf[n++] = (half << 4) | d;
      half = -1;
    }
  }
  if (half >= 0) return 'odd number of hex digits';
  if (n === 0) return 'empty';
  return buf.subarray(0, n);
}

const HEX_DIGITS = '0123456789abcdef';

function hex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += HEX_DIGITS[b[i]! >>> 4]! + HEX_DIGITS[b[i]! & 15]!;
  return s;
}

function allEqual(b: Uint8Array, v: number): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== v) return false;
  return true;
}

function ipv6(b: Uint8Array): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((b[i]! << 8) | b[i + 1]!).toString(16));
  return groups.join(':');
}

function printable(b: Uint8Array): string | null {
  let s = '';
  for (const x of b) {
    if (x < 0x20 || x > 0x7e) return null;
    s += String.fromCharCode(x);
  }
  return s;
}

/** Parses an engine ID given as 0x-prefixed hex, colon-separated octets or bare hex. */
export function parseEngineId(input: string): EngineIdParse {
  const b = toBytes(input);
  if (typeof b === 'string') return { ok: false, error: `engine ID ${b}` };
  const n = b.length;
  if (n < 5) return { ok: false, error: `engine ID too short: ${n} octets (RFC 3411 allows 5..32)` };
  if (n > 32) return { ok: false, error: `engine ID too long: ${n} octets (RFC 3411 allows 5..32)` };
  if (allEqual(b, 0)) return { ok: false, error: 'engine ID is all zeros (not allowed by RFC 3411)' };
  if (allEqual(b, 0xff)) return { ok: false, error: 'engine ID is all ff (not allowed by RFC 3411)' };
  const rfc3411 = (b[0]! & 0x80) !== 0;
  const enterprise = (((b[0]! & 0x7f) << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  const full = hex(b);
  if (!rfc3411) {
    if (n !== 12) return { ok: false, enterprise, error: `RFC 1910 engine ID (first bit clear) must be 12 octets, got ${n}` };
    return { ok: true, value: { hex: full, length: n, enterprise, rfc3411, formatByte: null, format: 'rfc1910', payloadHex: full.slice(8) } };
  }
  const fmt = b[4]!;
  const payload = b.subarray(5);
  const v: ParsedEngineId = { hex: full, length: n, enterprise, rfc3411, formatByte: fmt, format: 'reserved', payloadHex: full.slice(10) };
  const bad = (what: string): EngineIdParse => ({ ok: false, enterprise, error: `engine ID format ${fmt} (${what}) with ${payload.length} payload octets` });
  switch (fmt) {
    case 1:
      if (payload.length !== 4) return bad('IPv4 needs 4');
      v.format = 'ipv4';
      v.ipv4 = `${payload[0]}.${payload[1]}.${payload[2]}.${payload[3]}`;
      break;
    case 2:
      if (payload.length !== 16) return bad('IPv6 needs 16');
      v.format = 'ipv6';
      v.ipv6 = ipv6(payload);
      break;
    case 3: {
      let macBytes = payload;
      if (payload.length === 7 && enterprise === 9 && payload[0]! <= 1) {
        v.ciscoFlag = payload[0]!;
        macBytes = payload.subarray(1);
      } else if (payload.length !== 6) return bad('MAC needs 6, or 7 for Cisco');
      const mac = macFromBits((macBytes[0]! << 16) | (macBytes[1]! << 8) | macBytes[2]!, (macBytes[3]! << 16) | (macBytes[4]! << 8) | macBytes[5]!);
      v.format = 'mac';
      v.mac = mac;
      break;
    }
    case 4: {
      if (payload.length > 27) return bad('text allows at most 27');
      v.format = 'text';
      const t = printable(payload);
      if (t !== null) v.text = t;
      break;
    }
    case 5:
      if (payload.length > 27) return bad('octets allow at most 27');
      v.format = 'octets';
      break;
    default:
      if (fmt >= 128) {
        if (payload.length > 27) return bad('enterprise-specific allows at most 27');
        v.format = 'enterprise';
        if ((enterprise === 8072 || enterprise === 2021) && fmt === 128 && (payload.length === 8 || payload.length === 12)) {
          // 4 random octets, then time_t (4 octets on old agents, 8 on 64-bit builds), big-endian.
          let secs = 0;
          for (const x of payload.subarray(4)) secs = secs * 256 + x;
          const d = new Date(secs * 1000);
          if (!Number.isNaN(d.getTime()) && secs > 0) v.netSnmpCreated = d.toISOString();
        }
      }
      // 0 and 6..127 are reserved: keep the enterprise, nothing more can be read.
      break;
  }
  return { ok: true, value: v };
}

export function engineIdFindings(raw: string, ctx: IdentifyContext): Finding[] {
  const r = parseEngineId(raw);
  if (!r.ok) return [invalid('engineid', clip(raw), r.error)];
  const e = r.value;
  const out: Finding[] = [];
  const meaning = ctx.catalog.pens.get(e.enterprise);
  const layout = e.rfc3411 ? `format ${e.formatByte} (${e.format})` : 'RFC 1910 layout';
  if (meaning === undefined) {
    out.push(registryPenFinding('engineid', raw, e.enterprise, WEIGHTS.engineIdPen, ctx, `; ${layout}`));
  } else if (meaning.kind === 'non-vendor') {
    const when = e.netSnmpCreated ? `; engine ID created ${e.netSnmpCreated}` : '';
    out.push(finding('engineid', raw, null, 0, `enterprise ${e.enterprise} (${meaning.entry.registrant}): ${meaning.entry.detail}; ${layout}${when}`));
  } else {
    const c = Math.min(WEIGHTS.engineIdPen, meaning.pen.confidence ?? 1);
    out.push(finding('engineid', raw, meaning.vendor, c, `enterprise ${e.enterprise} (${meaning.pen.registrant}); ${layout}`));
  }
  if (e.mac) {
    const mf = macFinding(e.mac, raw, ctx, 'engineid', WEIGHTS.engineIdMac, `MAC ${e.mac.mac} inside the engine ID: `);
    const penVendor = out[0]!.vendor;
    if (mf.vendor !== null && penVendor !== null && mf.vendor !== penVendor) {
      const preferred = mf.confidence > out[0]!.confidence ? ': the MAC is preferred' : '';
      mf.detail += `; disagrees with enterprise ${e.enterprise} (${penVendor})${preferred}`;
    }
    out.push(mf);
  }
  return out;
}
