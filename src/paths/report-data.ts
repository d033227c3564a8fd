// The measured-paths part of the report: exposure of the stored measurements of the last
// window (30 days up to the newest measurement) against the report snapshot's routers and the
// report's untrusted vendors, and the located paths for the map. null when the store holds no
// measurement, so a report without traceroutes has no such section.
import { existsSync } from 'node:fs';
import { isPostgresUrl, openStore, type Store } from '../store/index.js';
import { evaluateMeasurement, compilePredicate, PathAggregator, reasonText, type CrossingRow, type DestinationRow, type RouterRow } from './exposure.js';
import { loadRouters } from './run.js';

export const REPORT_WINDOW_DAYS = 30;
const MAX_LINES = 200;
const MAX_ROWS = 50;

export interface ReportPathLine {
  site: string;
  destination: string;
  exposed: boolean;
  /** Measurements that took exactly this located route. */
  count: number;
  /** [lon, lat] of the hops that have a location, in hop order. */
  points: Array<[number, number]>;
}

export interface ReportPaths {
  windowDays: number;
  first: string;
  last: string;
  measurements: number;
  exposed: number;
  vendors: string[];
  byDestination: DestinationRow[];
  routers: RouterRow[];
  byAs: CrossingRow[];
  byCountry: CrossingRow[];
  lines: ReportPathLine[];
  notes: string[];
}

/** `organisation`: whose measurements and snapshot (default 'default'); never another's. */
export async function reportPaths(db: string, snapshot: string, untrusted: string[], organisation?: string): Promise<ReportPaths | null> {
  if (!isPostgresUrl(db) && !existsSync(db)) return null;
  let store: Store;
  try {
    store = openStore(db, { readonly: true });
  } catch {
    return null; // not a store this cleanpath can read without migrating it
  }
  try {
    const span = await store.measurementSpan(organisation);
    if (!span) return null;
    const notes: string[] = [];
    const { index } = await loadRouters({ store, snapshot, ...(organisation !== undefined ? { organisation } : {}) }, notes);
    const predicate = compilePredicate({ untrusted });
    const agg = new PathAggregator(index, predicate, 0);
    const since = span.last + 1 - REPORT_WINDOW_DAYS * 86400;
    const lines = new Map<string, ReportPathLine>();
    for await (const s of store.iterateMeasurements({ since, ...(organisation !== undefined ? { organisation } : {}) })) {
      const e = evaluateMeasurement(s.measurement, (a) => s.facts[a], index, predicate, s.id);
      agg.add(e);
      const points: Array<[number, number]> = [];
      for (const h of e.hops) {
        const a = h.addresses.find((x) => x.lat !== undefined && x.lon !== undefined);
        if (a) points.push([a.lon!, a.lat!]);
      }
      if (points.length < 2) continue;
      const key = `${e.site}\u0000${e.destination}\u0000${e.exposed}\u0000${points.join(';')}`;
      const cur = lines.get(key);
      if (cur) cur.count++;
      else if (lines.size < MAX_LINES) lines.set(key, { site: e.site, destination: e.destination, exposed: e.exposed, count: 1, points });
    }
    const r = agg.result();
    if (!lines.size) notes.push('no measured hop has a location (import with --mmdb and a City database to draw paths on the map)');
    if (!index.routers.length) notes.push('no hop router identified in this snapshot (probe hops with `cleanpath probe snmp --import`)');
    return {
      windowDays: REPORT_WINDOW_DAYS,
      first: new Date((r.firstTime ?? span.first) * 1000).toISOString(),
      last: new Date((r.lastTime ?? span.last) * 1000).toISOString(),
      measurements: r.measurements,
      exposed: r.exposed,
      vendors: [...predicate.vendors].sort(),
      byDestination: r.byDestination.slice(0, MAX_ROWS),
      routers: r.routers.filter((x) => x.untrusted).slice(0, MAX_ROWS),
      byAs: r.byAs.slice(0, 20),
      byCountry: r.byCountry.slice(0, 20),
      lines: [...lines.values()],
      notes,
    };
  } finally {
    await store.close();
  }
}

export { reasonText };
