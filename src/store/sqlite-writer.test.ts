import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { InputError, type Device } from '../model/index.js';
import { openStore } from './open-store.js';
import { device, devices, dump, flow, link, site, tempDir } from './test-helpers.js';
import type { Store } from './types.js';

const none = { sites: [], links: [], flows: [] };

function fresh(t: { after(fn: () => void): void }): { path: string; store: Store } {
  const path = join(tempDir(t), 'c.db');
  const store = openStore(path);
  t.after(() => store.close());
  return { path, store };
}

/** A device with everything a Device can carry, to prove the round trip loses nothing. */
function rich(): Device {
  return {
    id: 'core-fra-1',
    name: 'Frankfurt core 1',
    model: 'NE40E-X8',
    role: 'router',
    layer: 'core',
    technology: '5g',
    site: 'FRA',
    country: 'DE',
    operator: 'Example Telekom',
    network: 'commercial',
    installed: '2019-04-01',
    cost: 125000.5,
    lat: 50.11,
    lon: 8.68,
    raw: { declaredVendor: 'Cisco', mac: '00:E0:FC:12:34:56', sysObjectId: '1.3.6.1.4.1.2011.2.23.1' },
    extra: { rack: 'R12', 'asset tag': 'A-0001' },
    source: { file: 'inventory.csv', line: 7 },
    vendor: 'huawei',
    attribution: {
      vendor: 'huawei',
      confidence: 0.95,
      evidence: [
        { kind: 'declared', raw: 'Cisco', vendor: 'cisco', confidence: 0.6, valid: true, source: { file: 'inventory.csv', line: 7 } },
        { kind: 'oui', raw: '00:E0:FC:12:34:56', vendor: 'huawei', confidence: 0.9, valid: true, detail: 'HUAWEI TECHNOLOGIES CO.,LTD', source: { file: 'inventory.csv', line: 7 } },
        { kind: 'sysobjectid', raw: '1.3.6.1.4.1.2011.2.23.1', vendor: 'huawei', confidence: 0.95, valid: true, source: { probe: 'snmp', address: '10.0.0.1', time: '2026-11-28T10:00:00Z' } },
        { kind: 'engineid', raw: '0xZZ', vendor: null, confidence: 0, valid: false, detail: 'not hex', source: {} },
      ],
      conflicts: [{ vendors: ['cisco', 'huawei'], evidence: [0, 1], note: 'declared Cisco, but the MAC is Huawei\'s' }],
    },
  };
}

test('devices, sites, links, flows and import records read back exactly as written', async (t) => {
  const { store } = fresh(t);
  const odd: Device = { ...device(3), vendor: 'zte', attribution: { ...device(3).attribution, vendor: null } };
  const probed: Device = { ...device(4), source: { probe: 'snmp', address: '10.0.0.4', time: '2026-01-01T00:00:00Z' } };
  const all = [rich(), device(0), odd, probed, device(5)];
  const w = await store.beginImport({ snapshot: 's1', note: 'first' });
  await w.add({
    devices: all,
    sites: [site('FRA'), site('RMS', { kind: 'military', operator: undefined })],
    links: [link('core-fra-1', 'dev-0', 2), { ...link('dev-0', 'elsewhere', 3), id: 'l2', metric: 10, latency: 1.5, capacity: 100, operator: 'op', extra: { fibre: 'yes' } }],
    flows: [flow('f1', 'dev-0', 'dev-5', 2), { ...flow('f2', 'x', 'y', 3), class: 'normal', volume: 2.5, latencyBound: 20, extra: { c: 'd' } }],
  });
  await w.addImportRecord({ file: 'inventory.csv', format: 'inventory-csv', records: 5, warnings: [{ file: 'inventory.csv', line: 9, message: 'bad MAC' }], devices: 5 });
  const info = await w.commit();
  assert.deepEqual({ ...info, createdAt: '' }, { id: info.id, name: 's1', note: 'first', createdAt: '', devices: 5, sites: 2, links: 2, flows: 2 });

  const site2 = site('RMS', { kind: 'military' });
  delete site2.operator;
  assert.deepEqual(await store.devices(info.id), all);
  assert.deepEqual(await store.sites(info.id), [site('FRA'), site2]);
  assert.deepEqual((await store.links(info.id))[1], { ...link('dev-0', 'elsewhere', 3), id: 'l2', metric: 10, latency: 1.5, capacity: 100, operator: 'op', extra: { fibre: 'yes' } });
  assert.deepEqual(await store.flows(info.id), [flow('f1', 'dev-0', 'dev-5', 2), { ...flow('f2', 'x', 'y', 3), class: 'normal', volume: 2.5, latencyBound: 20, extra: { c: 'd' } }]);
  assert.deepEqual(await store.imports(info.id), [
    { file: 'inventory.csv', format: 'inventory-csv', records: 5, warnings: [{ file: 'inventory.csv', line: 9, message: 'bad MAC' }], devices: 5, importedInto: 's1' },
  ]);
});

