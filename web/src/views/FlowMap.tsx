// A flow's routes on a small map of their own: the sites its hops stand at (coordinates from the
// report's sites), each distinct site sequence of the shortest paths as one line (red when it
// crosses untrusted equipment), the clean alternative dashed green. Framed on the hops' sites, on
// the same bundled world-atlas outlines as the main map (no tile server).
import { useEffect, useMemo, useState } from 'react';
import type { FeatureCollection, Geometry } from 'geojson';
import { EXPOSURE_COLOURS } from '../format.js';
import { loadCountries, type Resolution } from '../map/coastline.js';
import { frameProjectionFor, type SitePoint } from './flow-map-geometry.js';
import { plain } from '../Text.js';
import type { FlowPathsAnalysis, FlowRoute, FlowSite } from '../types.js';

const WIDTH = 640;
const HEIGHT = 320;

/** The located sites a route passes, consecutive repeats (hops within one site) merged. */
function siteTrail(route: FlowRoute, sites: ReadonlyMap<string, SitePoint>): SitePoint[] {
  const out: SitePoint[] = [];
  for (const h of route.hops) {
    const s = h.site === null ? undefined : sites.get(h.site);
    if (s && out.at(-1)?.id !== s.id) out.push(s);
  }
  return out;
}

function useCountries(r: Resolution): FeatureCollection<Geometry> | null {
  const [fc, setFc] = useState<FeatureCollection<Geometry> | null>(null);
  useEffect(() => {
    let live = true;
    loadCountries(r).then((v) => live && setFc(v), () => {});
    return () => {
      live = false;
    };
  }, [r]);
  return fc;
}

export function FlowMap({ d, sites }: { d: FlowPathsAnalysis; sites: readonly FlowSite[] }) {
  const located = useMemo(() => new Map(sites.filter((s) => s.lat !== null && s.lon !== null).map((s) => [s.id, { id: s.id, name: s.name, lat: s.lat!, lon: s.lon! }])), [sites]);
  const trails = useMemo(() => {
    const seen = new Map<string, { points: SitePoint[]; exposed: boolean }>();
    for (const p of d.paths) {
      const points = siteTrail(p, located);
      const key = points.map((s) => s.id).join('\u0000');
      const exposed = p.hops.some((h) => h.untrusted);
      const had = seen.get(key);
      seen.set(key, { points, exposed: exposed || (had?.exposed ?? false) });
    }
    return [...seen.values()];
  }, [d, located]);
  const clean = useMemo(() => (d.clean ? siteTrail(d.clean, located) : []), [d, located]);
  const all = [...trails.flatMap((t) => t.points), ...clean];
  const frame = useMemo(() => frameProjectionFor(all, WIDTH, HEIGHT), [all.map((s) => s.id).join('\u0000')]);
  const countries = useCountries(frame?.span !== undefined && frame.span < 25 ? '50m' : '110m');
  const unlocated = new Set([...d.paths, ...(d.clean ? [d.clean] : [])].flatMap((r) => r.hops).filter((h) => h.site === null || !located.has(h.site)).map((h) => h.device)).size;
  const badSites = new Set(d.paths.flatMap((p) => p.hops).filter((h) => h.untrusted && h.site !== null).map((h) => h.site!));
  if (!frame) return <p className="muted" data-testid="flow-map">No hop stands at a site with coordinates: nothing to map.</p>;
  const xy = (s: SitePoint) => frame.projection([s.lon, s.lat]) ?? [0, 0];
  const line = (pts: SitePoint[]) => pts.map((s) => xy(s).join(',')).join(' ');
  return (
    <figure className="flow-map" data-testid="flow-map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="the flow's routes on a map">
        <rect width={WIDTH} height={HEIGHT} className="flow-map-sea" />
        {countries?.features.map((f, i) => <path key={i} d={frame.path(f) ?? ''} className="flow-map-land" />)}
        {[...trails].sort((a, b) => Number(a.exposed) - Number(b.exposed)).map((t, i) => <polyline key={i} points={line(t.points)} fill="none" stroke={t.exposed ? EXPOSURE_COLOURS.all : EXPOSURE_COLOURS['endpoint-free']} strokeWidth={3} strokeOpacity={0.7} data-testid="map-route" />)}
        {clean.length ? <polyline points={line(clean)} fill="none" stroke={EXPOSURE_COLOURS.none} strokeWidth={3} strokeDasharray="7 5" data-testid="map-clean" /> : null}
        {[...new Map(all.map((s) => [s.id, s])).values()].map((s) => {
          const [x, y] = xy(s);
          return (
            <circle key={s.id} cx={x} cy={y} r={5} className={badSites.has(s.id) ? 'flow-map-site bad-site' : 'flow-map-site'} data-testid="map-site" data-site={s.id}>
              <title>{plain(s.name)}</title>
            </circle>
          );
        })}
      </svg>
      <figcaption className="muted">
        Solid: the shortest paths by site (red where they cross untrusted equipment); dashed green: the clean alternative.
        {unlocated ? ` ${unlocated} device(s) on these routes stand at sites without coordinates.` : ''}
      </figcaption>
    </figure>
  );
}
