// The threaded import (parse and identify in a worker thread, write here) must be the same
// import as the single-thread one: same devices, warnings and counts, same errors, and a store
// left exactly as it was on any failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../model/index.js';
import { importFiles, openStore, type ImportFilesOptions } from './index.js';
import { dump, tempDir } from './test-helpers.js';

const HEADER = 'id,name,vendor,layer,country,network,cost,mac,sys_object_id,sys_descr,rack';
const MACS = ['00:E0:FC:12:34:56', '10:57:25:00:00:01', '02:00:00:00:00:01', 'not-a-mac', ''];
const OIDS = ['1.3.6.1.4.1.2011.2.23.96', '1.3.6.1.4.1.9.1.1208', ''];

/** n devices spanning several worker batches and writer chunks, with evidence, warnings and extra columns. */
function inventory(n: number, from = 0): string {
  const lines = [HEADER];
  for (let i = from; i < from + n; i++) {
    const declared = i % 4 === 0 ? '"Huawei Technologies Co., Ltd."' : i % 9 === 0 ? 'Cisco Systems' : '';
    const layer = i % 101 === 0 ? 'orbit' : ['core', 'ran', 'transport'][i % 3];
    const descr = i % 7 === 0 ? '"ZXR10 ROS Version V4.08.23 ZTE Corporation"' : '';
    lines.push(`dev-${i},node ${i},${declared},${layer},${['DE', 'IT', 'JP'][i % 3]},commercial,${i % 2 ? 1000 + i : ''},${MACS[i % MACS.length]},${OIDS[i % OIDS.length]},${descr},${i % 5 ? '' : `R${i}`}`);
  }
  return `${lines.join('\n')}\n`;
}

async function both(t: { after(fn: () => void): void }, files: Record<string, string>, names: string[], opts: ImportFilesOptions = {}) {
  const dir = tempDir(t);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const paths = names.map((n) => join(dir, n));
  const run = async (worker: boolean) => {
    const path = join(dir, `${worker ? 'threaded' : 'plain'}.db`);
    const store = openStore(path);
    t.after(() => store.close());
    await importFiles(store, [join(dir, 'seed.csv')], { snapshot: 'seed', worker });
    const before = dump(path);
    try {
      const s = await importFiles(store, paths, { snapshot: 'it', ...opts, worker });
      return { ok: true as const, summary: s, devices: await store.devices(s.snapshot.id), imports: await store.imports(s.snapshot.id), unchanged: false };
    } catch (e) {
      return { ok: false as const, error: e, unchanged: dump(path) === before };
    }
  };
  writeFileSync(join(dir, 'seed.csv'), inventory(3, 100_000));
  return { plain: await run(false), threaded: await run(true) };
}

test('a threaded import stores the same devices, warnings and counts as a single-thread one', async (t) => {
  const { plain, threaded } = await both(t, { 'a.csv': inventory(2345), 'b.csv': inventory(150, 5000) }, ['a.csv', 'b.csv']);
  assert.ok(plain.ok && threaded.ok);
  assert.equal(threaded.devices.length, 2495);
  assert.deepEqual(threaded.devices, plain.devices);
  assert.ok(threaded.summary.warnings.length > 0);
  assert.deepEqual(threaded.summary.warnings, plain.summary.warnings);
  assert.deepEqual(threaded.summary.files, plain.summary.files);
  assert.deepEqual(threaded.imports, plain.imports);
  assert.deepEqual({ ...threaded.summary.snapshot, id: 0, createdAt: '' }, { ...plain.summary.snapshot, id: 0, createdAt: '' });
});

