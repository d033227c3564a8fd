// The report's map as inline SVG, drawn at render time with d3-geo over world-atlas country
// outlines: sites coloured by the worst exposure of their sensitive flows, links between sites
// red when they touch untrusted equipment. Where sites crowd (the same grouping as the dashboard's
// clusters, map-frame.ts), a lettered frame on the map and an inset below it at a larger scale with
// finer outlines. No script, no network: the SVG is plain markup.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { GeoPath, GeoProjection } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection, Geometry } from 'geojson';
import { attrText, esc } from './escape.js';
import type { ReportModel, ReportSite } from './model.js';
import { denseRegions, EXPOSURE_COLOURS, frameProjection, MAP_HEIGHT as HEIGHT, MAP_WIDTH as WIDTH } from './map-frame.js';

export { EXPOSURE_COLOURS };

type Resolution = '110m' | '50m';
type Located = ReportSite & { lat: number; lon: number };

const countriesCache = new Map<Resolution, FeatureCollection<Geometry> | null>();

function loadCountries(r: Resolution): FeatureCollection<Geometry> | null {
  if (countriesCache.has(r)) return countriesCache.get(r)!;
  let fc: FeatureCollection<Geometry> | null = null;
  try {
    const require = createRequire(import.meta.url);
    const topo = JSON.parse(readFileSync(require.resolve(`world-atlas/countries-${r}.json`), 'utf8')) as Topology<{ countries: GeometryCollection }>;
    fc = feature(topo, topo.objects.countries) as FeatureCollection<Geometry>;
  } catch {
    fc = null;
  }
  countriesCache.set(r, fc);
  return fc;
}

const round = (d: string | null): string => (d ?? '').replace(/-?\d+\.\d+/g, (n) => String(Math.round(Number(n) * 10) / 10));

/** One map's drawing: its projection and what it shows. */
interface Frame {
  projection: GeoProjection;
  path: GeoPath;
  located: Located[];
  /** the attribute naming each site's circle: the main map's is what tests and scripts read */
  siteAttr: 'data-site' | 'data-inset-site';
}

function countriesLayer(countries: FeatureCollection<Geometry> | null, path: GeoPath): string {
  if (!countries) return '';
  const parts = ['<g class="countries" fill="#fafafa" stroke="#b0bec5" stroke-width="0.5">'];
  for (const f of countries.features) {
    const d = round(path(f));
    if (d) parts.push(`<path d="${esc(d)}"/>`);
  }
  parts.push('</g>');
  return parts.join('\n');
}

function linksLayer(model: ReportModel, f: Frame): string {
  const pos = new Map(f.located.map((s) => [s.id, s]));
  const parts = ['<g class="links" fill="none">'];
  for (const l of model.links) {
    const a = pos.get(l.a), b = pos.get(l.b);
    if (!a || !b) continue;
    const d = round(f.path({ type: 'LineString', coordinates: [[a.lon, a.lat], [b.lon, b.lat]] }));
    if (!d) continue;
    const colour = l.untrusted ? EXPOSURE_COLOURS.all : '#546e7a';
    const w = Math.min(4, 0.8 + Math.log2(l.links));
    parts.push(
      `<path d="${esc(d)}" stroke="${colour}" stroke-width="${w.toFixed(1)}" stroke-opacity="0.7"><title>${attrText(l.a)} – ${attrText(l.b)}${esc(`: ${l.links} link(s), ${l.untrusted} touching untrusted equipment`)}</title></path>`,
    );
  }
  parts.push('</g>');
  return parts.join('\n');
}

