import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../model/index.js';
import { importFiles, openStore } from './index.js';
import { dump, tempDir } from './test-helpers.js';

const INVENTORY = [
  'id,name,vendor,layer,country,network,mac,sys_object_id,rack',
  'r1,Frankfurt core,,core,DE,commercial,00:E0:FC:12:34:56,,A1',
  'r2,Milan edge,Cisco Systems,transport,IT,commercial,,1.3.6.1.4.1.9.1.1208,B2',
  'r3,Ramstein gw,,core,DE,military,,,C3',
].join('\n');
const LINKS = ['a,b,metric', 'r1,r2,10', 'r2,r3,5', 'r3,r1,1'].join('\n');

test('importFiles reads, identifies and stores real files as one snapshot', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'inv.csv'), INVENTORY);
  writeFileSync(join(dir, 'links.csv'), LINKS);
  const store = openStore(join(dir, 'c.db'));
  t.after(() => store.close());
  const s = await importFiles(store, [join(dir, 'inv.csv'), join(dir, 'links.csv')], { snapshot: 'real' });
  assert.deepEqual(s.files.map((f) => [f.format, f.devices, f.links]), [['inventory-csv', 3, 0], ['links-csv', 0, 3]]);
  const ds = await store.devices(s.snapshot.id);
  assert.deepEqual(ds.map((d) => [d.id, d.vendor]), [['r1', 'huawei'], ['r2', 'cisco'], ['r3', null]]);
  assert.equal(ds[0]!.attribution.evidence[0]!.kind, 'oui');
  assert.deepEqual(ds[1]!.extra, { rack: 'B2' });
  assert.equal((await store.links(s.snapshot.id)).length, 3);
});

test('importFiles with a bad file among good ones leaves the store unchanged', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'inv.csv'), INVENTORY);
  writeFileSync(join(dir, 'links.csv'), LINKS);
  writeFileSync(join(dir, 'bad.csv'), 'name,vendor\nx,huawei\n');
  writeFileSync(join(dir, 'late.csv'), `${INVENTORY.replace(/r(\d)/g, 'q$1')}\nq9,too,many,fields,here,DE,commercial,,,,\n`);
  const path = join(dir, 'c.db');
  const store = openStore(path);
  t.after(() => store.close());
  await importFiles(store, [join(dir, 'inv.csv')], { snapshot: 'first' });
  const before = dump(path);
  await assert.rejects(importFiles(store, [join(dir, 'links.csv'), join(dir, 'bad.csv')], { base: 'first' }), InputError);
  assert.equal(dump(path), before);
  await assert.rejects(importFiles(store, [join(dir, 'links.csv'), join(dir, 'late.csv')], { snapshot: 'late' }), /late\.csv:5/);
  assert.equal(dump(path), before);
});
