// The map projection: the same framing and canvas as the HTML report's map, from the module both
// share (src/report/map-frame.ts, free of I/O so that it bundles).
import { geoMercator, geoPath, type GeoPath, type GeoProjection } from 'd3-geo';
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

/**
 * The framing projection seen through a zoom transform {k, x, y}: a Mercator projection whose
 * paths come out in screen units, clipped one screen beyond each edge (so that a short pan shows
 * outlines before they are redrawn). Drawing through it rather than scaling an SVG group keeps
 * strokes thin and lets the clipping drop everything off screen.
 */
export function zoomedProjection(base: GeoProjection, t: { k: number; x: number; y: number }, width = MAP_WIDTH, height = MAP_HEIGHT): { projection: GeoProjection; path: GeoPath } {
  const [tx, ty] = base.translate();
  const projection = geoMercator()
    .scale(base.scale() * t.k)
    .translate([t.x + t.k * tx, t.y + t.k * ty])
    .clipExtent([[-width, -height], [2 * width, 2 * height]]);
  return { projection, path: geoPath(projection) };
}
