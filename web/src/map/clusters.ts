// Sites grouped into clusters for the current zoom (supercluster over their coordinates), and the
// site-to-site links bundled between what is drawn: one line per pair of markers, its width by
// the number of device links, its colour by the share touching untrusted equipment.
import Supercluster from 'supercluster';
import type { GeoProjection } from 'd3-geo';
import type { LocatedSite } from '../geo.js';
import type { ExposureLevel, ReportLink } from '../types.js';

/** Cluster radius in screen pixels at the zoom where a cluster forms (it doubles before the next). */
const RADIUS = 22;
/** supercluster's tile extent: its zoom z spans 512·2^z pixels around the world */
const EXTENT = 512;
/** Screen distance between sites at the same spot once they are no longer clustered. */
const FAN_OUT = 14;

export interface Marker {
  /** `site:ID` or `cluster:N` */
  key: string;
  /** position in map units at zoom 1 */
  x: number;
  y: number;
  sites: LocatedSite[];
  devices: number;
  untrustedDevices: number;
  exposure: ExposureLevel | null;
  /** supercluster's id, for a cluster */
  clusterId?: number;
}

export interface Bundle {
  key: string;
  a: Marker;
  b: Marker;
  links: number;
  untrusted: number;
  /** site pairs merged into this line */
  pairs: number;
}

const RANK: Record<ExposureLevel, number> = { all: 4, some: 3, unreachable: 2, none: 1 };

export function worstExposure(sites: readonly LocatedSite[]): ExposureLevel | null {
  let worst: ExposureLevel | null = null;
  for (const s of sites) if (s.flowExposure && (!worst || RANK[s.flowExposure] > RANK[worst])) worst = s.flowExposure;
  return worst;
}

/** `maxZoom`: the last level that clusters; beyond it every site is drawn on its own. */
export function clusterIndex(sites: readonly LocatedSite[], maxZoom: number): Supercluster<{ i: number }> {
  const index = new Supercluster<{ i: number }>({ radius: RADIUS, extent: EXTENT, maxZoom: Math.max(0, maxZoom), minZoom: 0 });
  return index.load(sites.map((s, i) => ({ type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: [s.lon, s.lat] } })));
}

/** supercluster's zoom level for a Mercator projection of scale `scale` seen at zoom `k`. */
export function clusterZoom(scale: number, k: number): number {
  return Math.max(0, Math.floor(Math.log2((2 * Math.PI * scale * k) / EXTENT)));
}

function markerOf(sites: LocatedSite[], key: string, at: readonly [number, number], clusterId?: number): Marker {
  let devices = 0, untrustedDevices = 0;
  for (const s of sites) {
    devices += s.devices;
    untrustedDevices += s.untrustedDevices;
  }
  return { key, x: at[0], y: at[1], sites, devices, untrustedDevices, exposure: worstExposure(sites), ...(clusterId !== undefined && { clusterId }) };
}

/** The markers at zoom `k`: single sites and clusters (a cluster sits at its sites' centroid). */
export function markersAt(index: Supercluster<{ i: number }>, sites: readonly LocatedSite[], projection: GeoProjection, k: number): Marker[] {
  const out: Marker[] = [];
  for (const f of index.getClusters([-180, -85, 180, 85], clusterZoom(projection.scale(), k))) {
    const p = projection(f.geometry.coordinates as [number, number]);
    if (!p) continue;
    const props = f.properties as { cluster?: boolean; cluster_id?: number; i?: number };
    if (props.cluster && props.cluster_id !== undefined) {
      const members = index.getLeaves(props.cluster_id, Infinity).map((l) => sites[l.properties.i]!);
      out.push(markerOf(members, `cluster:${props.cluster_id}`, p, props.cluster_id));
    } else {
      const s = sites[props.i!]!;
      out.push(markerOf([s], `site:${s.id}`, p));
    }
  }
  fanOut(out, k);
  return out;
}

/** Single sites at the same spot (same coordinates, or a few metres apart) set around a small circle. */
function fanOut(markers: Marker[], k: number): void {
  const spots = new Map<string, Marker[]>();
  for (const m of markers) {
    if (m.clusterId !== undefined) continue;
    const key = `${Math.round((m.x * k) / 4)},${Math.round((m.y * k) / 4)}`;
    spots.set(key, [...(spots.get(key) ?? []), m]);
  }
  for (const group of spots.values()) {
    if (group.length < 2) continue;
    const r = (FAN_OUT * group.length) / (2 * Math.PI) / k + FAN_OUT / 2 / k;
    group.forEach((m, i) => {
      const a = (2 * Math.PI * i) / group.length;
      m.x += r * Math.cos(a);
      m.y += r * Math.sin(a);
    });
  }
}

/** Site links merged per pair of markers; links inside one marker are not drawn. */
export function bundleLinks(markers: readonly Marker[], links: readonly ReportLink[]): Bundle[] {
  const markerOfSite = new Map<string, Marker>();
  for (const m of markers) for (const s of m.sites) markerOfSite.set(s.id, m);
  const bundles = new Map<string, Bundle>();
  for (const l of links) {
    let a = markerOfSite.get(l.a), b = markerOfSite.get(l.b);
    if (!a || !b || a === b) continue;
    if (a.key > b.key) [a, b] = [b, a];
    const key = `${a.key}|${b.key}`;
    const bundle = bundles.get(key) ?? { key, a, b, links: 0, untrusted: 0, pairs: 0 };
    bundle.links += l.links;
    bundle.untrusted += l.untrusted;
    bundle.pairs++;
    bundles.set(key, bundle);
  }
  return [...bundles.values()];
}
