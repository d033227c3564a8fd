// Measured paths in the store: the tables, the transaction and the reads are the Store's
// (src/store/path-types.ts, on SQLite and PostgreSQL alike); what stays here is what the paths
// stage adds on top: the enrichment stored with a measurement, and the `--days` window.
import type { HopFacts, Measurement } from '../model/index.js';
import type { MeasurementWindow, Store } from '../store/index.js';
import { hopAddresses } from './types.js';

export { measurementKey, type MeasurementWindow as WindowFilter, type PathImportSummary, type StoredMeasurement } from '../store/index.js';

/** The enrichment of every address a measurement's hops answered from. */
export function factsFor(m: Measurement, lookup: (address: string) => HopFacts): Record<string, HopFacts> {
  const out: Record<string, HopFacts> = {};
  for (const h of m.hops) for (const a of hopAddresses(h)) if (!(a in out)) out[a] = lookup(a);
  return out;
}

/**
 * `window` narrowed to the last `days` days up to its `until`, else up to the organisation's
 * newest measurement (so "the last 30 days" of an archive imported late is not empty).
 * Unchanged when there is no end to count back from.
 */
export async function lastDays(store: Store | undefined, window: MeasurementWindow, days: number): Promise<MeasurementWindow> {
  let end = window.until;
  if (end === undefined && store) {
    const span = await store.measurementSpan(window.organisation);
    end = span ? span.last + 1 : undefined;
  }
  return end === undefined ? window : { ...window, since: Math.max(window.since ?? 0, end - days * 86400) };
}
