// Measured paths in the domain model: one traceroute from a source site toward a destination, hop
// by hop, in the same shape whatever tool produced it, and what offline data said about each hop
// address. Here rather than in src/paths because the store keeps them (src/store may not import
// the paths stage). Addresses are canonical text (IPv6 per RFC 5952).

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

/** IANA special-purpose address kinds (src/paths/special.ts holds their ranges). */
export const SPECIAL_KINDS = [
  'this-network',
  'private',
  'shared',
  'loopback',
  'link-local',
  'ietf-protocol',
  'documentation',
  'benchmarking',
  'multicast',
  'reserved',
  'broadcast',
  'ipv4-mapped',
  'discard',
  'unique-local',
] as const;
export type SpecialKind = (typeof SPECIAL_KINDS)[number];

/** Which data gave a hop its country. */
export type CountrySource = 'mmdb' | 'rir' | 'asn-table';

/** What enrichment found for one address; every field absent when nothing is known. */
export interface HopFacts {
  special?: SpecialKind;
  asn?: number;
  asName?: string;
  country?: string;
  countrySource?: CountrySource;
  lat?: number;
  lon?: number;
}
