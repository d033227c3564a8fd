// The flow map's framing: the report's Mercator framing (src/report/map-frame.ts) over the sites
// of a flow's hops, plus how wide the framed area is (a narrow one is drawn at a finer coastline).
import type { GeoPath, GeoProjection } from 'd3-geo';
import { frameProjection } from '../../../src/report/map-frame.js';

export interface SitePoint {
  id: string;
  name: string;
  lat: number;
  lon: number;
}

/** The projection framing `points`, with their span in degrees; null when there is none. */
export function frameProjectionFor(points: readonly SitePoint[], width: number, height: number): { projection: GeoProjection; path: GeoPath; span: number } | null {
  const f = frameProjection(points.map((s) => [s.lon, s.lat] as const), width, height);
  if (!f) return null;
  const lons = points.map((s) => s.lon), lats = points.map((s) => s.lat);
  return { ...f, span: Math.max(Math.max(...lons) - Math.min(...lons), Math.max(...lats) - Math.min(...lats)) };
}
