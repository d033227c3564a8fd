// The report's map as inline SVG, drawn at render time with d3-geo over world-atlas country
// outlines: sites coloured by the worst exposure of their sensitive flows, links between sites
// red when they touch untrusted equipment. No script, no network: the SVG is plain markup.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection, Geometry } from 'geojson';
import { attrText, esc } from './escape.js';
import type { ReportModel, ReportSite } from './model.js';
import { EXPOSURE_COLOURS, frameProjection, MAP_HEIGHT as HEIGHT, MAP_WIDTH as WIDTH } from './map-frame.js';

export { EXPOSURE_COLOURS };

let countriesCache: FeatureCollection<Geometry> | null | undefined;

function loadCountries(): FeatureCollection<Geometry> | null {
  if (countriesCache !== undefined) return countriesCache;
  try {
    const require = createRequire(import.meta.url);
    const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8')) as Topology<{ countries: GeometryCollection }>;
    countriesCache = feature(topo, topo.objects.countries) as FeatureCollection<Geometry>;
  } catch {
    countriesCache = null;
  }
  return countriesCache;
}

const round = (d: string | null): string => (d ?? '').replace(/-?\d+\.\d+/g, (n) => String(Math.round(Number(n) * 10) / 10));

/** The map's SVG markup, or null (with the reason) when it cannot be drawn. */
export function renderMapSvg(model: ReportModel): { svg: string | null; note?: string } {
  const located = model.sites.filter((s): s is ReportSite & { lat: number; lon: number } => s.lat !== null && s.lon !== null);
  const measured = model.paths?.lines ?? [];
  if (!located.length && !measured.length) return { svg: null, note: 'no site has coordinates: no map' };
  const countries = loadCountries();
  const points: Array<readonly [number, number]> = located.map((s) => [s.lon, s.lat]);
  for (const l of measured) points.push(...l.points);
  const { projection, path } = frameProjection(points)!;
  const parts: string[] = [];
  parts.push(`<svg class="map" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="Map of sites and links coloured by exposure">`);
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#e3f2fd"/>`);
  if (countries) {
    parts.push('<g class="countries" fill="#fafafa" stroke="#b0bec5" stroke-width="0.5">');
    for (const f of countries.features) {
      const d = round(path(f));
      if (d) parts.push(`<path d="${esc(d)}"/>`);
    }
    parts.push('</g>');
  }
  const pos = new Map(located.map((s) => [s.id, s]));
  parts.push('<g class="links" fill="none">');
  for (const l of model.links) {
    const a = pos.get(l.a), b = pos.get(l.b);
    if (!a || !b) continue;
    const d = round(path({ type: 'LineString', coordinates: [[a.lon, a.lat], [b.lon, b.lat]] }));
    if (!d) continue;
    const colour = l.untrusted ? EXPOSURE_COLOURS.all : '#546e7a';
    const w = Math.min(4, 0.8 + Math.log2(l.links));
    parts.push(
      `<path d="${esc(d)}" stroke="${colour}" stroke-width="${w.toFixed(1)}" stroke-opacity="0.7"><title>${attrText(l.a)} – ${attrText(l.b)}${esc(`: ${l.links} link(s), ${l.untrusted} touching untrusted equipment`)}</title></path>`,
    );
  }
  // measured paths (traceroutes): dashed, through the hops that have a location
  parts.push('</g><g class="measured-paths" fill="none" stroke-dasharray="5 3">');
  for (const l of measured) {
    const d = round(path({ type: 'LineString', coordinates: l.points }));
    if (!d) continue;
    const colour = l.exposed ? EXPOSURE_COLOURS.all : '#1565c0';
    parts.push(`<path d="${esc(d)}" stroke="${colour}" stroke-width="${Math.min(3.5, 1 + Math.log2(l.count)).toFixed(1)}" stroke-opacity="0.75"><title>measured path ${attrText(l.site)} → ${attrText(l.destination)}${esc(`: ${l.count} traceroute(s)${l.exposed ? ', crosses untrusted equipment' : ''}`)}</title></path>`);
  }
  parts.push('</g><g class="sites" stroke="#212121">');
  for (const s of located) {
    const p = projection([s.lon, s.lat]);
    if (!p) continue;
    const fill = EXPOSURE_COLOURS[s.flowExposure ?? 'endpoint-free'];
    const r = Math.min(9, 3 + Math.sqrt(s.devices));
    const stroke = s.untrustedDevices ? ` stroke="${EXPOSURE_COLOURS.all}" stroke-width="2.5"` : ' stroke-width="0.8"';
    // names isolated (FSI … PDI): a tooltip is one line of plain text
    const title = `${attrText(s.name)} (${attrText(s.country ?? '??')})${esc(`: ${s.devices} device(s), ${s.untrustedDevices} untrusted; sensitive flows: ${s.flowExposure ?? 'none end here'}`)}`;
    parts.push(`<circle cx="${p[0].toFixed(1)}" cy="${p[1].toFixed(1)}" r="${r.toFixed(1)}" fill="${fill}"${stroke} data-site="${esc(s.id)}"><title>${title}</title></circle>`);
  }
  parts.push('</g>');
  const legend: Array<[string, string]> = [
    [EXPOSURE_COLOURS.all, 'sensitive flow exposed on every shortest path'],
    [EXPOSURE_COLOURS.some, 'exposed on some shortest paths'],
    [EXPOSURE_COLOURS.none, 'sensitive flows not exposed'],
    [EXPOSURE_COLOURS.unreachable, 'sensitive flow unreachable'],
    [EXPOSURE_COLOURS['endpoint-free'], 'no sensitive flow ends here'],
  ];
  parts.push(`<g class="legend" font-size="11" font-family="sans-serif"><rect x="8" y="${HEIGHT - 18 * legend.length - 30}" width="300" height="${18 * legend.length + 24}" fill="#ffffff" fill-opacity="0.85"/>`);
  legend.forEach(([c, t], i) => {
    const y = HEIGHT - 18 * legend.length - 16 + i * 18;
    parts.push(`<circle cx="20" cy="${y}" r="5" fill="${c}"/><text x="32" y="${y + 4}">${esc(t)}</text>`);
  });
  parts.push(`<circle cx="20" cy="${HEIGHT - 16}" r="5" fill="#ffffff" stroke="${EXPOSURE_COLOURS.all}" stroke-width="2.5"/><text x="32" y="${HEIGHT - 12}">red ring / red line: hosts or touches untrusted equipment</text></g>`);
  parts.push('</svg>');
  return { svg: parts.join('\n'), ...(countries ? {} : { note: 'world-atlas is not installed: the map shows sites and links without country outlines' }) };
}
