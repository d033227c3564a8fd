// The measured path: one traceroute from a source site toward a destination, hop by hop, in the
// same shape whatever tool produced it. Addresses are canonical text (IPv6 per RFC 5952).

export const TRACE_FORMATS = ['ripe-atlas', 'mtr', 'scamper', 'traceroute'] as const;
export type TraceFormat = (typeof TRACE_FORMATS)[number];

/** One MPLS label stack entry from an ICMP extension (RFC 4950). */
export interface MplsEntry {
  label: number;
  exp: number;
  s: number;
  ttl: number;
}

export interface HopReply {
  /** null: no reply to this probe (`*`). */
  address: string | null;
  rttMs?: number;
  /** TTL of the reply packet as received. */
  replyTtl?: number;
  /**
   * RIPE Atlas `late`: the reply matched a probe sent this many packets earlier, so it may come
   * from an earlier hop. Kept for the record but not taken as this hop's address.
   */
  late?: number;
  /** ICMP error the reply carried (Atlas `err`, traceroute `!H`...): N, H, A, P, p, or a code. */
  err?: string;
  dup?: boolean;
  mpls?: MplsEntry[];
}

export interface Hop {
  ttl: number;
  replies: HopReply[];
  /** A failure to probe this hop at all (Atlas hop-level `error`). */
  error?: string;
}

export interface Measurement {
  format: TraceFormat;
  /** The file (and line, for line-oriented formats) it was read from. */
  file: string;
  line?: number;
  /** Where it was measured from: --site, else the Atlas probe, else the source address. */
  site: string;
  srcAddress?: string;
  dstAddress?: string;
  dstName?: string;
  /** Start, seconds since the epoch (UTC). */
  time: number;
  af: 4 | 6;
  protocol?: string;
  msmId?: number;
  probeId?: number;
  hops: Hop[];
  /** Whether the destination address answered. */
  reached: boolean;
}

/** Bounds on untrusted input. */
export const MAX_HOPS = 255;
export const MAX_REPLIES_PER_HOP = 64;
export const MAX_TEXT = 200;

/** The addresses this hop's on-time replies came from, distinct, in reply order. */
export function hopAddresses(h: Hop): string[] {
  const out: string[] = [];
  for (const r of h.replies) if (r.address !== null && r.late === undefined && !out.includes(r.address)) out.push(r.address);
  return out;
}
