// GPON ONU serial numbers (ITU-T G.984.3): a 4-character vendor ID then 8 hex digits, also
// printed as 16 hex digits with the vendor ID as ASCII codes (HWTC = 48575443).
import type { IdentifyContext } from './context.js';
import { finding, type Finding } from './finding.js';
import { WEIGHTS } from './weights.js';

export interface ParsedGponSerial {
  vendorId: string;
  serial: string;
  /** Canonical form: vendor ID + 8 upper-case hex digits. */
  canonical: string;
}

export function parseGponSerial(input: string): ParsedGponSerial | null {
  const s = input.trim().replace(/[-:\s]/g, '');
  let m = /^([A-Za-z]{4})([0-9A-Fa-f]{8})$/.exec(s);
  if (m) {
    const vendorId = m[1]!.toUpperCase();
    const serial = m[2]!.toUpperCase();
    return { vendorId, serial, canonical: vendorId + serial };
  }
  m = /^([0-9A-Fa-f]{8})([0-9A-Fa-f]{8})$/.exec(s);
  if (m) {
    let vendorId = '';
    for (let i = 0; i < 8; i += 2) {
      const c = parseInt(m[1]!.slice(i, i + 2), 16);
      if (c < 0x41 || c > 0x5a) return null;
      vendorId += String.fromCharCode(c);
    }
    const serial = m[2]!.toUpperCase();
    return { vendorId, serial, canonical: vendorId + serial };
  }
  return null;
}

/** Evidence from a serial number; only GPON ONU serials say anything about the vendor. */
export function serialFindings(raw: string, ctx: IdentifyContext): Finding[] {
  const p = parseGponSerial(raw);
  if (p === null) return [];
  const hit = ctx.catalog.gpon.get(p.vendorId);
  if (!hit) return [finding('serial', raw, null, 0, `GPON ONU serial, vendor ID ${p.vendorId} not in the catalog`)];
  const c = hit.verified ? WEIGHTS.gponSerial : WEIGHTS.gponSerialUnverified;
  const note = hit.verified ? '' : ' (prefix not verified in a primary source)';
  return [finding('serial', raw, hit.vendor, c, `GPON ONU serial, vendor ID ${p.vendorId}${note}`)];
}
