// Measured-path exposure (issue 8): which of the organisation's traceroutes cross untrusted
// vendors' routers, ASes or countries, at which hop, how often, over a time window; routers
// identified by the snapshot's devices (and, from the CLI, discovery files). Run as
// `cleanpath paths exposure`, served as /paths-exposure; the work is src/paths/run.ts.
import { z } from 'zod';
import { isInputError } from '../model/index.js';
import { analysePathExposure, lastDays, type EnrichmentFiles, type PathExposureDocument, type WindowFilter } from '../paths/index.js';
import { openStore, type Store } from '../store/index.js';
import { defineAnalysis, paramName, type AnalysisDocument, type AnalysisSource, type ColumnSpec, type RunEnv, type TableRow } from './define.js';
import { countriesParam, intParam, paramCli, textListParam, vendorsParam } from './params.js';
import { DEFAULT_UNTRUSTED, resolveVendors, snapshotProfile } from './untrusted.js';

/** The side inputs only the CLI names: traceroute and discovery files, enrichment data. */
export interface PathsExposureSource extends AnalysisSource, EnrichmentFiles {
  /** Traceroute files analysed directly instead of the stored measurements. */
  files?: string[];
  /** Start time (seconds) for mtr and traceroute text files, which print none. */
  time?: number;
  /** `cleanpath probe snmp --json` outputs identifying hop addresses. */
  discovery?: string[];
  /** The caller's open store (the server's), left open; else `db` is opened for the run. */
  store?: Store;
  /** How the document names the store (the CLI's --db); absent, as in the API, it says "store". */
  storeLabel?: string;
}

export type PathsExposureAnalysis = PathExposureDocument & AnalysisDocument;

/** A date (YYYY-MM-DD, UTC midnight), an ISO time or seconds since the epoch → seconds; undefined when none of those. */
export function timeSeconds(v: string): number | undefined {
  const t = /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(`${v}T00:00:00Z`) : /^\d+$/.test(v) ? Number(v) * 1000 : Date.parse(v);
  return Number.isFinite(t) ? Math.floor(t / 1000) : undefined;
}

export const TIME_FORMS = 'a date (YYYY-MM-DD), an ISO time or seconds since the epoch';

function timeParam(description: string, example: string) {
  const s = z
    .string()
    .max(64)
    .transform((v, ctx) => timeSeconds(v) ?? (ctx.addIssue({ code: 'custom', message: `expected ${TIME_FORMS}, got "${v}"` }), z.NEVER))
    .optional()
    .meta({ description: `${description}: ${TIME_FORMS}`, examples: [example] });
  paramCli.add(s, { valueName: '<date>' });
  return s;
}

/** `4134,AS4837` → [4134, 4837] */
function asnsParam(description: string) {
  const asn = z.string().transform((part, ctx) => {
    const n = Number(part.replace(/^as/i, ''));
    if (/^(as)?\d+$/i.test(part) && n > 0 && n <= 0xffffffff) return n;
    ctx.addIssue({ code: 'custom', message: `"${part}" is not an AS number (e.g. 4134 or AS4837)` });
    return z.NEVER;
  });
  const s = z
    .string()
    .max(2000)
    .transform((v) => [...new Set(v.split(',').map((x) => x.trim()).filter(Boolean))])
    .pipe(z.array(asn).max(50))
    .optional()
    .meta({ description: `${description}; comma separated`, examples: ['4134,4837,9808,58453'] });
  paramCli.add(s, { valueName: '<asns>', list: true });
  return s;
}

