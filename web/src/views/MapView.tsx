// The map: sites on world-atlas country outlines, zoomable (wheel, drag, buttons, keyboard).
// Nearby sites merge into one marker at low zoom and split as the user zooms in; links are
// bundled between what is drawn. Markers are coloured by the worst exposure of the sensitive flows
// ending there (red ring: hosts untrusted equipment); a click shows the devices and flows.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FeatureCollection, Geometry } from 'geojson';
import type { ZoomTransform } from 'd3-zoom';
import type { Api } from '../api.js';
import { EXPOSURE_COLOURS, EXPOSURE_LABELS, untrustedShareColour } from '../format.js';
import { locatedSites, MAP_HEIGHT, MAP_WIDTH, siteProjection, zoomedProjection, type LocatedSite } from '../geo.js';
import { bundleLinks, clusterIndex, clusterZoom, markersAt, type Bundle, type Marker } from '../map/clusters.js';
import { loadCountries, resolutionFor, type Resolution } from '../map/coastline.js';
import { SiteInfo } from '../map/SiteInfo.js';
import { MAX_ZOOM, useMapZoom, type MapZoom } from '../map/zoom.js';
import { useAsync } from '../use-async.js';
import type { ReportModel } from '../types.js';
import { plain } from '../Text.js';

type Framing = NonNullable<ReturnType<typeof siteProjection>>;

/** The outlines at the resolution the settled zoom needs, drawn for that zoom. */
function useCountryPaths(frame: Framing | null, settled: ZoomTransform): { paths: string[]; resolution: Resolution | null } {
  const want = resolutionFor(settled.k);
  const [loaded, setLoaded] = useState<{ r: Resolution; fc: FeatureCollection<Geometry> } | null>(null);
  useEffect(() => {
    let live = true;
    loadCountries(want).then((fc) => live && setLoaded({ r: want, fc }), () => {});
    return () => {
      live = false;
    };
  }, [want]);
  const paths = useMemo(() => {
    if (!frame || !loaded) return [];
    const { path } = zoomedProjection(frame.projection, settled);
    return loaded.fc.features.map((f) => path(f)).filter((d): d is string => !!d);
  }, [frame, loaded, settled]);
  return { paths, resolution: loaded?.r ?? null };
}

const markerRadius = (m: Marker): number => (m.sites.length > 1 ? Math.min(22, 8 + 3 * Math.log2(m.sites.length)) : Math.min(9, 3 + Math.sqrt(m.devices)));

function markerTitle(m: Marker): string {
  const s = m.sites[0]!;
  const tail = `${m.devices} device(s), ${m.untrustedDevices} untrusted; sensitive flows: ${m.exposure ?? 'none end here'}`;
  return m.sites.length === 1 ? `${plain(s.name)} (${plain(s.country ?? '??')}): ${tail}` : `${m.sites.length} sites: ${tail}. Click to zoom in.`;
}

function MarkerDot({ m, t, selected, onClick }: { m: Marker; t: ZoomTransform; selected: boolean; onClick: () => void }) {
  const [x, y] = t.apply([m.x, m.y]);
  const r = markerRadius(m);
  const only = m.sites.length === 1 ? m.sites[0]! : null;
  const common = {
    fill: EXPOSURE_COLOURS[m.exposure ?? 'endpoint-free'],
    stroke: m.untrustedDevices ? EXPOSURE_COLOURS.all : '#212121',
    strokeWidth: m.untrustedDevices ? 2.5 : 0.8,
    className: selected ? 'selected' : '',
    onClick,
  };
  if (only)
    return (
      <circle cx={x} cy={y} r={r} {...common} data-site={only.id} data-site-name={only.name}>
        <title>{markerTitle(m)}</title>
      </circle>
    );
  return (
    <g className="cluster" data-cluster={m.key} data-sites={m.sites.length} onClick={onClick}>
      <circle cx={x} cy={y} r={r} {...common} onClick={undefined} fillOpacity={0.9} />
      <text x={x} y={y} dy="0.35em" textAnchor="middle">
        {m.sites.length}
      </text>
      <title>{markerTitle(m)}</title>
    </g>
  );
}

function BundleLine({ b, t }: { b: Bundle; t: ZoomTransform }) {
  const [x1, y1] = t.apply([b.a.x, b.a.y]);
  const [x2, y2] = t.apply([b.b.x, b.b.y]);
  const share = b.links ? b.untrusted / b.links : 0;
  const name = (m: Marker) => (m.sites.length === 1 ? plain(m.sites[0]!.name) : `${m.sites.length} sites`);
  return (
    <line x1={x1} y1={y1} x2={x2} y2={y2} stroke={untrustedShareColour(share)} strokeWidth={Math.min(7, 0.8 + Math.log2(1 + b.links))} strokeOpacity={0.75} data-link={b.key} data-links={b.links}>
      <title>{`${name(b.a)} – ${name(b.b)}: ${b.links} link(s) over ${b.pairs} site pair(s), ${b.untrusted} touching untrusted equipment`}</title>
    </line>
  );
}

function ZoomButtons({ z }: { z: MapZoom }) {
  return (
    <div className="map-buttons">
      <button type="button" aria-label="zoom in" onClick={() => z.zoomBy(2)}>+</button>
      <button type="button" aria-label="zoom out" onClick={() => z.zoomBy(0.5)}>−</button>
      <button type="button" aria-label="reset zoom" onClick={z.reset}>⟲</button>
    </div>
  );
}

