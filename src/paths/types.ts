// The measured path (src/model/measured-path.ts, where the store can see it), the bounds on
// untrusted traceroute input, and the one rule for a hop's addresses.
import type { Hop } from '../model/measured-path.js';

export { TRACE_FORMATS, type TraceFormat, type MplsEntry, type HopReply, type Hop, type Measurement } from '../model/measured-path.js';

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
