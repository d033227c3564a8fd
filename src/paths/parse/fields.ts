// Checked reads of untrusted JSON values. The traceroute parsers read millions of small objects
// (a month of RIPE Atlas results), so they check each field they use by hand instead of running
// a schema over whole objects: same strictness on the fields that matter, a fraction of the cost,
// and unknown fields are ignored as the formats' documentation asks of consumers.
import { canonicalIp } from '../address.js';
import { MAX_TEXT, type MplsEntry } from '../types.js';

export type Json = Record<string, unknown>;

export function asObject(v: unknown): Json | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

export function num(o: Json, k: string): number | undefined {
  const v = o[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function int(o: Json, k: string, min = 0, max = 0xffffffff): number | undefined {
  const v = o[k];
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : undefined;
}

export function str(o: Json, k: string): string | undefined {
  const v = o[k];
  return typeof v === 'string' ? v.slice(0, MAX_TEXT) : undefined;
}

/** A field holding an IP address, canonicalised; undefined when absent or not an address. */
export function ip(o: Json, k: string): string | undefined {
  const v = o[k];
  if (typeof v !== 'string' || v.length > 64) return undefined;
  return canonicalIp(v) ?? undefined;
}

/** An RTT in milliseconds: finite and non-negative (a negative one is a clock glitch). */
export function rtt(o: Json, k: string): number | undefined {
  const v = num(o, k);
  return v !== undefined && v >= 0 && v < 3.6e6 ? Math.round(v * 1000) / 1000 : undefined;
}

/** MPLS label stack entries of one ICMP extension object list, bounded. */
export function pushMpls(out: MplsEntry[], e: Json, keys: { label: string; exp: string; s: string; ttl: string }): void {
  const label = int(e, keys.label, 0, 0xfffff);
  if (label === undefined || out.length >= 16) return;
  out.push({ label, exp: int(e, keys.exp, 0, 7) ?? 0, s: int(e, keys.s, 0, 1) ?? 0, ttl: int(e, keys.ttl, 0, 255) ?? 0 });
}