/** measured paths (traceroutes): dashed, through the hops that have a location */
function measuredLayer(model: ReportModel, path: GeoPath): string {
  const parts = ['<g class="measured-paths" fill="none" stroke-dasharray="5 3">'];
  for (const l of model.paths?.lines ?? []) {
    const d = round(path({ type: 'LineString', coordinates: l.points }));
    if (!d) continue;
    const colour = l.exposed ? EXPOSURE_COLOURS.all : '#1565c0';
    parts.push(`<path d="${esc(d)}" stroke="${colour}" stroke-width="${Math.min(3.5, 1 + Math.log2(l.count)).toFixed(1)}" stroke-opacity="0.75"><title>measured path ${attrText(l.site)} → ${attrText(l.destination)}${esc(`: ${l.count} traceroute(s)${l.exposed ? ', crosses untrusted equipment' : ''}`)}</title></path>`);
  }
  parts.push('</g>');
  return parts.join('\n');
}

function sitesLayer(f: Frame, width: number, height: number): string {
  const parts = ['<g class="sites" stroke="#212121">'];
  for (const s of f.located) {
    const p = f.projection([s.lon, s.lat]);
    if (!p || p[0] < 0 || p[1] < 0 || p[0] > width || p[1] > height) continue;
    const fill = EXPOSURE_COLOURS[s.flowExposure ?? 'endpoint-free'];
    const r = Math.min(9, 3 + Math.sqrt(s.devices));
    const stroke = s.untrustedDevices ? ` stroke="${EXPOSURE_COLOURS.all}" stroke-width="2.5"` : ' stroke-width="0.8"';
    // names isolated (FSI … PDI): a tooltip is one line of plain text
    const title = `${attrText(s.name)} (${attrText(s.country ?? '??')})${esc(`: ${s.devices} device(s), ${s.untrustedDevices} untrusted; sensitive flows: ${s.flowExposure ?? 'none end here'}`)}`;
    parts.push(`<circle cx="${p[0].toFixed(1)}" cy="${p[1].toFixed(1)}" r="${r.toFixed(1)}" fill="${fill}"${stroke} ${f.siteAttr}="${esc(s.id)}"><title>${title}</title></circle>`);
  }
  parts.push('</g>');
  return parts.join('\n');
}

function legendLayer(): string {
  const legend: Array<[string, string]> = [
    [EXPOSURE_COLOURS.all, 'sensitive flow exposed on every shortest path'],
    [EXPOSURE_COLOURS.some, 'exposed on some shortest paths'],
    [EXPOSURE_COLOURS.none, 'sensitive flows not exposed'],
    [EXPOSURE_COLOURS.unreachable, 'sensitive flow unreachable'],
    [EXPOSURE_COLOURS['endpoint-free'], 'no sensitive flow ends here'],
  ];
  const parts = [`<g class="legend" font-size="11" font-family="sans-serif"><rect x="8" y="${HEIGHT - 18 * legend.length - 30}" width="300" height="${18 * legend.length + 24}" fill="#ffffff" fill-opacity="0.85"/>`];
  legend.forEach(([c, t], i) => {
    const y = HEIGHT - 18 * legend.length - 16 + i * 18;
    parts.push(`<circle cx="20" cy="${y}" r="5" fill="${c}"/><text x="32" y="${y + 4}">${esc(t)}</text>`);
  });
  parts.push(`<circle cx="20" cy="${HEIGHT - 16}" r="5" fill="#ffffff" stroke="${EXPOSURE_COLOURS.all}" stroke-width="2.5"/><text x="32" y="${HEIGHT - 12}">red ring / red line: hosts or touches untrusted equipment</text></g>`);
  return parts.join('\n');
}

const INSET_W = 300, INSET_H = 210, INSET_TITLE = 18, INSET_GAP = 20, INSETS_PER_ROW = 3;

/** The lettered frame on the main map around a region's sites. */
function regionFrame(letter: string, sites: readonly Located[], projection: GeoProjection): string {
  const xy = sites.map((s) => projection([s.lon, s.lat])).filter((p): p is [number, number] => !!p);
  const xs = xy.map((p) => p[0]), ys = xy.map((p) => p[1]);
  const [x0, y0] = [Math.min(...xs) - 8, Math.min(...ys) - 8];
  const [w, h] = [Math.max(...xs) + 8 - x0, Math.max(...ys) + 8 - y0];
  return `<g class="inset-frame" fill="none" stroke="#37474f" stroke-dasharray="3 2"><rect x="${x0.toFixed(1)}" y="${y0.toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}"/><text x="${(x0 + w + 3).toFixed(1)}" y="${(y0 + 10).toFixed(1)}" fill="#37474f" stroke="none" font-size="12" font-weight="bold" font-family="sans-serif">${letter}</text></g>`;
}