/** `work` on the caller's open store, else on `db` opened read-only for it. */
async function onStore<T>(source: PathsExposureSource, work: (store: Store) => Promise<T>): Promise<T> {
  if (source.store) return work(source.store);
  const store = openStore(source.db, { readonly: true });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** The time window and sites; `days` counts back from `until`, else from the newest stored measurement. */
async function windowOf(source: PathsExposureSource, p: { since?: number; until?: number; site?: string[]; days?: number }): Promise<WindowFilter> {
  const window: WindowFilter = { ...(source.organisation !== undefined && { organisation: source.organisation }) };
  if (p.since !== undefined) window.since = p.since;
  if (p.until !== undefined) window.until = p.until;
  if (p.site?.length) window.sites = p.site;
  if (p.days === undefined) return window;
  // Counting back from the newest stored measurement needs the store.
  if (window.until === undefined && !source.files?.length) return onStore(source, (store) => lastDays(store, window, p.days!));
  return lastDays(undefined, window, p.days);
}

/** Vendor names → slugs: the catalog's, else a vendor the snapshot's devices carry. */
async function untrustedSlugs(names: readonly string[], source: PathsExposureSource, env: RunEnv): Promise<string[]> {
  const where = paramName(env, 'untrusted');
  try {
    return resolveVendors(names, where);
  } catch (e) {
    if (!isInputError(e)) throw e;
    let profile;
    try {
      profile = await onStore(source, async (store) => snapshotProfile(store, (await store.resolveSnapshot(source.snapshot, source.organisation)).id));
    } catch {
      // No store or snapshot to look in: the catalog's answer stands.
      throw e;
    }
    return resolveVendors(names, where, profile);
  }
}

const col = (id: string, label: string, description: string, key?: true): ColumnSpec => ({ id, label, description, ...(key && { key }) });
const iso = (t: number) => new Date(t * 1000).toISOString();

export const DESTINATION_COLUMNS: readonly ColumnSpec[] = [
  col('site', 'Site', 'where the paths were measured from', true),
  col('destination', 'Destination', 'the destination measured', true),
  col('measurements', 'Paths', 'measured paths in the window'),
  col('exposed', 'Exposed', 'of them, paths with an untrusted hop'),
  col('share', 'Share', 'exposed / paths'),
  col('first', 'First', 'the first measurement, ISO time'),
  col('last', 'Last', 'the last measurement, ISO time'),
  col('untrusted_hops', 'Untrusted hops', 'each distinct untrusted hop: hop number, address, reasons, how often'),
];

function crossingColumns(what: string): readonly ColumnSpec[] {
  return [
    col('key', what, `the ${what.toLowerCase()} crossed`, true),
    col('name', 'Name', 'its name, when the enrichment data gives one'),
    col('untrusted', 'Untrusted', 'whether it makes a path exposed'),
    col('measurements', 'Paths', 'measured paths crossing it'),
    col('sites', 'Sites', 'sites those paths were measured from'),
    col('destinations', 'Destinations', 'their destinations'),
    col('ttl_min', 'First hop', 'the lowest hop number it was seen at'),
    col('ttl_max', 'Last hop', 'the highest hop number it was seen at'),
  ];
}

const crossingRows = (rows: PathExposureDocument['byAs']): TableRow[] =>
  rows.map((r) => ({ key: r.key, name: r.label ?? null, untrusted: r.untrusted, measurements: r.measurements, sites: r.sites, destinations: r.destinations, ttl_min: r.ttlMin, ttl_max: r.ttlMax }));

const ROUTER_COLUMNS: readonly ColumnSpec[] = [
  col('router', 'Router', 'the router: its addresses grouped by SNMP engine ID, boots and time', true),
  col('name', 'Name', 'its name in the snapshot'),
  col('vendor', 'Vendor', 'its vendor'),
  col('confidence', 'Confidence', 'confidence of the vendor'),
  col('addresses', 'Addresses', 'its interface addresses seen on the paths'),
  col('untrusted', 'Untrusted', 'whether it makes a path exposed'),
  col('measurements', 'Paths', 'measured paths crossing it'),
  col('sites', 'Sites', 'sites those paths were measured from'),
  col('ttl_min', 'First hop', 'the lowest hop number it was seen at'),
  col('ttl_max', 'Last hop', 'the highest hop number it was seen at'),
];

export const pathsExposure = defineAnalysis({
  id: 'paths-exposure',
  command: 'paths exposure',
  title: 'Measured-path exposure',
  summary: 'Which measured paths cross untrusted vendors, ASes or countries, at which hop, how often; per site, destination, AS, country and vendor',
  help: `A path is exposed when any hop answered from an untrusted router (its vendor from SNMPv3
discovery or the store), an AS or a country to avoid. Late replies (RIPE Atlas "late")
are not counted as their hop's address. Routers are grouped by engine ID, boots and
engine time (alias resolution), so one router seen from several interfaces counts once.
Traceroute files given as arguments are analysed instead of the stored measurements
(imported with cleanpath paths import).`,
  examples: [
    'cleanpath paths exposure --days 30 --avoid-as 4134,4837,9808,58453 --avoid-country CN',
    'cleanpath paths exposure --untrusted huawei,zte --site atlas-probe-6001 --json',
    'cleanpath paths exposure tr.txt --discovery hops.json --asn-table ip2asn-v4.tsv',
  ],
  params: z.object({
    untrusted: vendorsParam(`untrusted vendors (default ${DEFAULT_UNTRUSTED.join(',')} when no avoid-* is given)`),
    avoidAs: asnsParam('also avoid these ASes'),
    avoidCountry: countriesParam('also avoid hops in these countries (from the enrichment data, else the device)', 'CN'),
    avoidOperator: textListParam('also avoid routers of these operators (from the store)', 'Example Telecom'),
    site: textListParam('only paths measured from these sites', 'atlas-probe-6001'),
    since: timeParam('window start (inclusive)', '2026-11-01'),
    until: timeParam('window end (exclusive)', '2026-12-01'),
    days: intParam('window of the last N days, up to until, else the newest measurement', undefined, { max: 3660 }),
    examples: intParam('exposed measurements shown hop by hop in JSON', 20, { min: 0, max: 200 }),
  }),
  sources: 'snapshot',
  async run(source: PathsExposureSource, p, env): Promise<PathsExposureAnalysis> {
    const files = source.files ?? [];
    const untrusted = p.untrusted && (await untrustedSlugs(p.untrusted, source, env));
    const doc = await analysePathExposure({
      ...(source.store ? { store: source.store } : { db: source.db }),
      asnTables: source.asnTables ?? [], rirFiles: source.rirFiles ?? [], mmdbFiles: source.mmdbFiles ?? [],
      ...(source.organisation !== undefined && { organisation: source.organisation }),
      ...(files.length ? { files } : {}),
      ...(source.snapshot !== undefined && { snapshot: source.snapshot }),
      ...(source.discovery && { discovery: source.discovery }),
      ...(source.time !== undefined && { time: source.time }),
      window: await windowOf(source, p),
      ...(untrusted && { untrusted }),
      ...(p.avoidAs && { avoidAs: p.avoidAs }),
      ...(p.avoidCountry && { avoidCountry: p.avoidCountry }),
      ...(p.avoidOperator && { avoidOperator: p.avoidOperator }),
      examples: p.examples,
    });
    // The store's path is the caller's business only when the caller named it.
    const sources = files.length ? doc.sources : { ...doc.sources, measurements: source.storeLabel ?? 'store' };
    const none = files.length ? `no measurement in ${files.join(', ')} within the window` : 'no measured path in the window: widen it (since, until, days, site) or import traceroutes (cleanpath paths import FILES)';
    return { ...doc, sources, nothingToAnalyse: doc.summary.measurements ? null : none };
  },
  tables: [
    {
      id: 'destinations',
      title: 'Per site and destination',
      columns: DESTINATION_COLUMNS,
      rows: (d) => d.byDestination.map((x) => ({
        site: x.site, destination: x.destination, measurements: x.measurements, exposed: x.exposed, share: x.share, first: iso(x.firstTime), last: iso(x.lastTime),
        untrusted_hops: x.hits.map((h) => `${h.ttl} ${h.address} ${h.reasons.join('+')} x${h.count}`).join('; '),
      })),
    },
    {
      id: 'sites',
      title: 'Per site',
      columns: [
        col('site', 'Site', 'where the paths were measured from', true),
        col('measurements', 'Paths', 'measured paths in the window'),
        col('exposed', 'Exposed', 'of them, paths with an untrusted hop'),
        col('destinations', 'Destinations', 'destinations measured'),
        col('first', 'First', 'the first measurement, ISO time'),
        col('last', 'Last', 'the last measurement, ISO time'),
      ],
      rows: (d) => d.bySite.map((s) => ({ site: s.site, measurements: s.measurements, exposed: s.exposed, destinations: s.destinations, first: iso(s.firstTime), last: iso(s.lastTime) })),
    },
    { id: 'ases', title: 'Crossed ASes', columns: crossingColumns('AS'), rows: (d) => crossingRows(d.byAs) },
    { id: 'countries', title: 'Crossed countries', columns: crossingColumns('Country'), rows: (d) => crossingRows(d.byCountry) },
    { id: 'vendors', title: 'Vendors of identified hops', columns: crossingColumns('Vendor'), rows: (d) => crossingRows(d.byVendor) },
    {
      id: 'routers',
      title: 'Routers on measured paths',
      columns: ROUTER_COLUMNS,
      rows: (d) => d.routerRows.map((r) => ({
        router: r.router, name: r.name ?? null, vendor: r.vendor, confidence: r.confidence, addresses: r.addresses.join(' '), untrusted: r.untrusted,
        measurements: r.measurements, sites: r.sites, ttl_min: r.ttlMin, ttl_max: r.ttlMax,
      })),
    },
  ],
});

