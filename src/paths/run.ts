// The two runs the CLI, report and API share: import (parse → enrich → store) and exposure
// (measurements of a window × routers of a snapshot and discovery files × predicates →
// aggregates). I/O at the edges only; the work is in the pure modules beside this one.
import { readFileSync } from 'node:fs';
import { InputError, type Device } from '../model/index.js';
import { openStore, type MeasuredPath, type MeasurementWindow, type PathImportSummary, type Store } from '../store/index.js';
import { describeEnrichment, Enricher, loadEnrichmentData, type EnrichmentFiles } from './enrich/enricher.js';
import { compilePredicate, describePredicate, evaluateMeasurement, PathAggregator, type PathAggregates, type PathAvoidOptions } from './exposure.js';
import { identitiesFromDevices, identitiesFromProbeJson, resolveRouters, type AddressIdentity, type RouterIndex } from './identity.js';
import { readTraceFile } from './parse/read.js';
import { factsFor } from './store.js';

export interface PathImportOptions extends EnrichmentFiles {
  /** The store: an SQLite file or a postgres:// URL, opened for this import ... */
  db: string;
  /** ... unless the caller's open store is given (then left open). */
  store?: Store;
  site?: string;
  time?: number;
  /** Organisation name (default 'default'). */
  organisation?: string;
  onWarning?: (text: string) => void;
  onProgress?: (measurements: number) => void;
}

/** Traceroutes sent to the store per call: one statement per batch on PostgreSQL. */
const IMPORT_BATCH = 500;

/** Reads every file, enriches each hop address once, and stores all in one transaction. */
export async function importPaths(files: readonly string[], opts: PathImportOptions): Promise<PathImportSummary & { enrichment: string[] }> {
  const data = loadEnrichmentData(opts);
  const enricher = new Enricher(data);
  const enrichment = describeEnrichment(data);
  const warnings: string[] = [];
  const store = opts.store ?? openStore(opts.db);
  try {
    const writer = await store.beginPathImport({ files: [...files], enrichment, ...(opts.organisation !== undefined ? { organisation: opts.organisation } : {}) });
    try {
      let n = 0;
      let batch: MeasuredPath[] = [];
      for (const file of files) {
        for await (const m of readTraceFile(file, {
          ...(opts.site !== undefined ? { site: opts.site } : {}),
          ...(opts.time !== undefined ? { time: opts.time } : {}),
          onWarning: (w) => {
            const text = `${w.file}${w.line !== undefined ? `:${w.line}` : ''}: ${w.message}`;
            warnings.push(text);
            opts.onWarning?.(text);
          },
        })) {
          batch.push({ measurement: m, facts: factsFor(m, (a) => enricher.facts(a)) });
          if (batch.length === IMPORT_BATCH) {
            await writer.add(batch);
            batch = [];
          }
          if (++n % 1000 === 0) opts.onProgress?.(n);
        }
      }
      await writer.add(batch);
      return { ...(await writer.commit(warnings)), enrichment };
    } catch (e) {
      await writer.rollback();
      throw e;
    }
  } finally {
    if (!opts.store) await store.close();
  }
}

export interface PathExposureOptions extends PathAvoidOptions, EnrichmentFiles {
  /** Read measurements from the store (default): an SQLite file or a postgres:// URL ... */
  db?: string;
  /** ... or the caller's open store (left open); it also gives the snapshot's devices. */
  store?: Store;
  /** ... or straight from traceroute files, without a store. */
  files?: string[];
  site?: string;
  time?: number;
  /** Snapshot whose devices identify hop addresses (default: the latest, when the store has one). */
  snapshot?: string;
  /** `cleanpath probe snmp --json` outputs. */
  discovery?: string[];
  window?: MeasurementWindow;
  rebootToleranceS?: number;
  examples?: number;
  /** Organisation name (default 'default'): its measurements and its snapshot only. */
  organisation?: string;
}

export interface PathExposureDocument {
  window: { since: string | null; until: string | null; first: string | null; last: string | null };
  predicate: ReturnType<typeof describePredicate>;
  sources: { measurements: string; snapshot: string | null; discovery: string[]; enrichment: string[] };
  routers: { identified: number; aliases: number };
  summary: Omit<PathAggregates, 'bySite' | 'byDestination' | 'byAs' | 'byCountry' | 'byVendor' | 'routers' | 'examples' | 'firstTime' | 'lastTime'>;
  bySite: PathAggregates['bySite'];
  byDestination: PathAggregates['byDestination'];
  byAs: PathAggregates['byAs'];
  byCountry: PathAggregates['byCountry'];
  byVendor: PathAggregates['byVendor'];
  routerRows: PathAggregates['routers'];
  examples: PathAggregates['examples'];
  notes: string[];
}

const iso = (t: number | null | undefined) => (t === null || t === undefined ? null : new Date(t * 1000).toISOString());

