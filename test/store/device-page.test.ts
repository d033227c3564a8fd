// Store.devicePage and Store.deviceLinks on both backends: the demo imported into SQLite and
// PostgreSQL, every query answered the same by both and equal to the same filter and sort done
// in JavaScript over Store.devices (binary text order, NULLs first ascending, ties in input order,
// all of it reversed descending).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeDemoScenario } from '../../src/demo/index.js';
import type { Device } from '../../src/model/index.js';
import { importFiles, openStore, type DevicePageQuery, type Store } from '../../src/store/index.js';
import { createTestDatabase, type TestDatabase } from './pg-database.js';
import { peerMissing } from '../support/peer.js';

const dir = mkdtempSync(join(tmpdir(), 'cleanpath-device-page-'));
let pgDb: TestDatabase | { skip: string };
const stores: Array<{ name: string; store: Store; id: number }> = [];
let all: Device[] = [];

before(async () => {
  const { files } = writeDemoScenario(join(dir, 'demo'));
  const open = async (name: string, location: string) => {
    const store = openStore(location);
    const s = await importFiles(store, files, { snapshot: 'demo' });
    stores.push({ name, store, id: s.snapshot.id });
  };
  await open('SQLite', join(dir, 'd.db'));
  pgDb = await createTestDatabase('cleanpath_device_page');
  if (!('skip' in pgDb)) await open('PostgreSQL', pgDb.url);
  all = await stores[0]!.store.devices(stores[0]!.id);
});

after(async () => {
  for (const s of stores) await s.store.close();
  if (pgDb && !('skip' in pgDb)) await pgDb.drop();
  rmSync(dir, { recursive: true, force: true });
});

type Col = 'name' | 'vendor' | 'country' | 'operator' | 'confidence' | 'site';
const value = (d: Device, c: Col): string | number | null => (c === 'confidence' ? d.attribution.confidence : (d[c] ?? null));
const cmp = (a: string | number | null, b: string | number | null): number => {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b)));
};

/** The query done in JavaScript: what both backends must answer. */
function expected(q: DevicePageQuery): { total: number; ids: string[] } {
  const text = q.text?.toLowerCase();
  const hit = all.filter(
    (d) =>
      (!q.vendor || q.vendor.includes(d.vendor ?? '')) && (!q.country || q.country.includes(d.country ?? '')) && (!q.operator || q.operator.includes(d.operator ?? '')) &&
      (!q.ids || q.ids.ids.includes(d.id) === q.ids.in) && (!text || [d.id, d.name, d.model, d.site, d.vendor, d.operator].some((v) => v?.toLowerCase().includes(text))),
  );
  const order = hit.map((d, i) => ({ d, i }));
  if (q.sort && q.sort !== 'seq') {
    const c = q.sort as Col;
    // descending reverses ties too (input order backwards)
    order.sort((x, y) => (q.descending ? -1 : 1) * (cmp(value(x.d, c), value(y.d, c)) || x.i - y.i));
  }
  return { total: hit.length, ids: order.slice(q.offset, q.offset + q.limit).map((x) => x.d.id) };
}

const QUERIES: DevicePageQuery[] = [
  { limit: 20, offset: 0 },
  { limit: 20, offset: 500 },
  { sort: 'name', limit: 50, offset: 10 },
  { sort: 'vendor', descending: true, limit: 50, offset: 0 },
  { sort: 'operator', limit: 30, offset: 0 },
  { sort: 'confidence', descending: true, limit: 25, offset: 100 },
  { sort: 'site', vendor: ['huawei', 'zte'], limit: 40, offset: 0 },
  { country: ['DE', 'FR'], text: 'CORE', sort: 'name', limit: 100, offset: 0 },
  { text: '%', limit: 10, offset: 0 },
  { text: '_', sort: 'name', descending: true, limit: 10, offset: 0 },
  { ids: { in: true, ids: ['nothing-like-this'] }, limit: 10, offset: 0 },
  { limit: 10, offset: 100000 },
];

describe('Store.devicePage: the same pages from SQLite and PostgreSQL, as computed in JavaScript', () => {
  it('answers every query as the reference does, on every backend', async (t) => {
    if (peerMissing(t, 'postgresql', 'skip' in pgDb ? pgDb.skip : true)) return;
    const some = all.filter((_, i) => i % 9 === 0).map((d) => d.id);
    const operator = all.find((d) => d.operator)!.operator!;
    const queries = [...QUERIES, { ids: { in: true, ids: some }, sort: 'country', limit: 60, offset: 5 } as DevicePageQuery, { ids: { in: false, ids: some }, operator: [operator], limit: 60, offset: 0 } as DevicePageQuery];
    for (const q of queries) {
      const want = expected(q);
      for (const s of stores) {
        const got = await s.store.devicePage(s.id, q);
        assert.equal(got.total, want.total, `${s.name} ${JSON.stringify(q)}`);
        assert.deepEqual(got.devices.map((d) => d.id), want.ids, `${s.name} ${JSON.stringify(q)}`);
      }
    }
    assert.ok(expected(queries[7]!).total > 0, 'the text query matches something');
  });

  it("lists a device's links alike on both backends", async (t) => {
    if (peerMissing(t, 'postgresql', 'skip' in pgDb ? pgDb.skip : true)) return;
    const links = await stores[0]!.store.links(stores[0]!.id);
    const busy = links[0]!.a;
    const want = links.filter((l) => l.a === busy || l.b === busy);
    for (const s of stores) assert.deepEqual(await s.store.deviceLinks(s.id, busy), want, s.name);
    assert.ok(want.length > 0);
  });
});
