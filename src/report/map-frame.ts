// What the report's map and the dashboard's map share, with no I/O so that both the Node renderer
// and the browser bundle can import it: the canvas size, the exposure colours, and the Mercator
// framing of a set of points with a margin, and where points crowd so that an inset is needed.
import { geoMercator, geoPath, type GeoPath, type GeoProjection } from 'd3-geo';
import Supercluster from 'supercluster';
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
/** `minPad`: the least margin in degrees (an inset of one city wants less than a world map). */
export function frameProjection(points: Iterable<readonly [number, number]>, width = MAP_WIDTH, height = MAP_HEIGHT, minPad = 2): { projection: GeoProjection; path: GeoPath } | null {
  let minLat = Infinity, maxLat = -Infinity, minLon = Infinity, maxLon = -Infinity;
  for (const [lon, lat] of points) {
    minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
    minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon);
  }
  if (minLat === Infinity) return null;
  const pad = Math.max(minPad, (maxLon - minLon) * 0.08, (maxLat - minLat) * 0.08);
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

export interface DenseRegionOptions {
  /** points closer than this on the map (pixels) are crowded together */
  radius?: number;
  /** fewer points than this make no region */
  minPoints?: number;
  /** most regions, the most crowded first */
  max?: number;
}

/**
 * Where points crowd on a map drawn with `projection`: groups of at least `minPoints` points that
 * supercluster merges at the map's own scale (as the dashboard's map merges its markers), as
 * indices into `points`, the largest group first. Each deserves an inset at a larger scale.
 */
export function denseRegions(points: ReadonlyArray<readonly [number, number]>, projection: GeoProjection, opts: DenseRegionOptions = {}): number[][] {
  const { radius = 16, minPoints = 8, max = 3 } = opts;
  const zoom = Math.max(0, Math.floor(Math.log2((2 * Math.PI * projection.scale()) / 512)));
  const index = new Supercluster<{ i: number }>({ radius, extent: 512, maxZoom: zoom, minZoom: zoom });
  index.load(points.map(([lon, lat], i) => ({ type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: [lon, lat] } })));
  const regions: number[][] = [];
  for (const f of index.getClusters([-180, -85, 180, 85], zoom)) {
    const p = f.properties as { cluster?: boolean; cluster_id?: number; point_count?: number };
    if (!p.cluster || p.cluster_id === undefined || (p.point_count ?? 0) < minPoints) continue;
    regions.push(index.getLeaves(p.cluster_id, Infinity).map((l) => l.properties.i));
  }
  return regions.sort((a, b) => b.length - a.length || a[0]! - b[0]!).slice(0, max);
}