test('many batches keep input order across statement chunks', async (t) => {
  const { store } = fresh(t);
  const w = await store.beginImport({ snapshot: 's' });
  // Odd batch sizes so rows straddle the multi-row INSERT chunks.
  const expected: Device[] = [];
  for (let b = 0, i = 0; b < 12; b++) {
    const batch = devices(i, 37 + b * 53);
    i += batch.length;
    expected.push(...batch);
    await w.add({ devices: batch, ...none });
  }
  const info = await w.commit();
  assert.equal(info.devices, expected.length);
  assert.deepEqual(await store.devices(info.id), expected);
});

test('snapshot names are unique and snapshots cannot be changed', async (t) => {
  const { path, store } = fresh(t);
  const w = await store.beginImport({ snapshot: 'jan' });
  await w.add({ devices: devices(0, 3), ...none });
  await w.commit();
  const before = dump(path);
  await assert.rejects(async () => await store.beginImport({ snapshot: 'jan' }), (e: unknown) => e instanceof InputError && /already exists/.test(e.message));
  await assert.rejects(async () => await store.beginImport({ snapshot: 'latest' }), /cannot be a snapshot's own name/);
  await assert.rejects(async () => await store.beginImport({ snapshot: ' ' }), /non-empty/);
  assert.equal(dump(path), before);

  const db = new Database(path);
  t.after(() => db.close());
  for (const sql of ["UPDATE devices SET vendor = 'cisco'", 'DELETE FROM devices', "UPDATE snapshots SET name = 'feb'", 'DELETE FROM snapshots']) {
    assert.throws(() => db.exec(sql), /immutable/, sql);
  }
  assert.equal(dump(path), before);
});

test('a device id twice in one snapshot is an error naming both places, and nothing is written', async (t) => {
  const { path, store } = fresh(t);
  const before = dump(path);
  const w = await store.beginImport({ snapshot: 's' });
  await w.add({ devices: devices(0, 10), ...none });
  // Rows are written in chunks, so the duplicate may surface at a later add or at commit.
  await assert.rejects(
    async () => {
      await w.add({ devices: [device(10), { ...device(4), source: { file: 'more.csv', line: 3 } }], ...none });
      await w.commit();
    },
    (e: unknown) => e instanceof InputError && e.message === 'more.csv:3: device id "dev-4" appears twice in snapshot "s" (first at inv.csv:6)',
  );
  await assert.rejects(async () => await w.commit(), /already rolled back/);
  await w.rollback();
  assert.equal(dump(path), before);

  // The same across a written chunk and the rows still waiting.
  const w2 = await store.beginImport({ snapshot: 's' });
  await w2.add({ devices: devices(0, 500), ...none });
  await w2.add({ devices: [{ ...device(7), source: { file: 'b.csv', line: 1 } }], ...none });
  await assert.rejects(async () => await w2.commit(), /b\.csv:1: device id "dev-7" appears twice .*first at inv\.csv:9/);
  assert.equal(dump(path), before);
});

test('a site repeated identically is kept once; repeated differently is an error', async (t) => {
  const { store } = fresh(t);
  const w = await store.beginImport({ snapshot: 's' });
  await w.add({ devices: [], sites: [site('FRA')], links: [], flows: [] });
  await w.add({ devices: [], sites: [site('FRA', { source: { file: 'other.csv', line: 4 } })], links: [], flows: [] });
  assert.equal((await w.commit()).sites, 1);
  const w2 = await store.beginImport({ snapshot: 't' });
  await w2.add({ devices: [], sites: [site('FRA')], links: [], flows: [] });
  await assert.rejects(async () => await w2.add({ devices: [], sites: [site('FRA', { lat: 1, source: { file: 'x.csv', line: 5 } })], links: [], flows: [] }), /x\.csv:5: site "FRA" is described twice, differently \(first at sites\.csv:2\)/);
});

test('a base snapshot\'s rows are copied into the new one, which can add to them', async (t) => {
  const { path, store } = fresh(t);
  const w = await store.beginImport({ snapshot: 'inventory' });
  await w.add({ devices: [rich(), ...devices(0, 250)], sites: [site('FRA')], links: [], flows: [] });
  await w.addImportRecord({ file: 'inv.csv', format: 'inventory-csv', records: 251, warnings: [] });
  const base = await w.commit();
  const baseDevices = await store.devices(base.id);

  const w2 = await store.beginImport({ snapshot: 'topology', base: 'inventory' });
  await w2.add({ devices: [device(900)], sites: [], links: [link('dev-1', 'dev-2', 2)], flows: [flow('f', 'dev-1', 'core-fra-1', 2)] });
  await w2.addImportRecord({ file: 'links.csv', format: 'links-csv', records: 1, warnings: [] });
  const top = await w2.commit();
  assert.deepEqual({ d: top.devices, s: top.sites, l: top.links, f: top.flows, base: top.base }, { d: 252, s: 1, l: 1, f: 1, base: 'inventory' });
  assert.deepEqual(await store.devices(top.id), [...baseDevices, device(900)]);
  assert.deepEqual(await store.sites(top.id), await store.sites(base.id));
  assert.deepEqual((await store.imports(top.id)).map((i) => [i.file, i.importedInto]), [['inv.csv', 'inventory'], ['links.csv', 'topology']]);
  assert.deepEqual(await store.devices(base.id), baseDevices, 'the base is unchanged');
  assert.equal((await store.links(base.id)).length, 0);

  const before = dump(path);
  const w3 = await store.beginImport({ snapshot: 'again', base: 'inventory' });
  await assert.rejects(async () => { await w3.add({ devices: [{ ...device(5), source: { file: 'new.csv', line: 2 } }], ...none }); await w3.commit(); }, /new\.csv:2: device id "dev-5" appears twice in snapshot "again" \(first at inv\.csv:7\)/);
  assert.equal(dump(path), before);
  await assert.rejects(async () => await store.beginImport({ snapshot: 'x', base: 'nope' }), /no base snapshot named "nope"; available: topology, inventory/);
  assert.equal(dump(path), before);
});

test('rollback after many rows leaves every table exactly as before', async (t) => {
  const { path, store } = fresh(t);
  const w0 = await store.beginImport({ snapshot: 'keep' });
  await w0.add({ devices: devices(0, 300), sites: [site('A')], links: [link('dev-1', 'dev-2', 2)], flows: [flow('f', 'dev-1', 'dev-2', 2)] });
  await w0.commit();
  const before = dump(path);
  const w = await store.beginImport({ snapshot: 'gone', base: 'keep' });
  await w.add({ devices: devices(1000, 2500), sites: [site('B')], links: Array.from({ length: 700 }, (_, i) => link('a', 'b', i)), flows: [flow('g', 'a', 'b', 2)] });
  await w.addImportRecord({ file: 'x', format: 'inventory-csv', records: 1, warnings: [] });
  await w.rollback();
  await w.rollback();
  assert.equal(dump(path), before);
  // The store is usable afterwards.
  assert.equal((await (await store.beginImport({ snapshot: 'gone' })).commit()).devices, 0);
});

test('closing the store with an import open rolls it back', async (t) => {
  const path = join(tempDir(t), 'c.db');
  const store = openStore(path);
  const before = dump(path);
  const w = await store.beginImport({ snapshot: 's' });
  await w.add({ devices: devices(0, 10), ...none });
  store.close();
  assert.equal(dump(path), before);
  const again = openStore(path);
  assert.deepEqual(await again.listSnapshots(), []);
  again.close();
});

test('only one import at a time per store', async (t) => {
  const { store } = fresh(t);
  const w = await store.beginImport({ snapshot: 'a' });
  await assert.rejects(async () => await store.beginImport({ snapshot: 'b' }), /still open/);
  await w.rollback();
  await (await store.beginImport({ snapshot: 'b' })).commit();
});