const onScreen = (m: Marker, t: ZoomTransform): boolean => {
  const [x, y] = t.apply([m.x, m.y]);
  return x > -40 && y > -40 && x < MAP_WIDTH + 40 && y < MAP_HEIGHT + 40;
};

function Legend() {
  return (
    <div className="legend">
      {(Object.keys(EXPOSURE_COLOURS) as Array<keyof typeof EXPOSURE_COLOURS>).map((k) => (
        <span key={k}>
          <i style={{ background: EXPOSURE_COLOURS[k] }} /> {EXPOSURE_LABELS[k]}
        </span>
      ))}
      <span>
        <i className="ring" /> red ring: hosts untrusted equipment; a numbered disc: that many sites (click to zoom in); lines: device links between what is drawn, grey → red with the share touching untrusted equipment
      </span>
    </div>
  );
}

export interface MapViewProps {
  report: ReportModel;
  api?: Api;
  snapshot?: string;
  /** opens a device (its page or the side panel) */
  onDevice?: (id: string) => void;
}

export function MapView({ report: m, api, snapshot, onDevice }: MapViewProps) {
  const svg = useRef<SVGSVGElement>(null);
  const z = useMapZoom(svg, MAP_WIDTH, MAP_HEIGHT);
  const [selected, setSelected] = useState<Marker | null>(null);
  const located = useMemo<LocatedSite[]>(() => locatedSites(m.sites), [m.sites]);
  const frame = useMemo(() => siteProjection(located), [located]);
  // every site on its own from half the deepest zoom on
  const index = useMemo(() => clusterIndex(located, frame ? clusterZoom(frame.projection.scale(), MAX_ZOOM / 2) - 1 : 0), [located, frame]);
  const level = frame ? clusterZoom(frame.projection.scale(), z.transform.k) : 0;
  // markers change only when supercluster's zoom level does, not on every frame of a gesture
  const markers = useMemo(() => (frame ? markersAt(index, located, frame.projection, z.transform.k) : []), [index, located, frame, level]); // eslint-disable-line react-hooks/exhaustive-deps
  const bundles = useMemo(() => bundleLinks(markers, m.links), [markers, m.links]);
  const countries = useCountryPaths(frame, z.settled);
  const wantTopology = selected !== null && api !== undefined && snapshot !== undefined;
  const topology = useAsync(wantTopology ? (signal) => api.topology(snapshot, m.untrusted.join(','), signal) : null, [wantTopology, api, snapshot, m.untrusted]);
  if (!frame) return <p className="muted">No site has coordinates: no map. {m.sites.length} site(s) without latitude/longitude.</p>;

  const t = z.transform, s = z.settled;
  const r = t.k / s.k;
  const visible = markers.filter((mk) => onScreen(mk, t));
  const choose = (mk: Marker) => {
    setSelected(mk);
    if (mk.clusterId !== undefined) {
      // zoom to where supercluster splits this cluster
      const k = (512 * 2 ** index.getClusterExpansionZoom(mk.clusterId)) / (2 * Math.PI * frame.projection.scale());
      z.zoomTo(mk.x, mk.y, Math.max(k, t.k * 2));
    }
  };
  const unlocated = m.sites.length - located.length;
  return (
    <div className="mapview">
      <h2>Sites and links</h2>
      <p className="muted" data-testid="map-line">
        {located.length} site(s) on the map{unlocated ? `, ${unlocated} without coordinates` : ''}; {m.links.length} site-to-site link(s). Zoom with the wheel, the buttons or + and −; drag or use the arrow keys to pan. Showing{' '}
        <span data-testid="marker-count">{visible.length}</span> marker(s) at zoom {t.k.toFixed(1)}× (coastline {countries.resolution ?? '…'}).
      </p>
      <div className="map-frame">
        <svg ref={svg} className="map" viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} role="img" tabIndex={0} onKeyDown={z.onKeyDown} aria-label="Map of sites and links coloured by exposure; + and − zoom, arrows pan" data-testid="map" data-zoom={t.k.toFixed(3)} data-coastline={countries.resolution ?? ''}>
          <rect width={MAP_WIDTH} height={MAP_HEIGHT} fill="#e3f2fd" />
          <g className="countries" fill="#fafafa" stroke="#b0bec5" strokeWidth={0.5} transform={`translate(${t.x - r * s.x},${t.y - r * s.y}) scale(${r})`}>
            {countries.paths.map((d, i) => (
              <path key={i} d={d} vectorEffect="non-scaling-stroke" />
            ))}
          </g>
          <g className="links" fill="none">
            {bundles.filter((b) => onScreen(b.a, t) || onScreen(b.b, t)).map((b) => <BundleLine key={b.key} b={b} t={t} />)}
          </g>
          <g className="sites" stroke="#212121">
            {visible.map((mk) => <MarkerDot key={mk.key} m={mk} t={t} selected={selected?.key === mk.key} onClick={() => choose(mk)} />)}
          </g>
        </svg>
        <ZoomButtons z={z} />
      </div>
      <Legend />
      {selected ? <SiteInfo marker={selected} topology={topology} flows={m.exposure.flows} {...(onDevice && { onDevice })} /> : null}
    </div>
  );
}
