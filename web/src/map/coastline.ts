// Country outlines at three resolutions, all from world-atlas and bundled with the dashboard (no
// tile server: the map works offline). Each file is its own chunk, fetched the first time a zoom
// needs it: 110m at first sight, 50m from zoom 3, 10m (3.7 MB) only from zoom 12.
import { feature } from 'topojson-client';
import type { Topology as TopoJson, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection, Geometry } from 'geojson';

export type Resolution = '110m' | '50m' | '10m';

const LOADERS: Record<Resolution, () => Promise<{ default: unknown }>> = {
  '110m': () => import('world-atlas/countries-110m.json'),
  '50m': () => import('world-atlas/countries-50m.json'),
  '10m': () => import('world-atlas/countries-10m.json'),
};

const cache = new Map<Resolution, Promise<FeatureCollection<Geometry>>>();

export function resolutionFor(k: number): Resolution {
  return k >= 12 ? '10m' : k >= 3 ? '50m' : '110m';
}

export function loadCountries(r: Resolution): Promise<FeatureCollection<Geometry>> {
  let p = cache.get(r);
  if (!p) {
    p = LOADERS[r]().then((m) => {
      const topo = m.default as TopoJson<{ countries: GeometryCollection }>;
      return feature(topo, topo.objects.countries) as FeatureCollection<Geometry>;
    });
    // a failed load is forgotten, so that the next zoom tries again
    p.catch(() => cache.delete(r));
    cache.set(r, p);
  }
  return p;
}
