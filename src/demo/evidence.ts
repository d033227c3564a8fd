// Builders for raw identifiers: MACs in the notations real inventories use, SNMPv3 engine IDs in
// the layouts vendors really emit (RFC 3411 and the older RFC 1910 form), Luhn-checked IMEIs and
// GPON serials. The identifier parsers must read these back, so the formats follow the standards.

import type { Rng } from './prng.js';
import { OUI_BLOCKS, PEN, type DemoVendor } from './vendors.js';

export type MacStyle = 'colon' | 'dash' | 'dotted' | 'bare';

/** Formats 12 hex digits in one of the common notations. */
export function formatMac(hex12: string, style: MacStyle): string {
  const h = hex12.toUpperCase();
  const pairs = h.match(/../g) ?? [];
  switch (style) {
    case 'colon': return pairs.join(':').toLowerCase();
    case 'dash': return pairs.join('-');
    case 'dotted': return `${h.slice(0, 4)}.${h.slice(4, 8)}.${h.slice(8, 12)}`.toLowerCase();
    case 'bare': return h;
  }
}

/** Hands out MACs from a vendor's real OUI blocks, never the same one twice. */
export class MacPool {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  next(vendor: DemoVendor): string {
    return this.fromPrefixes(OUI_BLOCKS[vendor].prefixes);
  }

  fromPrefixes(prefixes: readonly string[]): string {
    for (;;) {
      const mac = this.rng.pick(prefixes) + this.rng.hex(3);
      if (!this.used.has(mac)) {
        this.used.add(mac);
        return mac;
      }
    }
  }
}

const penHex = (pen: number, highBit: boolean): string =>
  ((highBit ? 0x80000000 : 0) + pen).toString(16).toUpperCase().padStart(8, '0');

/** RFC 3411 format 3: enterprise with the high bit set, 03, then the 6-byte MAC. */
export function engineIdMac(pen: number, mac12: string): string {
  return `${penHex(pen, true)}03${mac12.toUpperCase()}`;
}

/**
 * The engine ID each vendor's agent builds by default, as far as public material shows:
 * Cisco puts a one-byte flag before the MAC (Wireshark's dissector special case); Juniper
 * defaults to its IPv4 address (format 1); Nokia SR OS uses the 12-byte RFC 1910 layout
 * (assumed here; see docs/demo.md); the others use format 3 with the MAC.
 */
export function vendorEngineId(vendor: DemoVendor, mac12: string, ipv4: readonly number[]): string | undefined {
  switch (vendor) {
    case 'cisco': return `${penHex(PEN.cisco, true)}0300${mac12.toUpperCase()}`;
    case 'juniper': return `${penHex(PEN.juniper, true)}01${ipv4.map((o) => o.toString(16).padStart(2, '0')).join('').toUpperCase()}`;
    case 'nokia': return `${penHex(PEN.nokia, false)}0000${mac12.toUpperCase()}`;
    case 'hikvision': return undefined;
    default: return engineIdMac(PEN[vendor], mac12);
  }
}

/** net-snmp's default: PEN 8072, format 0x80, 4 random bytes, then 8 bytes of boot time. */
export function netSnmpEngineId(rng: Rng, epochSeconds: number): string {
  return `80001F8880${rng.hex(4)}${BigInt(epochSeconds).toString(16).toUpperCase().padStart(16, '0')}`;
}

/** Luhn check digit over the 14-digit TAC+SNR (3GPP TS 23.003 Annex B). */
export function luhnCheckDigit(digits14: string): number {
  let sum = 0;
  for (let i = 0; i < digits14.length; i++) {
    // Counting from the right, D1 is the rightmost of the 14 and the odd-labelled digits double.
    const d = Number(digits14[digits14.length - 1 - i]);
    const v = i % 2 === 0 ? d * 2 : d;
    sum += v > 9 ? v - 9 : v;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidImei(imei: string): boolean {
  return /^\d{15}$/.test(imei) && luhnCheckDigit(imei.slice(0, 14)) === Number(imei[14]);
}

export function makeImei(rng: Rng, tac: string): string {
  let snr = '';
  for (let i = 0; i < 6; i++) snr += String(rng.int(0, 9));
  const body = tac + snr;
  return body + String(luhnCheckDigit(body));
}

/** GPON ONU serial: 4-letter vendor ID then 8 hex digits (e.g. HWTC for Huawei, ZTEG for ZTE). */
export function gponSerial(rng: Rng, vendorId: string): string {
  return vendorId + rng.hex(4);
}
