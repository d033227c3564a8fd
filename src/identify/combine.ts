// Evidence → one attribution. The rule (noisy-OR per vendor, rival discount) is documented in
// weights.ts; every piece naming another vendor than the winner is kept as a Conflict.
import type { Attribution, Conflict, Evidence } from '../model/index.js';
import { RIVAL_DISCOUNT, roundConfidence } from './weights.js';

interface Tally {
  vendor: string;
  miss: number; // Π(1 − cᵢ)
  strongest: number;
  first: number;
  pieces: number[];
}

export function combineEvidence(evidence: Evidence[]): Attribution {
  // Fast path: every piece that names a vendor names the same one (the usual case).
  let only: string | null = null;
  let miss = 1;
  let mixed = false;
  for (let i = 0; i < evidence.length; i++) {
    const e = evidence[i]!;
    if (!e.valid || e.vendor === null || e.confidence <= 0) continue;
    if (only === null) only = e.vendor;
    else if (e.vendor !== only) {
      mixed = true;
      break;
    }
    miss *= 1 - e.confidence;
  }
  if (!mixed) return { vendor: only, confidence: only === null ? 0 : roundConfidence(1 - miss), evidence, conflicts: [] };

  const byVendor = new Map<string, Tally>();
  for (let i = 0; i < evidence.length; i++) {
    const e = evidence[i]!;
    if (!e.valid || e.vendor === null || e.confidence <= 0) continue;
    let t = byVendor.get(e.vendor);
    if (!t) {
      t = { vendor: e.vendor, miss: 1, strongest: 0, first: i, pieces: [] };
      byVendor.set(e.vendor, t);
    }
    t.miss *= 1 - e.confidence;
    if (e.confidence > t.strongest) t.strongest = e.confidence;
    t.pieces.push(i);
  }
  if (byVendor.size === 0) return { vendor: null, confidence: 0, evidence, conflicts: [] };
  const ranked = [...byVendor.values()].sort(
    (a, b) => a.miss - b.miss || b.strongest - a.strongest || a.first - b.first,
  );
  const win = ranked[0]!;
  const s1 = 1 - win.miss;
  const s2 = ranked.length > 1 ? 1 - ranked[1]!.miss : 0;
  const conflicts: Conflict[] = [];
  for (const rival of ranked.slice(1)) {
    const kinds = [...new Set(rival.pieces.map((i) => evidence[i]!.kind))].join(', ');
    conflicts.push({
      vendors: [win.vendor, rival.vendor],
      evidence: [...win.pieces, ...rival.pieces].sort((a, b) => a - b),
      note: `${kinds} evidence names ${rival.vendor} (${roundConfidence(1 - rival.miss)}) against ${win.vendor} (${roundConfidence(s1)})`,
    });
  }
  return { vendor: win.vendor, confidence: roundConfidence(s1 * (1 - RIVAL_DISCOUNT * s2)), evidence, conflicts };
}
