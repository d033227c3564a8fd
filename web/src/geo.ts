// The map projection: the same framing and canvas as the HTML report's map, from the module both
// share (src/report/map-frame.ts, free of I/O so that it bundles).
import type { GeoPath, GeoProjection } from 'd3-geo';
import { frameProjection, MAP_HEIGHT, MAP_WIDTH } from '../../src/report/map-frame.js';
import type { ReportSite } from './types.js';

export { MAP_HEIGHT, MAP_WIDTH };

export type LocatedSite = ReportSite & { lat: number; lon: number };

export function locatedSites(sites: readonly ReportSite[]): LocatedSite[] {
  return sites.filter((s): s is LocatedSite => s.lat !== null && s.lon !== null);
}

/** A Mercator projection framing every located site, or null when none has coordinates. */
export function siteProjection(located: readonly LocatedSite[], width = MAP_WIDTH, height = MAP_HEIGHT): { projection: GeoProjection; path: GeoPath } | null {
  return frameProjection(located.map((s) => [s.lon, s.lat] as const), width, height);
}
