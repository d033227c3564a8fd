// The map projection, the same framing as the HTML report's map (src/report/map.ts, which reads
// the atlas from disk and so cannot run here): Mercator fitted to the located sites with a margin.
import { geoMercator, geoPath, type GeoPath, type GeoProjection } from 'd3-geo';
import type { ReportSite } from './types.js';

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 520;

export type LocatedSite = ReportSite & { lat: number; lon: number };

export function locatedSites(sites: readonly ReportSite[]): LocatedSite[] {
  return sites.filter((s): s is LocatedSite => s.lat !== null && s.lon !== null);
}

/** A Mercator projection framing every located site, or null when none has coordinates. */
export function siteProjection(located: readonly LocatedSite[], width = MAP_WIDTH, height = MAP_HEIGHT): { projection: GeoProjection; path: GeoPath } | null {
  if (!located.length) return null;
  let minLat = Infinity, maxLat = -Infinity, minLon = Infinity, maxLon = -Infinity;
  for (const s of located) {
    minLat = Math.min(minLat, s.lat); maxLat = Math.max(maxLat, s.lat);
    minLon = Math.min(minLon, s.lon); maxLon = Math.max(maxLon, s.lon);
  }
  const pad = Math.max(2, (maxLon - minLon) * 0.08, (maxLat - minLat) * 0.08);
  const frame = {
    type: 'MultiPoint' as const,
    coordinates: [
      [Math.max(-180, minLon - pad), Math.max(-80, minLat - pad)],
      [Math.min(180, maxLon + pad), Math.min(84, maxLat + pad)],
    ],
  };
  const projection = geoMercator().fitExtent([[10, 10], [width - 10, height - 10]], frame).clipExtent([[0, 0], [width, height]]);
  return { projection, path: geoPath(projection) };
}