function regionTitle(letter: string, sites: readonly Located[]): string {
  const countries = [...new Set(sites.map((s) => s.country).filter((c): c is string => !!c))].sort();
  const shown = countries.slice(0, 5).join(', ') + (countries.length > 5 ? ', …' : '');
  return `${letter} · ${sites.length} sites${shown ? ` (${shown})` : ''}`;
}

/** The inset of one region, at `at` below the main map: its own framing, finer outlines, every site inside. */
function inset(model: ReportModel, letter: string, region: readonly Located[], located: Located[], at: [number, number]): string {
  const framed = frameProjection(region.map((s) => [s.lon, s.lat] as const), INSET_W, INSET_H, 0.2)!;
  const f: Frame = { ...framed, located, siteAttr: 'data-inset-site' };
  return [
    `<g class="inset" data-inset="${letter}" data-inset-sites="${region.length}">`,
    `<text x="${at[0]}" y="${at[1] + 13}" font-size="12" font-family="sans-serif" fill="#263238">${attrText(regionTitle(letter, region))}</text>`,
    `<svg x="${at[0]}" y="${at[1] + INSET_TITLE}" width="${INSET_W}" height="${INSET_H}" viewBox="0 0 ${INSET_W} ${INSET_H}">`,
    `<rect width="${INSET_W}" height="${INSET_H}" fill="#e3f2fd" stroke="#37474f"/>`,
    countriesLayer(loadCountries('50m') ?? loadCountries('110m'), f.path),
    linksLayer(model, f),
    sitesLayer(f, INSET_W, INSET_H),
    '</svg></g>',
  ].join('\n');
}

/** The map's SVG markup, or null (with the reason) when it cannot be drawn. */
export function renderMapSvg(model: ReportModel): { svg: string | null; note?: string } {
  const located = model.sites.filter((s): s is Located => s.lat !== null && s.lon !== null);
  const measured = model.paths?.lines ?? [];
  if (!located.length && !measured.length) return { svg: null, note: 'no site has coordinates: no map' };
  const countries = loadCountries('110m');
  const points: Array<readonly [number, number]> = located.map((s) => [s.lon, s.lat]);
  for (const l of measured) points.push(...l.points);
  const framed = frameProjection(points)!;
  const main: Frame = { ...framed, located, siteAttr: 'data-site' };
  const regions = denseRegions(located.map((s) => [s.lon, s.lat] as const), framed.projection).map((r) => r.map((i) => located[i]!));
  const letters = regions.map((_, i) => String.fromCharCode(65 + i));
  const rows = Math.ceil(regions.length / INSETS_PER_ROW);
  const height = HEIGHT + rows * (INSET_TITLE + INSET_H + INSET_GAP);
  const parts = [
    `<svg class="map" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Map of sites and links coloured by exposure${regions.length ? `, with ${regions.length} inset(s) where sites crowd` : ''}">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#e3f2fd"/>`,
    countriesLayer(countries, main.path),
    linksLayer(model, main),
    measuredLayer(model, main.path),
    sitesLayer(main, WIDTH, HEIGHT),
    ...regions.map((r, i) => regionFrame(letters[i]!, r, main.projection)),
    legendLayer(),
    ...regions.map((r, i) => inset(model, letters[i]!, r, located, [10 + (i % INSETS_PER_ROW) * (INSET_W + INSET_GAP), HEIGHT + INSET_GAP / 2 + Math.floor(i / INSETS_PER_ROW) * (INSET_TITLE + INSET_H + INSET_GAP)])),
    '</svg>',
  ];
  return { svg: parts.join('\n'), ...(countries ? {} : { note: 'world-atlas is not installed: the map shows sites and links without country outlines' }) };
}
