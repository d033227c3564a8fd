// The country containing a point, from the world-atlas outlines (Natural Earth 1:50m, ids ISO
// 3166 numeric). Used when an inventory gives a site's coordinates but not its country.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoBounds, geoContains } from 'd3-geo';
import countries from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { countryCode } from '../../model/index.js';

interface Outline {
  code: string;
  feature: Feature<Geometry>;
  /** [west, south, east, north]; west > east when the outline crosses the antimeridian. */
  box: [number, number, number, number];
}

// Natural Earth outlines without an ISO numeric id whose name the country helper does not know.
const UNNUMBERED: Record<string, string> = { 'Somaliland': 'SO', 'N. Cyprus': 'CY' };

let outlines: Outline[] | null | undefined;

function load(): Outline[] | null {
  if (outlines !== undefined) return outlines;
  try {
    const require = createRequire(import.meta.url);
    const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology<{ countries: GeometryCollection }>;
    const fc = feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name?: string }>;
    outlines = [];
    for (const f of fc.features) {
      const name = f.properties?.name ?? '';
      const code = (f.id !== undefined ? countries.numericToAlpha2(f.id) : undefined) ?? countryCode(name) ?? UNNUMBERED[name];
      if (!code) continue;
      const [[w, s], [e, n]] = geoBounds(f);
      outlines.push({ code, feature: f, box: [w, s, e, n] });
    }
  } catch {
    outlines = null;
  }
  return outlines;
}

const inBox = ([w, s, e, n]: Outline['box'], lon: number, lat: number): boolean =>
  lat >= s && lat <= n && (w <= e ? lon >= w && lon <= e : lon >= w || lon <= e);

/**
 * ISO alpha-2 of the country whose outline contains (lat, lon); undefined at sea, in Antarctica's
 * unclaimed parts, or when world-atlas is not installed. Coastal points can fall just outside a
 * 1:50m outline: the caller says so rather than guessing.
 */
export function countryAtPoint(lat: number, lon: number): string | undefined {
  const list = load();
  if (!list || !Number.isFinite(lat) || !Number.isFinite(lon)) return undefined;
  for (const o of list) if (inBox(o.box, lon, lat) && geoContains(o.feature, [lon, lat])) return o.code;
  return undefined;
}
