// The measured-paths cases of the store conformance suite (conformance.test.ts runs them on
// SQLite and PostgreSQL): what is imported reads back exactly, in (time, import) order, per
// organisation and window; duplicates add nothing; a failed or abandoned import leaves the
// database exactly as it was; stored measurements are append-only.
import assert from 'node:assert/strict';
import type { HopFacts, Measurement } from '../../src/model/index.js';
import { openStore, type MeasuredPath, type Store, type StoredMeasurement, type TokenStore } from '../../src/store/index.js';

/** What these cases need of a fresh database (conformance.test.ts's Fresh has more). */
export interface PathsFresh {
  location: string;
  store: Store;
  tokens: TokenStore;
  dump(): Promise<string>;
  exec(sql: string): Promise<void>;
}

type Case = (name: string, body: (f: PathsFresh) => Promise<void>) => void;

const SITES = ['ramstein', 'aviano', 'atlas-probe-6001'] as const;

/** The i-th measurement: hops with several replies, `*`, late replies, MPLS, IPv6 and hostile text. */
export function measured(i: number, time = 1_764_547_200 + i * 60): MeasuredPath {
  const six = i % 5 === 4;
  const hop = (k: number): string => (six ? `2001:db8::${k.toString(16)}:${i.toString(16)}` : `198.51.${k}.${i % 250}`);
  const measurement: Measurement = {
    format: (['ripe-atlas', 'mtr', 'scamper', 'traceroute'] as const)[i % 4]!,
    file: `trace-${i % 3}.json`,
    line: i + 1,
    site: SITES[i % SITES.length]!,
    ...(six ? {} : { srcAddress: '192.0.2.10' }),
    dstAddress: six ? '2001:db8::80' : '203.0.113.80',
    ...(i % 2 ? { dstName: `portal-${i % 7}.example "<b>'\t` } : {}),
    time,
    af: six ? 6 : 4,
    ...(i % 4 === 0 ? { msmId: 5001, probeId: 6001, protocol: 'ICMP' } : {}),
    hops: [
      { ttl: 1, replies: [{ address: hop(1), rttMs: 0.512, replyTtl: 255 }, { address: hop(1), rttMs: 0.498, dup: true }] },
      { ttl: 2, replies: [{ address: null }, { address: null }, { address: null }] },
      { ttl: 3, replies: [{ address: hop(3), rttMs: 12.25, mpls: [{ label: 16001 + i, exp: 0, s: 1, ttl: 1 }] }, { address: hop(1), late: 2 }] },
      ...(i % 3 === 0 ? [{ ttl: 4, replies: [], error: 'Network unreachable' }] : []),
      { ttl: 5, replies: [{ address: hop(5), rttMs: 30, err: 'H' }] },
    ],
    reached: i % 2 === 0,
  };
  const facts: Record<string, HopFacts> = {
    [hop(1)]: { special: 'documentation' },
    [hop(3)]: { asn: 4134, asName: 'CHINANET-BACKBONE No.31,Jin-rong Street', country: 'CN', countrySource: 'rir' },
    [hop(5)]: i % 2 ? {} : { asn: 3320, country: 'DE', countrySource: 'mmdb', lat: 50.11, lon: 8.68 },
  };
  return { measurement, facts };
}

const stored = (p: MeasuredPath): MeasuredPath => ({ measurement: p.measurement, facts: p.facts });

async function readAll(store: Store, window: Parameters<Store['iterateMeasurements']>[0] = {}): Promise<StoredMeasurement[]> {
  const out: StoredMeasurement[] = [];
  for await (const m of store.iterateMeasurements(window)) out.push(m);
  return out;
}

