// IMEI / IMEISV (3GPP TS 23.003 Annex B): TAC (8) + SNR (6) + check digit (IMEI) or SVN (IMEISV).
import type { IdentifyContext } from './context.js';
import { clip, finding, invalid, type Finding } from './finding.js';
import { WEIGHTS } from './weights.js';

export interface ParsedImei {
  kind: 'imei' | 'imeisv' | 'imei-no-check';
  digits: string;
  tac: string;
  snr: string;
  /** IMEI: the check digit given; 14-digit input: the computed one. */
  checkDigit?: number;
  svn?: string;
}

export type ImeiParse = { ok: true; value: ParsedImei } | { ok: false; error: string };

/**
 * Luhn check digit over 14 digits: double every second digit from the right (D1, D3, ... with D1
 * rightmost), add the digits of the products to the others, CD = (10 − sum mod 10) mod 10.
 */
export function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = body.length - 1, pos = 1; i >= 0; i--, pos++) {
    let d = body.charCodeAt(i) - 48;
    if (pos % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function parseImei(input: string): ImeiParse {
  const t = input.trim();
  if (t.length > 40) return { ok: false, error: 'too long for an IMEI' };
  const digits = t.replace(/[\s./-]/g, '');
  if (!/^\d+$/.test(digits)) return { ok: false, error: 'an IMEI has only digits' };
  const tac = digits.slice(0, 8);
  const snr = digits.slice(8, 14);
  switch (digits.length) {
    case 15: {
      const want = luhnCheckDigit(digits.slice(0, 14));
      const got = digits.charCodeAt(14) - 48;
      if (want !== got) return { ok: false, error: `IMEI check digit ${got} does not match the Luhn digit ${want}` };
      return { ok: true, value: { kind: 'imei', digits, tac, snr, checkDigit: got } };
    }
    case 16:
      return { ok: true, value: { kind: 'imeisv', digits, tac, snr, svn: digits.slice(14) } };
    case 14:
      return { ok: true, value: { kind: 'imei-no-check', digits, tac, snr, checkDigit: luhnCheckDigit(digits) } };
    default:
      return { ok: false, error: `${digits.length} digits: an IMEI has 15 (14 without its check digit), an IMEISV 16` };
  }
}

export function imeiFindings(raw: string, ctx: IdentifyContext): Finding[] {
  const r = parseImei(raw);
  if (!r.ok) return [invalid('tac', clip(raw), r.error)];
  const { tac } = r.value;
  if (ctx.tac === null) return [finding('tac', raw, null, 0, `TAC ${tac}: no TAC table loaded`)];
  const hit = ctx.tac.lookup(tac);
  if (hit === undefined) return [finding('tac', raw, null, 0, `TAC ${tac} not in the TAC table`)];
  const model = hit.model ? ` ${hit.model}` : '';
  if (hit.vendor === null) return [finding('tac', raw, null, 0, `TAC ${tac}: ${hit.brand}${model} (not a catalog vendor)`)];
  return [finding('tac', raw, hit.vendor, WEIGHTS.tac, `TAC ${tac}: ${hit.brand}${model}`)];
}
