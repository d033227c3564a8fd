import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Device } from '../model/index.js';
import { openStore } from './open-store.js';
import { device, devices, tempDir } from './test-helpers.js';
import type { Store } from './types.js';

const none = { sites: [], links: [], flows: [] };

async function withDevices(t: { after(fn: () => void): void }, all: Device[]): Promise<{ store: Store; id: number }> {
  const store = openStore(join(tempDir(t), 'c.db'));
  t.after(() => store.close());
  const w = await store.beginImport({ snapshot: 's' });
  await w.add({ devices: all, ...none });
  return { store, id: (await w.commit()).id };
}

test('device filters select what they name, in input order', async (t) => {
  const all = devices(0, 40);
  const { store, id } = await withDevices(t, all);
  const ids = (ds: Device[]): string[] => ds.map((d) => d.id);
  const expect = (pred: (d: Device) => boolean): string[] => ids(all.filter(pred));
  assert.deepEqual(ids(await store.devices(id)), ids(all));
  assert.deepEqual(ids(await store.devices(id, { vendor: ['huawei', 'zte'] })), expect((d) => d.vendor === 'huawei' || d.vendor === 'zte'));
  assert.deepEqual(ids(await store.devices(id, { country: ['JP'] })), expect((d) => d.country === 'JP'));
  assert.deepEqual(ids(await store.devices(id, { layer: ['core'], country: ['DE'] })), expect((d) => d.layer === 'core' && d.country === 'DE'));
  assert.deepEqual(ids(await store.devices(id, { network: ['military'] })), expect((d) => d.network === 'military'));
  assert.deepEqual(ids(await store.devices(id, { unknownVendor: true })), expect((d) => d.vendor === null));
  assert.deepEqual(ids(await store.devices(id, { unknownVendor: true, vendor: ['cisco'] })), expect((d) => d.vendor === null || d.vendor === 'cisco'));
  assert.deepEqual(ids(await store.devices(id, { unknownVendor: false })), expect((d) => d.vendor !== null));
  assert.deepEqual(ids(await store.devices(id, { vendor: [] })), []);
  assert.deepEqual(ids(await store.devices(id, { vendor: ['huawei'], limit: 3 })), expect((d) => d.vendor === 'huawei').slice(0, 3));
  assert.deepEqual(await store.devices(id, { vendor: ["x' OR 1=1 --"] }), []);
});

test('iterating a large snapshot pages through it with every device\'s evidence', async (t) => {
  const all = devices(0, 2600);
  const { store, id } = await withDevices(t, all);
  let n = 0;
  for await (const d of store.iterateDevices(id)) assert.deepEqual(d, all[n++]);
  assert.equal(n, all.length);
  // Filtered pages are not contiguous runs of seq: evidence must still match its device.
  const nokia = all.filter((d) => d.vendor === 'nokia');
  const read: Device[] = [];
  for await (const d of store.iterateDevices(id, { vendor: ['nokia'] })) read.push(d);
  assert.deepEqual(read, nokia);
  assert.deepEqual(await store.devices(id, { limit: 1500 }), all.slice(0, 1500));
});

test('counts group by the fields asked for, largest first', async (t) => {
  const all = devices(0, 50);
  const { store, id } = await withDevices(t, all);
  const byVendor = await store.countDevices(id, ['vendor']);
  const expected = new Map<string | null, number>();
  for (const d of all) expected.set(d.vendor, (expected.get(d.vendor) ?? 0) + 1);
  assert.deepEqual(new Map(byVendor.map((c) => [c.key.vendor ?? null, c.count])), expected);
  assert.ok(byVendor.every((c, i) => i === 0 || byVendor[i - 1]!.count >= c.count));
  const two = await store.countDevices(id, ['country', 'layer']);
  assert.equal(two.reduce((s, c) => s + c.count, 0), 50);
  assert.deepEqual(Object.keys(two[0]!.key), ['country', 'layer']);
  assert.deepEqual(await store.countDevices(id, []), [{ key: {}, count: 50 }]);
  assert.deepEqual(await store.countDevices(id, ['operator']), [{ key: { operator: null }, count: 50 }]);
  await assert.rejects(async () => await store.countDevices(id, ['vendor; DROP TABLE devices' as 'vendor']), /cannot group devices by/);
});

test('snapshots resolve by name or as the latest, and a missing one lists the names', async (t) => {
  const store = openStore(join(tempDir(t), 'c.db'));
  t.after(() => store.close());
  await assert.rejects(async () => await store.resolveSnapshot(), /holds no snapshot yet/);
  for (const name of ['jan', 'feb', 'mar']) {
    const w = await store.beginImport({ snapshot: name });
    await w.add({ devices: [device(name.length)], ...none });
    await w.commit();
  }
  assert.deepEqual((await store.listSnapshots()).map((s) => s.name), ['jan', 'feb', 'mar']);
  assert.equal((await store.resolveSnapshot()).name, 'mar');
  assert.equal((await store.resolveSnapshot('latest')).name, 'mar');
  assert.equal((await store.resolveSnapshot('feb')).name, 'feb');
  await assert.rejects(async () => await store.resolveSnapshot('apr'), /no snapshot named "apr"; available: mar, feb, jan/);
});