test('a bad row read in the worker is the same InputError, and the store is unchanged', async (t) => {
  const bad = `${inventory(1500)}dev-x,too,many,fields,DE,commercial,1,,,,,,,,\n`;
  const { plain, threaded } = await both(t, { 'good.csv': inventory(10, 9000), 'bad.csv': bad }, ['good.csv', 'bad.csv']);
  assert.ok(!plain.ok && !threaded.ok);
  assert.ok(threaded.error instanceof InputError);
  assert.match(String(threaded.error.message), /bad\.csv:1502: row has 15 fields but the header has 11/);
  assert.equal(threaded.error.message, (plain.error as Error).message);
  assert.ok(plain.unchanged && threaded.unchanged);
});

test('a duplicate id, within a file or across files, names both places; nothing is written', async (t) => {
  const withDup = `${inventory(1200)}dev-17,again,,core,DE,commercial,,,,,\n`;
  const within = await both(t, { 'dup.csv': withDup }, ['dup.csv']);
  assert.ok(!within.plain.ok && !within.threaded.ok);
  assert.match(String((within.threaded.error as Error).message), /dup\.csv:1202: duplicate device id 'dev-17' \(first on line 19\)/);
  assert.equal((within.threaded.error as Error).message, (within.plain.error as Error).message);
  assert.ok(within.plain.unchanged && within.threaded.unchanged);

  const across = await both(t, { 'a.csv': inventory(1200), 'b.csv': inventory(5, 1100) }, ['a.csv', 'b.csv']);
  assert.ok(!across.plain.ok && !across.threaded.ok);
  assert.match(String((across.threaded.error as Error).message), /b\.csv:2: device id "dev-1100" appears twice in snapshot "it" \(first at .*a\.csv:1102\)/);
  assert.equal((across.threaded.error as Error).message, (across.plain.error as Error).message);
  assert.ok(across.plain.unchanged && across.threaded.unchanged);
});

test('strict: a warning read in the worker aborts the import and writes nothing', async (t) => {
  const { plain, threaded } = await both(t, { 'a.csv': inventory(1100) }, ['a.csv'], { strict: true });
  assert.ok(!plain.ok && !threaded.ok);
  assert.equal((threaded.error as Error).message, (plain.error as Error).message);
  assert.match(String((threaded.error as Error).message), /strict: warnings are errors/);
  assert.ok(plain.unchanged && threaded.unchanged);
});

test('an unreadable file fails before any thread starts, the same way', async (t) => {
  const { plain, threaded } = await both(t, {}, ['missing.csv']);
  assert.ok(!plain.ok && !threaded.ok);
  assert.equal((threaded.error as Error).message, (plain.error as Error).message);
  assert.ok(plain.unchanged && threaded.unchanged);
});

test('links and flows are checked against devices read by the worker, whichever file comes first', async (t) => {
  // Links before the inventory: held, then resolved against the worker's rows; after it: checked
  // against the devices already written. Flows may name a device by its (unique) name.
  const links = 'a,b\ndev-1,dev-2\ndev-1200,dev-3\n';
  const flows = 'id,src,dst\nf1,node 5,dev-1199\n';
  for (const names of [['links.csv', 'inv.csv', 'flows.csv'], ['inv.csv', 'links.csv', 'flows.csv']]) {
    const { plain, threaded } = await both(t, { 'inv.csv': inventory(1200), 'links.csv': links, 'flows.csv': flows }, names);
    assert.ok(!plain.ok && !threaded.ok);
    assert.match(String((threaded.error as Error).message), /links\.csv:3: link dev-1200 -> dev-3: "dev-1200" is not a device id in this import/);
    assert.equal((threaded.error as Error).message, (plain.error as Error).message);
    assert.ok(plain.unchanged && threaded.unchanged);
  }
  const ok = await both(t, { 'inv.csv': inventory(1200), 'links.csv': 'a,b\ndev-1,dev-2\ndev-1199,dev-3\n', 'flows.csv': flows }, ['links.csv', 'inv.csv', 'flows.csv']);
  assert.ok(ok.plain.ok && ok.threaded.ok);
  assert.deepEqual(ok.threaded.summary.files, ok.plain.summary.files);
});
