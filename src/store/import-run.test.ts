import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { InputError, emptyBatch, type DeviceRecord, type ImportBatch, type ImportWarning } from '../model/index.js';
import { runImport, type ImportPipeline, type ImportProgress } from './import-run.js';
import { openStore } from './open-store.js';
import { device, dump, flow, link, tempDir } from './test-helpers.js';

function record(i: number, file: string): DeviceRecord {
  const { vendor: _v, attribution: _a, ...rec } = device(i);
  return { ...rec, source: { file, line: i + 2 } };
}

/** Files as lists of batches; a batch given as an Error is thrown when reached. */
function pipeline(files: Record<string, (ImportBatch | Error)[]>, identifyWarns: (rec: DeviceRecord) => ImportWarning[] = () => []): ImportPipeline {
  return {
    async open(path) {
      const batches = files[path];
      if (!batches) throw new InputError(path, undefined, 'unknown format');
      return {
        format: batches[0] instanceof Error ? 'inventory-csv' : batches[0]!.format,
        file: path,
        async *batches() {
          for (const b of batches) {
            await Promise.resolve();
            if (b instanceof Error) throw b;
            yield b;
          }
        },
      };
    },
    identify(rec) {
      return { device: device(Number(rec.id.slice(4)), { source: rec.source }), warnings: identifyWarns(rec) };
    },
    size: () => 1000,
  };
}

function inventory(file: string, from: number, n: number, warnings: ImportWarning[] = []): ImportBatch {
  const b = emptyBatch('inventory-csv', file);
  b.devices = Array.from({ length: n }, (_, k) => record(from + k, file));
  b.warnings = warnings;
  return b;
}

function topology(file: string): ImportBatch {
  const b = emptyBatch('links-csv', file);
  b.links = [link('dev-1', 'dev-2', 2), link('dev-2', 'dev-140', 3)];
  b.flows = [flow('f', 'dev-1', 'dev-149', 4)];
  return b;
}

function fresh(t: { after(fn: () => void): void }) {
  const path = join(tempDir(t), 'c.db');
  const store = openStore(path);
  t.after(() => store.close());
  return { path, store };
}

test('all files land in one snapshot, with a summary per file', async (t) => {
  const { store } = fresh(t);
  const progress: ImportProgress[] = [];
  const p = pipeline({ 'a.csv': [inventory('a.csv', 0, 100), inventory('a.csv', 100, 50)], 'l.csv': [topology('l.csv')] });
  const s = await runImport(store, ['a.csv', 'l.csv'], { snapshot: 'one', onProgress: (x) => progress.push(x) }, p);
  assert.equal(s.snapshot.name, 'one');
  assert.deepEqual({ d: s.snapshot.devices, l: s.snapshot.links, f: s.snapshot.flows }, { d: 150, l: 2, f: 1 });
  assert.deepEqual(s.files.map((f) => [f.file, f.format, f.records, f.devices, f.links, f.flows]), [
    ['a.csv', 'inventory-csv', 150, 150, 0, 0],
    ['l.csv', 'links-csv', 3, 0, 2, 1],
  ]);
  assert.deepEqual(progress, [
    { file: 'a.csv', records: 100, totalBytes: 1000 },
    { file: 'a.csv', records: 150, totalBytes: 1000 },
    { file: 'l.csv', records: 3, totalBytes: 1000 },
  ]);
  assert.deepEqual((await store.imports(s.snapshot.id)).map((i) => [i.file, i.records]), [['a.csv', 150], ['l.csv', 3]]);
  assert.equal((await store.links(s.snapshot.id))[1]!.b, 'dev-140');
});

test('a snapshot name is made from the time when none is given, and kept unique', async (t) => {
  const { store } = fresh(t);
  const p = pipeline({ 'a.csv': [inventory('a.csv', 0, 1)] });
  const a = await runImport(store, ['a.csv'], {}, p);
  const b = await runImport(store, ['a.csv'], {}, p);
  assert.match(a.snapshot.name, /^import-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ(-\d+)?$/);
  assert.notEqual(a.snapshot.name, b.snapshot.name);
});

test('a bad file among good ones leaves the store unchanged', async (t) => {
  const { path, store } = fresh(t);
  await runImport(store, ['a.csv'], { snapshot: 'before' }, pipeline({ 'a.csv': [inventory('a.csv', 0, 10)] }));
  const before = dump(path);
  const files = {
    'a.csv': [inventory('a.csv', 0, 300), inventory('a.csv', 300, 300)],
    'b.csv': [inventory('b.csv', 1000, 300), inventory('b.csv', 1300, 300), new InputError('b.csv', 977, 'row has 9 fields but the header has 8')],
  };
  await assert.rejects(runImport(store, ['a.csv', 'b.csv'], { snapshot: 'x' }, pipeline(files)), /^InputError: b\.csv:977: row has 9 fields/);
  assert.equal(dump(path), before);
  // An unknown format fails before anything is begun.
  await assert.rejects(runImport(store, ['a.csv', 'what.bin'], { snapshot: 'x' }, pipeline(files)), /what\.bin: unknown format/);
  assert.equal(dump(path), before);
  // So does a failure that is not bad input: the 3rd batch throws.
  const boom = { 'c.csv': [inventory('c.csv', 2000, 400), inventory('c.csv', 2400, 400), new Error('disk on fire')] };
  await assert.rejects(runImport(store, ['c.csv'], { snapshot: 'x', base: 'before' }, pipeline(boom)), /disk on fire/);
  assert.equal(dump(path), before);
  // The name is free again.
  await runImport(store, ['a.csv'], { snapshot: 'x' }, pipeline(files));
});

test('warnings are kept; with strict, the first one aborts and nothing is written', async (t) => {
  const { path, store } = fresh(t);
  const parseWarning = { file: 'a.csv', line: 40, message: 'unparseable MAC "zz"' };
  const identifyWarns = (rec: DeviceRecord): ImportWarning[] => (rec.id === 'dev-7' ? [{ file: 'a.csv', line: 9, message: 'IMEI fails its check digit' }] : []);
  const files = { 'a.csv': [inventory('a.csv', 0, 100, [parseWarning])] };
  const before = dump(path);
  await assert.rejects(
    runImport(store, ['a.csv'], { snapshot: 's', strict: true }, pipeline(files, identifyWarns)),
    (e: unknown) => e instanceof InputError && e.file === 'a.csv' && e.line === 9 && /IMEI fails its check digit/.test(e.message),
  );
  assert.equal(dump(path), before);
  const s = await runImport(store, ['a.csv'], { snapshot: 's' }, pipeline(files, identifyWarns));
  assert.equal(s.files[0]!.warnings, 2);
  assert.deepEqual(s.warnings.map((w) => w.line), [9, 40]);
  assert.deepEqual((await store.imports(s.snapshot.id))[0]!.warnings.map((w) => w.line), [9, 40]);
});

test('a duplicate device id across two files names both', async (t) => {
  const { path, store } = fresh(t);
  const before = dump(path);
  const files = { 'a.csv': [inventory('a.csv', 0, 5)], 'b.csv': [inventory('b.csv', 3, 1)] };
  await assert.rejects(runImport(store, ['a.csv', 'b.csv'], { snapshot: 's' }, pipeline(files)), /b\.csv:5: device id "dev-3" appears twice in snapshot "s" \(first at a\.csv:5\)/);
  assert.equal(dump(path), before);
});

test('no files is an error', async (t) => {
  const { store } = fresh(t);
  await assert.rejects(runImport(store, [], {}, pipeline({})), /no files to import/);
});
