import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, dumpStore, SHARED_DATA, tempDir } from './helpers.js';
import { runInProcess as run } from './in-process.js'; // commands in-process; one stays a real spawn
import { peerMissing } from '../support/peer.js';

const GOOD_INVENTORY = [
  'id,name,vendor,layer,country,mac,sys_object_id,imei',
  'r1,core-1,,core,DE,00:E0:FC:11:22:33,,',
  'r2,core-2,Cisco Systems,core,DE,,1.3.6.1.4.1.9.1.1208,',
  'p1,phone,,handset,IT,,,490154203237518',
].join('\n');

async function storeWithOneSnapshot(): Promise<{ dir: string; db: string }> {
  const dir = tempDir();
  const db = join(dir, 'store.db');
  writeFileSync(join(dir, 'inv.csv'), GOOD_INVENTORY + '\n');
  const r = await run(['import', join(dir, 'inv.csv'), '--db', db, '--snapshot', 'first']);
  assert.equal(r.code, 0, r.stderr);
  return { dir, db };
}

/** The bad file must fail with exit 2 and `file:line: what`, and leave the store exactly as it was. */
async function assertRejected(file: string, content: string, expected: RegExp, extraArgs: string[] = []): Promise<void> {
  const { dir, db } = await storeWithOneSnapshot();
  const path = join(dir, file);
  writeFileSync(path, content);
  const before = dumpStore(db);
  // a good file first, so that a half-written import would show
  const r = await run(['import', join(dir, 'inv.csv'), path, '--db', db, '--snapshot', 'second', ...extraArgs]);
  assert.equal(r.code, 2, `exit code; stderr: ${r.stderr}`);
  assert.match(r.stderr, expected);
  assert.equal(dumpStore(db), before, 'store changed by a failed import');
}

test('truncated XML: exit 2, file:line, store unchanged', async () => {
  const zoo = '<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n<graph edgedefault="undirected">\n<node id="0"/>\n<node id="1"/>\n<edge source="0" target="1"';
  await assertRejected('cut.graphml', zoo, /cut\.graphml:\d+: /);
});

test('CSV missing its required id column: exit 2, file:1, store unchanged', async () => {
  await assertRejected('noid.csv', 'name,vendor,mac\nx,Huawei,00:e0:fc:00:00:01\n', /noid\.csv:1: .*id/);
});

test('unknown format: exit 2, names the file, store unchanged', async () => {
  await assertRejected('mystery.dat', '\u0000\u0001binary garbage\n', /mystery\.dat(:\d+)?: .*unknown format/i);
});

test('bad values inside a good file are warnings with file:line; --strict makes them errors, store unchanged', async () => {
  const dir = tempDir();
  const db = join(dir, 'store.db');
  const inv = join(dir, 'bad-values.csv');
  writeFileSync(inv, 'id,mac,imei\nd1,00:E0:FC:GZ:10:11,\nd2,,490154203237519\nd3,00:e0:fc:00:00:01,\n');
  const ok = await run(['import', inv, '--db', db, '--json']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stderr, /bad-values\.csv:2: .*mac/);
  assert.match(ok.stderr, /bad-values\.csv:3: .*(IMEI|check digit)/i);
  const devices = JSON.parse((await run(['devices', '--db', db, '--json'])).stdout) as { id: string; vendor: string | null; evidence: { valid: boolean }[] }[];
  assert.deepEqual(devices.map((d) => d.id), ['d1', 'd2', 'd3']);
  assert.equal(devices[0]!.evidence[0]!.valid, false);
  assert.equal(devices[2]!.vendor, 'huawei');

  const before = dumpStore(db);
  const strict = await run(['import', inv, '--db', db, '--strict']);
  assert.equal(strict.code, 2);
  assert.match(strict.stderr, /bad-values\.csv:2: /);
  assert.equal(dumpStore(db), before);
});

test('devices --json gives id, attributed vendor slug, confidence and evidence; filters work', async () => {
  const { db } = await storeWithOneSnapshot();
  const all = JSON.parse((await run(['devices', '--db', db, '--json'])).stdout) as { id: string; vendor: string | null; confidence: number; evidence: { kind: string; source: { file?: string; line?: number } }[] }[];
  assert.deepEqual(all.map((d) => [d.id, d.vendor]), [['r1', 'huawei'], ['r2', 'cisco'], ['p1', null]]);
  assert.ok(all[0]!.confidence > 0.5);
  assert.equal(all[0]!.evidence[0]!.kind, 'oui');
  assert.equal(all[0]!.evidence[0]!.source.line, 2);
  const huawei = await run(['devices', '--db', db, '--vendor', 'huawei', '--format', 'csv']);
  assert.equal(huawei.code, 0);
  assert.equal(huawei.stdout.trim().split('\n').length, 2);
  assert.match(huawei.stdout, /^id,name,vendor/);
  const unknown = JSON.parse((await run(['devices', '--db', db, '--unknown', '--json'])).stdout) as { id: string }[];
  assert.deepEqual(unknown.map((d) => d.id), ['p1']);
});

test('a missing snapshot or store is a clear error, not a crash', async () => {
  const { db } = await storeWithOneSnapshot();
  const r = await run(['devices', '--db', db, '--snapshot', 'nope']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /nope/);
  assert.match(r.stderr, /first/);
  const dir = tempDir();
  const missing = cli(['devices', '--db', join(dir, 'absent.db')]);
  assert.notEqual(missing.code, 0);
  assert.doesNotMatch(missing.stderr, /internal error/);
  assert.equal(existsSync(join(dir, 'absent.db')), false, 'a read command must not create a store');
});

test('SNDlib nobel-germany imports through the CLI into one snapshot', async (t) => {
  const file = join(SHARED_DATA, 'sndlib', 'native', 'nobel-germany.txt');
  if (peerMissing(t, 'shared-data', existsSync(file) || `${file} not found`)) return;
  const dir = tempDir();
  const r = await run(['import', file, '--db', join(dir, 's.db'), '--json']);
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout) as { files: { devices: number; links: number; flows: number }[] };
  assert.deepEqual([summary.files[0]!.devices, summary.files[0]!.links, summary.files[0]!.flows], [17, 26, 121]);
});