function readDiscovery(file: string): AddressIdentity[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(file, undefined, `cannot read discovery results (expected \`cleanpath probe snmp --json\` output): ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!Array.isArray(doc)) throw new InputError(file, 1, 'expected a JSON array of `probe snmp --json` results');
  return identitiesFromProbeJson(doc, file);
}

/** Devices of a snapshot, when the store holds one. */
async function snapshotDevices(store: Store, snapshot: string | undefined, organisation: string | undefined, notes: string[]): Promise<{ name: string | null; devices: Device[] }> {
  if (snapshot === undefined && (await store.listSnapshots(organisation)).length === 0) {
    notes.push('the store holds no snapshot: hops identified from discovery files only');
    return { name: null, devices: [] };
  }
  const s = await store.resolveSnapshot(snapshot, organisation);
  return { name: s.name, devices: await store.devices(s.id) };
}

/**
 * `opts.store`, else the store at `opts.db` opened read-only for `work` and closed after. A file
 * that cannot be opened is `work(undefined, error)`: analysing traceroute files needs no store.
 */
async function withStore<T>(opts: { store?: Store; db?: string }, work: (store: Store | undefined, error?: unknown) => Promise<T>): Promise<T> {
  if (opts.store) return work(opts.store);
  if (opts.db === undefined) return work(undefined);
  let store: Store;
  try {
    store = openStore(opts.db, { readonly: true });
  } catch (e) {
    return work(undefined, e);
  }
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

type RouterOptions = Pick<PathExposureOptions, 'db' | 'store' | 'snapshot' | 'discovery' | 'rebootToleranceS' | 'organisation'>;

/** Routers from a snapshot's devices and discovery files, aliases resolved. */
export async function loadRouters(opts: RouterOptions, notes: string[]): Promise<{ index: RouterIndex; snapshot: string | null }> {
  return withStore(opts, (store, error) => routersFrom(store, error, opts, notes));
}

async function routersFrom(store: Store | undefined, error: unknown, opts: RouterOptions, notes: string[]): Promise<{ index: RouterIndex; snapshot: string | null }> {
  const ids: AddressIdentity[] = [];
  let snapshot: string | null = null;
  if (store) {
    const s = await snapshotDevices(store, opts.snapshot, opts.organisation, notes);
    snapshot = s.name;
    ids.push(...identitiesFromDevices(s.devices));
  } else if (error !== undefined) {
    if (opts.snapshot !== undefined) throw error;
    notes.push(`no store at ${opts.db}: hops identified from discovery files only`);
  }
  for (const f of opts.discovery ?? []) ids.push(...readDiscovery(f));
  return { index: resolveRouters(ids, opts.rebootToleranceS), snapshot };
}

export async function analysePathExposure(opts: PathExposureOptions): Promise<PathExposureDocument> {
  return withStore(opts, (store, error) => exposureWith(store, error, opts));
}

/** One store (or none, for files analysed directly) gives both the routers and the measurements. */
async function exposureWith(store: Store | undefined, error: unknown, opts: PathExposureOptions): Promise<PathExposureDocument> {
  const notes: string[] = [];
  const predicate = compilePredicate(opts);
  const { index, snapshot } = await routersFrom(store, error, opts, notes);
  const enrichFiles = Boolean(opts.asnTables?.length || opts.rirFiles?.length || opts.mmdbFiles?.length);
  const data = enrichFiles ? loadEnrichmentData(opts) : undefined;
  const enricher = data ? new Enricher(data) : undefined;
  const agg = new PathAggregator(index, predicate, opts.examples ?? 20);
  let source: string;
  const w = opts.window ?? {};
  if (opts.files?.length) {
    source = opts.files.join(', ');
    if (!enricher) notes.push('no enrichment data given (--asn-table, --rir, --mmdb): hops have no AS or country');
    const lookup = enricher ? (a: string) => enricher.facts(a) : () => undefined;
    for (const file of opts.files) {
      for await (const m of readTraceFile(file, {
        ...(opts.site !== undefined ? { site: opts.site } : {}),
        ...(opts.time !== undefined ? { time: opts.time } : {}),
        onWarning: (x) => notes.length < 50 && notes.push(`${x.file}${x.line !== undefined ? `:${x.line}` : ''}: ${x.message}`),
      })) {
        if (w.since !== undefined && m.time < w.since) continue;
        if (w.until !== undefined && m.time >= w.until) continue;
        if (w.sites?.length && !w.sites.includes(m.site)) continue;
        agg.add(evaluateMeasurement(m, lookup, index, predicate));
      }
    }
  } else {
    if (!store) throw error ?? new InputError('paths exposure', undefined, 'give --db or traceroute files');
    // The store's path, never its URL's password.
    source = store.path;
    for await (const s of store.iterateMeasurements({ ...w, ...(opts.organisation !== undefined ? { organisation: opts.organisation } : {}) })) {
      const lookup = enricher ? (a: string) => enricher.facts(a) : (a: string) => s.facts[a];
      agg.add(evaluateMeasurement(s.measurement, lookup, index, predicate, s.id));
    }
  }
  const r = agg.result();
  if (r.measurements === 0) notes.push('no measurement in the window');
  if (index.routers.length === 0) notes.push('no router identity known (probe the hops with `cleanpath probe snmp --import`, or give --discovery): vendors are not evaluated');
  const { bySite, byDestination, byAs, byCountry, byVendor, routers, examples, firstTime, lastTime, ...summary } = r;
  return {
    window: { since: iso(w.since), until: iso(w.until), first: iso(firstTime), last: iso(lastTime) },
    predicate: describePredicate(predicate),
    sources: { measurements: source, snapshot, discovery: opts.discovery ?? [], enrichment: data ? describeEnrichment(data) : [] },
    routers: { identified: index.routers.length, aliases: index.routers.filter((x) => x.addresses.length > 1).length },
    summary,
    bySite,
    byDestination,
    byAs,
    byCountry,
    byVendor,
    routerRows: routers,
    examples,
    notes,
  };
}
