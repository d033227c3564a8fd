// The map: world-atlas country outlines (loaded when the view first opens), sites coloured by the
// worst exposure of the sensitive flows ending there (red ring: hosts untrusted equipment), links
// between sites coloured by the share of their device links that touch untrusted equipment.
import { useEffect, useMemo, useState } from 'react';
import { feature } from 'topojson-client';
import type { Topology as TopoJson, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection, Geometry } from 'geojson';
import { EXPOSURE_COLOURS, EXPOSURE_LABELS, num, untrustedShareColour } from '../format.js';
import { locatedSites, MAP_HEIGHT, MAP_WIDTH, siteProjection, type LocatedSite } from '../geo.js';
import type { ReportModel } from '../types.js';
import { plain, Text } from '../Text.js';

let atlas: Promise<FeatureCollection<Geometry>> | null = null;
function loadAtlas(): Promise<FeatureCollection<Geometry>> {
  atlas ??= import('world-atlas/countries-110m.json').then((m) => {
    const topo = m.default as unknown as TopoJson<{ countries: GeometryCollection }>;
    return feature(topo, topo.objects.countries) as FeatureCollection<Geometry>;
  });
  return atlas;
}

export function MapView({ report: m }: { report: ReportModel }) {
  const [countries, setCountries] = useState<FeatureCollection<Geometry> | null>(null);
  const [selected, setSelected] = useState<LocatedSite | null>(null);
  useEffect(() => {
    let live = true;
    loadAtlas().then(
      (c) => live && setCountries(c),
      () => live && setCountries(null),
    );
    return () => {
      live = false;
    };
  }, []);
  const located = useMemo(() => locatedSites(m.sites), [m.sites]);
  const proj = useMemo(() => siteProjection(located), [located]);
  const countryPaths = useMemo(() => (proj && countries ? countries.features.map((f) => proj.path(f)).filter((d): d is string => !!d) : []), [proj, countries]);
  if (!proj) return <p className="muted">No site has coordinates: no map. {m.sites.length} site(s) without latitude/longitude.</p>;
  const pos = new Map(located.map((s) => [s.id, s]));
  const unlocated = m.sites.length - located.length;
  return (
    <div className="mapview">
      <h2>Sites and links</h2>
      <p className="muted">
        {located.length} site(s) on the map{unlocated ? `, ${unlocated} without coordinates` : ''}; {m.links.length} site-to-site link(s). Click a site for its numbers.
      </p>
      <svg className="map" viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} role="img" aria-label="Map of sites and links coloured by exposure" data-testid="map">
        <rect width={MAP_WIDTH} height={MAP_HEIGHT} fill="#e3f2fd" />
        <g className="countries" fill="#fafafa" stroke="#b0bec5" strokeWidth={0.5}>
          {countryPaths.map((d, i) => (
            <path key={i} d={d} />
          ))}
        </g>
        <g className="links" fill="none">
          {m.links.map((l) => {
            const a = pos.get(l.a), b = pos.get(l.b);
            if (!a || !b) return null;
            const d = proj.path({ type: 'LineString', coordinates: [[a.lon, a.lat], [b.lon, b.lat]] });
            if (!d) return null;
            const share = l.links ? l.untrusted / l.links : 0;
            return (
              <path key={`${l.a}\u0000${l.b}`} d={d} stroke={untrustedShareColour(share)} strokeWidth={Math.min(4, 0.8 + Math.log2(l.links))} strokeOpacity={0.75} data-link={`${l.a}|${l.b}`}>
                <title>{`${plain(a.name)} – ${plain(b.name)}: ${l.links} link(s), ${l.untrusted} touching untrusted equipment`}</title>
              </path>
            );
          })}
        </g>
        <g className="sites" stroke="#212121">
          {located.map((s) => {
            const p = proj.projection([s.lon, s.lat]);
            if (!p) return null;
            const r = Math.min(9, 3 + Math.sqrt(s.devices));
            return (
              <circle
                key={s.id}
                cx={p[0]}
                cy={p[1]}
                r={r}
                fill={EXPOSURE_COLOURS[s.flowExposure ?? 'endpoint-free']}
                stroke={s.untrustedDevices ? EXPOSURE_COLOURS.all : '#212121'}
                strokeWidth={s.untrustedDevices ? 2.5 : 0.8}
                data-site={s.id}
                data-site-name={s.name}
                className={selected?.id === s.id ? 'selected' : ''}
                onClick={() => setSelected(s)}
              >
                <title>{`${plain(s.name)} (${plain(s.country ?? '??')}): ${s.devices} device(s), ${s.untrustedDevices} untrusted; sensitive flows: ${s.flowExposure ?? 'none end here'}`}</title>
              </circle>
            );
          })}
        </g>
      </svg>
      <div className="legend">
        {(Object.keys(EXPOSURE_COLOURS) as Array<keyof typeof EXPOSURE_COLOURS>).map((k) => (
          <span key={k}>
            <i style={{ background: EXPOSURE_COLOURS[k] }} /> {EXPOSURE_LABELS[k]}
          </span>
        ))}
        <span>
          <i className="ring" /> red ring: hosts untrusted equipment; links grey → red with the share of device links touching it
        </span>
      </div>
      {selected ? (
        <div className="site-info" data-testid="site-info">
          <h3>
            <Text value={selected.name} fold />
          </h3>
          <p>
            <Text value={selected.id} fold /> · {selected.country ? <Text value={selected.country} /> : 'no country'} · {num(selected.lat, 4)}, {num(selected.lon, 4)}
          </p>
          <p>
            {num(selected.devices)} device(s), <span className={selected.untrustedDevices ? 'bad' : ''}>{num(selected.untrustedDevices)} untrusted</span>; worst sensitive flow exposure:{' '}
            {selected.flowExposure ?? 'no sensitive flow ends here'}
          </p>
        </div>
      ) : null}
    </div>
  );
}
