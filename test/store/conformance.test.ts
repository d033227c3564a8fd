// The store conformance suite: one set of cases run against an SQLite file and a PostgreSQL
// database. Every case checks what it reads back against what it wrote, so both backends answer
// the same; the last case imports the demo scenario through the real pipeline into both and
// compares every read between them.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { writeDemoScenario } from '../../src/demo/index.js';
import { InputError, type Device } from '../../src/model/index.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { GROUP_FIELDS, importFiles, openStore, openTokenStore, type Store, type TokenStore } from '../../src/store/index.js';
import { device, devices, dump, flow, link, site } from '../../src/store/test-helpers.js';
import { createTestDatabase, dumpPg, type TestDatabase } from './pg-database.js';
import { measuredPathCases } from './paths-cases.js';
import { peerMissing } from '../support/peer.js';

const none = { sites: [], links: [], flows: [] };

/** One fresh, empty database of a backend, with raw SQL access beside the store. */
interface Fresh {
  location: string;
  store: Store;
  tokens: TokenStore;
  /** Every row of every table. */
  dump(): Promise<string>;
  /** Runs SQL outside the store (as an intruder would). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

interface Backend {
  name: string;
  skip?: string;
  fresh(): Promise<Fresh>;
}

const dir = mkdtempSync(join(tmpdir(), 'cleanpath-conformance-'));
let n = 0;
const sqlite: Backend = {
  name: 'SQLite',
  async fresh() {
    const path = join(dir, `c${++n}.db`);
    const store = openStore(path);
    const tokens = openTokenStore(path);
    return {
      location: path,
      store,
      tokens,
      dump: async () => dump(path),
      async exec(sql) {
        const db = new Database(path);
        try {
          db.exec(sql);
        } finally {
          db.close();
        }
      },
      async close() {
        await tokens.close();
        await store.close();
      },
    };
  },
};

const databases: TestDatabase[] = [];
const postgres: Backend = {
  name: 'PostgreSQL',
  async fresh() {
    const db = await createTestDatabase('cleanpath_conformance');
    if ('skip' in db) throw new Error(db.skip);
    databases.push(db);
    const store = openStore(db.url);
    const tokens = openTokenStore(db.url);
    await store.schemaVersion(); // migrated before anything else looks
    return {
      location: db.url,
      store,
      tokens,
      dump: () => dumpPg(db.url),
      async exec(sql) {
        const c = new pg.Client({ connectionString: db.url });
        await c.connect();
        try {
          await c.query(sql);
        } finally {
          await c.end();
        }
      },
      async close() {
        await tokens.close();
        await store.close();
      },
    };
  },
};

before(async () => {
  const probe = await createTestDatabase('cleanpath_conformance_probe');
  if ('skip' in probe) postgres.skip = probe.skip;
  else await probe.drop();
});

after(async () => {
  for (const db of databases) await db.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** A device with everything a Device can carry. */
function rich(): Device {
  return {
    ...device(1),
    id: 'core-fra-1',
    model: 'NE40E-X8',
    role: 'router',
    technology: '5g',
    site: 'FRA',
    operator: 'Example Telekom',
    installed: '2019-04-01',
    cost: 125000.5,
    lat: 50.11,
    lon: 8.68,
    supplier: 'Tab\there, new\nline, back\\slash',
    reseller: 'Ünïcødé GmbH 株式会社',
    maintainer: '',
    raw: { declaredVendor: 'Cisco', mac: '00:E0:FC:12:34:56' },
    extra: { rack: 'R12', 'asset tag': 'A-0001' },
    source: { file: 'inventory.csv', line: 7 },
    vendor: 'huawei',
    attribution: {
      vendor: 'huawei',
      confidence: 0.95,
      evidence: [
        { kind: 'declared', raw: 'Cisco', vendor: 'cisco', confidence: 0.6, valid: true, source: { file: 'inventory.csv', line: 7 } },
        { kind: 'sysobjectid', raw: '1.3.6.1.4.1.2011.2.23.1', vendor: 'huawei', confidence: 0.95, valid: true, source: { probe: 'snmp', address: '10.0.0.1', time: '2026-11-28T10:00:00Z' } },
      ],
      conflicts: [{ vendors: ['cisco', 'huawei'], evidence: [0, 1], note: "declared Cisco, but it is Huawei's" }],
    },
  };
}

const withoutVolatile = <T extends { id: number; createdAt: string }>(s: T): Omit<T, 'id' | 'createdAt'> => {
  const { id: _i, createdAt: _c, ...rest } = s;
  return rest;
};

for (const backend of [sqlite, postgres]) {
  describe(`store conformance: ${backend.name}`, () => {
    const tc = (name: string, body: (f: Fresh) => Promise<void>): void => {
      it(name, async (t) => {
        if (backend === postgres && peerMissing(t, 'postgresql', postgres.skip ?? true)) return;
        const f = await backend.fresh();
        try {
          await body(f);
        } finally {
          await f.close();
        }
      });
    };

    tc('a new database has the latest schema version', async ({ store }) => {
      assert.equal(await store.schemaVersion(), MIGRATIONS.at(-1)!.version);
    });

    tc('devices, sites, links, flows and import records read back exactly as written', async ({ store }) => {
      const all = [rich(), ...devices(0, 30)];
      const w = await store.beginImport({ snapshot: 's1', note: 'first' });
      const links = [link('core-fra-1', 'dev-0', 2), { ...link('dev-0', 'elsewhere', 3), id: 'l2', metric: 10, latency: 1.5, capacity: 100, operator: 'op', extra: { fibre: 'yes' } }];
      const flows = [flow('f1', 'dev-0', 'dev-5', 2), { ...flow('f2', 'x', 'y', 3), class: 'normal' as const, volume: 2.5, latencyBound: 20, extra: { c: 'd' } }];
      await w.add({ devices: all, sites: [site('FRA'), site('RMS', { kind: 'military', operator: 'MoD' })], links, flows });
      await w.add({ devices: [], sites: [site('FRA')], links: [], flows: [] }); // an identical repeat passes
      await w.addImportRecord({ file: 'inventory.csv', format: 'inventory-csv', records: 31, warnings: [{ file: 'inventory.csv', line: 9, message: 'bad MAC' }], devices: 31 });
      const info = await w.commit();
      assert.deepEqual(withoutVolatile(info), { name: 's1', note: 'first', devices: 31, sites: 2, links: 2, flows: 2 });
      assert.deepEqual(await store.devices(info.id), all);
      assert.deepEqual(await store.device(info.id, 'core-fra-1'), all[0]);
      assert.equal(await store.device(info.id, 'nope'), undefined);
      assert.deepEqual(await store.sites(info.id), [site('FRA'), site('RMS', { kind: 'military', operator: 'MoD' })]);
      assert.deepEqual(await store.links(info.id), links);
      assert.deepEqual(await store.flows(info.id), flows);
      assert.deepEqual(await store.imports(info.id), [
        { file: 'inventory.csv', format: 'inventory-csv', records: 31, warnings: [{ file: 'inventory.csv', line: 9, message: 'bad MAC' }], devices: 31, importedInto: 's1' },
      ]);
    });

    tc('filters, counts and paging answer the same as the input says', async ({ store }) => {
      const all = devices(0, 2600);
      const w = await store.beginImport({ snapshot: 's' });
      for (let i = 0; i < all.length; i += 700) await w.add({ devices: all.slice(i, i + 700), ...none });
      const { id } = await w.commit();
      const ids = (ds: Device[]): string[] => ds.map((d) => d.id);
      const expect = (pred: (d: Device) => boolean): string[] => ids(all.filter(pred));
      assert.deepEqual(ids(await store.devices(id, { vendor: ['huawei', 'zte'] })), expect((d) => d.vendor === 'huawei' || d.vendor === 'zte'));
      assert.deepEqual(ids(await store.devices(id, { layer: ['core'], country: ['DE'] })), expect((d) => d.layer === 'core' && d.country === 'DE'));
      assert.deepEqual(ids(await store.devices(id, { unknownVendor: true, vendor: ['cisco'] })), expect((d) => d.vendor === null || d.vendor === 'cisco'));
      assert.deepEqual(ids(await store.devices(id, { unknownVendor: false, network: ['military'] })), expect((d) => d.vendor !== null && d.network === 'military'));
      assert.deepEqual(await store.devices(id, { vendor: [] }), []);
      assert.deepEqual(await store.devices(id, { vendor: ["x' OR 1=1 --"] }), []);
      // paging: limit, offset past a page boundary, and the iterator over every page
      assert.deepEqual(ids(await store.devices(id, { vendor: ['nokia'], limit: 7, offset: 300 })), expect((d) => d.vendor === 'nokia').slice(300, 307));
      assert.deepEqual(ids(await store.devices(id, { limit: 1500, offset: 999 })), ids(all.slice(999, 2499)));
      let k = 0;
      for await (const d of store.iterateDevices(id)) assert.deepEqual(d, all[k++]);
      assert.equal(k, all.length);
      // counts: total, grouped with NULL keys, ties broken by key
      assert.deepEqual(await store.countDevices(id, [], { country: ['JP'] }), [{ key: {}, count: all.filter((d) => d.country === 'JP').length }]);
      const byVendor = await store.countDevices(id, ['vendor']);
      const tally = new Map<string | null, number>();
      for (const d of all) tally.set(d.vendor, (tally.get(d.vendor) ?? 0) + 1);
      const order = [...tally].sort((a, b) => b[1] - a[1] || (a[0] === null ? -1 : b[0] === null ? 1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      assert.deepEqual(byVendor, order.map(([vendor, count]) => ({ key: { vendor }, count })));
      const two = await store.countDevices(id, ['country', 'layer'], { unknownVendor: false });
      assert.equal(two.reduce((s, c) => s + c.count, 0), all.filter((d) => d.vendor !== null).length);
      await assert.rejects(() => store.countDevices(id, ['id' as never]), /cannot group devices by "id"/);
    });

    tc('snapshots: names, latest, bases, listing oldest first', async ({ store }) => {
      await assert.rejects(() => store.resolveSnapshot(), /holds no snapshot/);
      const w = await store.beginImport({ snapshot: 'inventory' });
      await w.add({ devices: [rich(), ...devices(0, 20)], sites: [site('FRA')], links: [], flows: [] });
      await w.addImportRecord({ file: 'inv.csv', format: 'inventory-csv', records: 21, warnings: [] });
      const base = await w.commit();
      const w2 = await store.beginImport({ snapshot: 'topology', base: 'inventory' });
      await w2.add({ devices: [device(900)], sites: [], links: [link('dev-1', 'dev-2', 2)], flows: [flow('f', 'dev-1', 'core-fra-1', 2)] });
      await w2.addImportRecord({ file: 'links.csv', format: 'links-csv', records: 2, warnings: [] });
      const top = await w2.commit();
      assert.deepEqual(withoutVolatile(top), { name: 'topology', base: 'inventory', devices: 22, sites: 1, links: 1, flows: 1 });
      assert.deepEqual(await store.devices(top.id), [...(await store.devices(base.id)), device(900)]);
      assert.deepEqual((await store.imports(top.id)).map((i) => [i.file, i.importedInto]), [['inv.csv', 'inventory'], ['links.csv', 'topology']]);
      assert.deepEqual((await store.listSnapshots()).map((s) => s.name), ['inventory', 'topology']);
      assert.equal((await store.resolveSnapshot()).name, 'topology');
      assert.equal((await store.resolveSnapshot('latest')).name, 'topology');
      assert.equal((await store.resolveSnapshot('inventory')).id, base.id);
      await assert.rejects(() => store.resolveSnapshot('nope'), (e: unknown) => e instanceof InputError && /no snapshot named "nope"; available: topology, inventory$/.test(e.message));
      await assert.rejects(() => store.beginImport({ snapshot: 'topology' }), /already exists/);
      await assert.rejects(() => store.beginImport({ snapshot: 'latest' }), /cannot be a snapshot's own name/);
      await assert.rejects(() => store.beginImport({ snapshot: 'x', base: 'nope' }), /no base snapshot named "nope"/);
    });

    tc('organisations: names unique per organisation, another organisation never seen', async ({ store, tokens }) => {
      await tokens.createToken({ organisation: 'acme', role: 'admin', label: 'a' });
      await tokens.createToken({ organisation: 'globex', role: 'admin', label: 'g' });
      for (const org of ['acme', 'globex']) {
        const w = await store.beginImport({ snapshot: 'q1', organisation: org });
        await w.add({ devices: [device(org === 'acme' ? 1 : 2)], ...none });
        await w.commit();
      }
      assert.deepEqual((await store.devices((await store.resolveSnapshot('q1', 'acme')).id)).map((d) => d.id), ['dev-1']);
      assert.deepEqual((await store.devices((await store.resolveSnapshot('q1', 'globex')).id)).map((d) => d.id), ['dev-2']);
      assert.deepEqual(await store.listSnapshots(), []);
      await assert.rejects(() => store.resolveSnapshot('q1'), /no snapshot named "q1"; available: \(none/);
      await assert.rejects(() => store.beginImport({ snapshot: 'q2', base: 'q1' }), /no base snapshot named "q1"/);
      await assert.rejects(() => store.beginImport({ snapshot: 'q2', organisation: 'nobody' }), /no organisation named "nobody"/);
      const w = await store.beginImport({ snapshot: 'q2', base: 'q1', organisation: 'globex' });
      const q2 = await w.commit();
      assert.deepEqual((await store.devices(q2.id)).map((d) => d.id), ['dev-2']);
      assert.deepEqual((await store.listSnapshots('acme')).map((s) => s.name), ['q1']);
      assert.deepEqual(await tokens.organisations(), ['default', 'acme', 'globex']);
    });

    tc('bad input rolls back: the database is exactly as before', async (f) => {
      const { store } = f;
      const w0 = await store.beginImport({ snapshot: 'keep' });
      await w0.add({ devices: devices(0, 300), sites: [site('A')], links: [link('dev-1', 'dev-2', 2)], flows: [] });
      await w0.commit();
      const before = await f.dump();
      // a duplicate id in a later batch, after many rows (already sent in chunks)
      const w = await store.beginImport({ snapshot: 'gone', base: 'keep' });
      await w.add({ devices: devices(1000, 2500), sites: [site('B')], links: Array.from({ length: 700 }, (_, i) => link('a', 'b', i)), flows: [flow('g', 'a', 'b', 2)] });
      await assert.rejects(
        async () => {
          await w.add({ devices: [{ ...device(1007), source: { file: 'b.csv', line: 1 } }], ...none });
          await w.commit();
        },
        (e: unknown) => e instanceof InputError && e.message === 'b.csv:1: device id "dev-1007" appears twice in snapshot "gone" (first at inv.csv:1009)',
      );
      await w.rollback();
      assert.equal(await f.dump(), before);
      // a site described twice, differently
      const w2 = await store.beginImport({ snapshot: 'gone' });
      await w2.add({ devices: devices(0, 5), sites: [site('FRA')], links: [], flows: [] });
      await assert.rejects(() => w2.add({ devices: [], sites: [site('FRA', { lat: 1, source: { file: 'x.csv', line: 5 } })], links: [], flows: [] }), /x\.csv:5: site "FRA" is described twice/);
      assert.equal(await f.dump(), before);
      // a bad file through the real import pipeline
      const a = join(dir, `a-${++n}.csv`);
      const b = join(dir, `b-${n}.csv`);
      writeFileSync(a, 'id,name,vendor\ndup,first,cisco\n');
      writeFileSync(b, 'id,name,vendor\nok,second,nokia\ndup,again,huawei\n');
      await assert.rejects(() => importFiles(store, [a, b], { snapshot: 'bad' }), (e: unknown) => e instanceof InputError && e.message === `${b}:3: device id "dup" appears twice in snapshot "bad" (first at ${a}:2)`);
      assert.equal(await f.dump(), before);
      // an explicit rollback, then the store is usable
      const w3 = await store.beginImport({ snapshot: 'gone' });
      await w3.add({ devices: devices(0, 50), ...none });
      await w3.rollback();
      await w3.rollback();
      assert.equal(await f.dump(), before);
      assert.equal((await (await store.beginImport({ snapshot: 'gone' })).commit()).devices, 0);
    });

    tc('snapshots are immutable: rows cannot be changed or deleted, even from outside', async (f) => {
      const w = await f.store.beginImport({ snapshot: 's' });
      await w.add({ devices: devices(0, 3), sites: [site('A')], links: [link('a', 'b', 2)], flows: [flow('f', 'a', 'b', 2)] });
      await w.addImportRecord({ file: 'x', format: 'inventory-csv', records: 3, warnings: [] });
      await w.commit();
      const before = await f.dump();
      for (const sql of [
        "UPDATE devices SET vendor = 'cisco'",
        'DELETE FROM devices',
        "UPDATE sites SET name = 'x'",
        'DELETE FROM links',
        'DELETE FROM flows',
        'DELETE FROM imports',
        "UPDATE snapshots SET name = 'renamed'",
        'UPDATE snapshots SET organisation = 1',
        'DELETE FROM snapshots',
      ]) {
        await assert.rejects(() => f.exec(sql), /immutable/, sql);
      }
      assert.equal(await f.dump(), before);
    });

    tc('a read-only store reads and refuses to import', async (f) => {
      await (await f.store.beginImport({ snapshot: 's' })).commit();
      const ro = openStore(f.location, { readonly: true });
      try {
        assert.equal((await ro.resolveSnapshot()).name, 's');
        await assert.rejects(() => ro.beginImport({ snapshot: 't' }), /read-only/);
      } finally {
        await ro.close();
      }
    });

    tc('an update writes changed base devices in place into a new snapshot; the base stays as it was', async (f) => {
      const { store } = f;
      const w = await store.beginImport({ snapshot: 'base' });
      await w.add({ devices: [rich(), ...devices(0, 10)], sites: [], links: [link('dev-1', 'dev-2', 2)], flows: [] });
      const base = await w.commit();
      const all = await store.devices(base.id);
      assert.deepEqual((await store.devicesByKey(base.id, { ids: ['dev-3', 'nope'], names: ['device 7', 'device 1'] })).map((d) => d.id), ['core-fra-1', 'dev-1', 'dev-3', 'dev-7']);
      assert.deepEqual(await store.devicesByKey(base.id, {}), []);
      const changed = { ...all[4]!, vendor: 'zte', layer: 'ran' as const, extra: { note: 'tab\there' } };
      const w2 = await store.beginImport({ snapshot: 'changed', base: 'latest', replace: [changed] });
      assert.deepEqual(await w2.deviceKeys(), { ids: all.map((d) => d.id), names: all.map((d) => d.name ?? null) });
      await w2.add({ devices: [device(50)], sites: [], links: [], flows: [] });
      const keys = await w2.deviceKeys();
      assert.deepEqual(keys.ids.slice(-2), ['dev-9', 'dev-50']);
      const next = await w2.commit();
      assert.deepEqual(withoutVolatile(next), { name: 'changed', base: 'base', devices: 12, sites: 0, links: 1, flows: 0 });
      assert.deepEqual(await store.devices(next.id), [...all.slice(0, 4), changed, ...all.slice(5), device(50)]);
      assert.deepEqual(await store.devices(base.id), all);
      await assert.rejects(() => store.beginImport({ snapshot: 'x', base: 'base', replace: [device(999)] }), /replaces none of the base/);
      await assert.rejects(() => store.beginImport({ snapshot: 'x', replace: [device(1)] }), /only replace those of a base/);
    });

    tc('import --update, references checked, --base latest and empty files, through the real pipeline', async (f) => {
      const { store } = f;
      await assert.rejects(() => store.beginImport({ snapshot: 'x', base: 'latest' }), /no base snapshot: "latest"/);
      const file = (name: string, text: string): string => {
        const p = join(dir, `${++n}-${name}`);
        writeFileSync(p, text);
        return p;
      };
      const nodes = file('nodes.csv', 'id,name,vendor,layer\nr1,alpha,Cisco,core\nr2,beta,,core\nr3,gamma,,\nr4,gamma,,\n');
      await importFiles(store, [file('links.csv', 'a,b\nr1,r2\nr2,r3\n'), nodes], { snapshot: 's1' });
      const before = await f.dump();
      const changes = file('changes.csv', 'name,vendor,layer\nbeta,Huawei,\nalpha,,access\n');
      const s2 = (await importFiles(store, [changes, file('flows.csv', 'id,src,dst\nf1,alpha,r3\n')], { snapshot: 's2', base: 'latest', update: true })).snapshot;
      const ds = await store.devices(s2.id);
      assert.deepEqual(ds.map((d) => [d.id, d.vendor, d.layer ?? null]), [['r1', 'cisco', 'access'], ['r2', 'huawei', 'core'], ['r3', null, null], ['r4', null, null]]);
      assert.deepEqual(ds[1]!.attribution.evidence.map((e) => [e.kind, e.vendor, e.source]), [['declared', 'huawei', { file: changes, line: 2 }]]);
      assert.deepEqual((await store.flows(s2.id)).map((x) => [x.id, x.src, x.dst]), [['f1', 'r1', 'r3']]);
      assert.deepEqual((await store.links(s2.id)).length, 2);
      const after = await f.dump();
      for (const [files, opts, expected] of [
        [[file('nomatch.csv', 'name,vendor\nnobody,ZTE\n')], { update: true, base: 's1' }, /nomatch\.csv:2: no device named "nobody"/],
        [[file('ambiguous.csv', 'name,vendor\ngamma,ZTE\n')], { update: true, base: 's1' }, /ambiguous\.csv:2: the name "gamma" is ambiguous/],
        [[file('phantom.csv', 'a,b\nr1,r2\nr2,r9\n')], { base: 's1' }, /phantom\.csv:3: link r2 -> r9/],
        [[file('phantom-flow.csv', 'id,src,dst\nf1,gamma,r1\n')], { base: 's1' }, /phantom-flow\.csv:2: flow "f1": src "gamma" is the name of 2 devices/],
        [[file('empty.csv', 'id,vendor\n')], { base: 's1' }, /empty\.csv: no records/],
      ] as const) {
        await assert.rejects(() => importFiles(store, [...files], { snapshot: 'refused', ...opts }), expected);
      }
      assert.equal(await f.dump(), after);
      assert.notEqual(before, after);
    });

    measuredPathCases(tc);

    tc('tokens: hashed, authenticated until revoked, per organisation', async ({ tokens }) => {
      const a = await tokens.createToken({ organisation: 'acme', role: 'analyst', label: 'ci' });
      assert.deepEqual(await tokens.authenticate(a.token), { id: a.id, organisation: 'acme', role: 'analyst', label: 'ci', createdAt: a.createdAt });
      assert.equal(await tokens.authenticate(a.token.toUpperCase()), undefined);
      assert.equal(await tokens.revokeToken(a.id, 'other-org'), false);
      assert.equal(await tokens.revokeToken(a.id, 'acme'), true);
      assert.equal(await tokens.revokeToken(a.id, 'acme'), false);
      assert.equal(await tokens.authenticate(a.token), undefined);
      const list = await tokens.listTokens('acme');
      assert.equal(list.length, 1);
      assert.ok(list[0]!.revokedAt);
      await assert.rejects(() => tokens.createToken({ organisation: '../etc', role: 'admin', label: 'x' }), InputError);
      assert.deepEqual(await tokens.listTokens('nobody'), []);
    });
  });
}

describe('store conformance: both backends answer alike', () => {
  it('the demo scenario imported through the real pipeline reads back the same from SQLite and PostgreSQL', async (t) => {
    if (peerMissing(t, 'postgresql', postgres.skip ?? true)) return;
    const { files } = writeDemoScenario(join(dir, 'demo'));
    const reads = async (store: Store): Promise<unknown> => {
      const summary = await importFiles(store, files, { snapshot: 'demo', worker: true });
      const id = summary.snapshot.id;
      const counts = [];
      for (const g of GROUP_FIELDS) counts.push(await store.countDevices(id, [g]));
      counts.push(await store.countDevices(id, ['country', 'layer', 'vendor']));
      return {
        summary: { ...summary, snapshot: withoutVolatile(summary.snapshot) },
        snapshots: (await store.listSnapshots()).map(withoutVolatile),
        devices: await store.devices(id),
        sites: await store.sites(id),
        links: await store.links(id),
        flows: await store.flows(id),
        imports: await store.imports(id),
        counts,
        page: await store.devices(id, { vendor: ['huawei'], limit: 5, offset: 3 }),
      };
    };
    const a = await sqlite.fresh();
    const b = await postgres.fresh();
    try {
      const fromSqlite = await reads(a.store);
      const fromPg = await reads(b.store);
      assert.ok((fromSqlite as { devices: unknown[] }).devices.length > 100);
      assert.deepEqual(fromPg, fromSqlite);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
