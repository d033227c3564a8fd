// What the report's map and the dashboard's map share, with no I/O so that both the Node renderer
// and the browser bundle can import it: the canvas size, the exposure colours, and the Mercator
// framing of a set of points with a margin.
import { geoMercator, geoPath, type GeoPath, type GeoProjection } from 'd3-geo';
import type { ExposureLevel } from './model.js';

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 520;

export const EXPOSURE_COLOURS: Record<ExposureLevel | 'endpoint-free', string> = {
  all: '#c62828',
  some: '#ef6c00',
  none: '#2e7d32',
  unreachable: '#6a1b9a',
  'endpoint-free': '#78909c',
};

/** A Mercator projection fitted to every [lon, lat] point with a margin, or null when there is none. */
export function frameProjection(points: Iterable<readonly [number, number]>, width = MAP_WIDTH, height = MAP_HEIGHT): { projection: GeoProjection; path: GeoPath } | null {
  let minLat = Infinity, maxLat = -Infinity, minLon = Infinity, maxLon = -Infinity;
  for (const [lon, lat] of points) {
    minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
    minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon);
  }
  if (minLat === Infinity) return null;
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
