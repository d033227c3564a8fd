// Evidence → one attribution. The rule (noisy-OR per vendor, rival discount) is documented in
// weights.ts; every piece naming another vendor than the winner is kept as a Conflict.
import type { Attribution, Conflict, Evidence } from '../model/index.js';
import { isCatalogVendor } from '../vendors/index.js';
import { RIVAL_DISCOUNT, roundConfidence } from './weights.js';

interface Tally {
  vendor: string;
  miss: number; // Π(1 − cᵢ)
  strongest: number;
  first: number;
  pieces: number[];
  catalog: boolean;
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
      t = { vendor: e.vendor, miss: 1, strongest: 0, first: i, pieces: [], catalog: false };
      byVendor.set(e.vendor, t);
    }
    t.miss *= 1 - e.confidence;
    if (e.confidence > t.strongest) t.strongest = e.confidence;
    t.pieces.push(i);
  }
  if (byVendor.size === 0) return { vendor: null, confidence: 0, evidence, conflicts: [] };
  for (const t of byVendor.values()) t.catalog = isCatalogVendor(t.vendor);
  const ranked = [...byVendor.values()].sort(
    (a, b) => Number(b.catalog) - Number(a.catalog) || a.miss - b.miss || b.strongest - a.strongest || a.first - b.first,
  );
  const win = ranked[0]!;
  const s1 = 1 - win.miss;
  // A catalog winner is discounted by catalog rivals only (weights.ts: a component maker's MAC
  // in the box is expected); a maker outside the catalog by any rival.
  const rival = ranked.find((t, i) => i > 0 && (t.catalog || !win.catalog));
  const s2 = rival ? 1 - rival.miss : 0;
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