export function measuredPathCases(tc: Case): void {
  tc('measured paths: one import reads back exactly, in time then import order, by window and site; duplicates add nothing', async ({ store }) => {
    assert.equal(await store.measurementSpan(), null);
    assert.deepEqual(await store.pathImports(), []);
    // 2,300 measurements over fewer distinct times than a page (2,000): paging must break ties by import order
    const all = Array.from({ length: 2300 }, (_, i) => measured(i, 1_764_547_200 + (i % 7) * 3600));
    const w = await store.beginPathImport({ files: ['atlas.json', 'mtr.json'], enrichment: ['iptoasn: 3 rows'] });
    await w.add([all[0]!, all[1]!, all[0]!]); // a duplicate within one batch
    for (let i = 2; i < all.length; i += 500) await w.add(all.slice(i, i + 500));
    await w.add([]);
    const summary = await w.commit(['atlas.json:3: not a traceroute result', 'second']);
    const hops = all.reduce((n, p) => n + p.measurement.hops.length, 0);
    assert.deepEqual({ ...summary, importId: 0 }, { importId: 0, files: ['atlas.json', 'mtr.json'], measurements: 2300, duplicates: 1, hops, warnings: 2 });
    await assert.rejects(() => w.commit([]), /closed/);

    const expected = all.map((p, i) => ({ p, i })).sort((a, b) => a.p.measurement.time - b.p.measurement.time || a.i - b.i).map(({ p }) => stored(p));
    const back = await readAll(store);
    assert.deepEqual(back.map(stored), expected);
    assert.equal(new Set(back.map((m) => m.id)).size, back.length);
    const t0 = 1_764_547_200;
    assert.deepEqual(await store.measurementSpan(), { first: t0, last: t0 + 6 * 3600, count: 2300 });
    const inWindow = (p: MeasuredPath): boolean => p.measurement.time >= t0 + 3600 && p.measurement.time < t0 + 3 * 3600;
    assert.deepEqual((await readAll(store, { since: t0 + 3600, until: t0 + 3 * 3600 })).map(stored), expected.filter(inWindow));
    assert.equal(await store.countMeasurements({ since: t0 + 3600, until: t0 + 3 * 3600 }), expected.filter(inWindow).length);
    const twoSites = expected.filter((p) => ['aviano', 'atlas-probe-6001'].includes(p.measurement.site) && p.measurement.time >= t0 + 5 * 3600);
    assert.deepEqual((await readAll(store, { sites: ['aviano', 'atlas-probe-6001'], since: t0 + 5 * 3600 })).map(stored), twoSites);
    assert.equal(await store.countMeasurements({ sites: ["x' OR 1=1 --"] }), 0);
    assert.equal(await store.countMeasurements(), 2300);

    // the same files again: nothing added, the import still recorded
    const again = await store.beginPathImport({ files: ['atlas.json'], enrichment: [] });
    await again.add(all.slice(0, 10));
    await again.add([measured(9999)]);
    const s2 = await again.commit([]);
    assert.deepEqual([s2.measurements, s2.duplicates, s2.hops], [1, 10, measured(9999).measurement.hops.length]);
    assert.deepEqual((await store.pathImports()).map((x) => ({ ...x, id: 0, importedAt: '' })), [
      { id: 0, importedAt: '', files: ['atlas.json', 'mtr.json'], measurements: 2300, duplicates: 1 },
      { id: 0, importedAt: '', files: ['atlas.json'], measurements: 1, duplicates: 10 },
    ]);
    assert.equal(await store.countMeasurements(), 2301);
  });

  tc('measured paths: per organisation, an unknown one refused or empty, rollback and failure leave the database as it was, append-only, read-only', async (f) => {
    const { store, tokens } = f;
    await tokens.createToken({ organisation: 'acme', role: 'admin', label: 'a' });
    const wa = await store.beginPathImport({ files: ['a'], enrichment: [], organisation: 'acme' });
    await wa.add([measured(1), measured(2)]);
    await wa.commit([]);
    const wd = await store.beginPathImport({ files: ['d'], enrichment: [] });
    await wd.add([measured(1)]); // the same traceroute, another organisation: not a duplicate
    assert.equal((await wd.commit([])).measurements, 1);
    assert.deepEqual((await readAll(store, { organisation: 'acme' })).map(stored), [measured(1), measured(2)]);
    assert.deepEqual((await readAll(store)).map(stored), [measured(1)]);
    assert.equal(await store.countMeasurements({ organisation: 'nobody' }), 0);
    assert.deepEqual(await readAll(store, { organisation: 'nobody' }), []);
    assert.equal(await store.measurementSpan('nobody'), null);
    assert.deepEqual(await store.pathImports('nobody'), []);
    assert.deepEqual((await store.pathImports('acme')).map((x) => x.files), [['a']]);
    await assert.rejects(() => store.beginPathImport({ files: [], enrichment: [], organisation: 'nobody' }), /no organisation named "nobody"/);

    const before = await f.dump();
    const abandoned = await store.beginPathImport({ files: ['x'], enrichment: [] });
    await abandoned.add([measured(3), measured(4)]);
    await abandoned.rollback();
    await abandoned.rollback();
    assert.equal(await f.dump(), before);
    // a row the database refuses (no site) rolls the whole import back, earlier batches included
    const failing = await store.beginPathImport({ files: ['y'], enrichment: [] });
    await failing.add([measured(5)]);
    const bad = measured(6);
    await assert.rejects(() => failing.add([{ ...bad, measurement: { ...bad.measurement, site: null as unknown as string } }]));
    await assert.rejects(() => failing.commit([]), /closed/);
    await failing.rollback();
    assert.equal(await f.dump(), before);

    for (const sql of ["UPDATE path_measurements SET site = 'x'", 'DELETE FROM path_measurements', 'DELETE FROM path_imports', "UPDATE path_imports SET files = '[]'"]) {
      await assert.rejects(() => f.exec(sql), /append-only/, sql);
    }
    assert.equal(await f.dump(), before);

    const ro = openStore(f.location, { readonly: true });
    try {
      assert.deepEqual((await readAll(ro, { organisation: 'acme' })).map(stored), [measured(1), measured(2)]);
      await assert.rejects(() => ro.beginPathImport({ files: [], enrichment: [] }), /read-only/);
    } finally {
      await ro.close();
    }
  });
}
