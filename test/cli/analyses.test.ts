import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, SHARED_DATA, tempDir } from './helpers.js';
import { runInProcess as run } from './in-process.js'; // commands in-process; one stays a real spawn
import { writeDemoScenario } from '../../src/demo/index.js';
import { copyDemoStore } from '../support/demo-store.js';
import { peerMissing } from '../support/peer.js';

// Commands run in-process (test/cli/in-process.ts); the input-error test spawns the real CLI.

let demo: Promise<{ dir: string; db: string }> | undefined;

/**
 * The demo scenario's files in a fresh directory and the store imported from them (a copy: the
 * demo command itself is tested in identify-demo.test.ts), shared by the tests of this file.
 */
function demoStore(): Promise<{ dir: string; db: string }> {
  demo ??= (async () => {
    const dir = tempDir();
    writeDemoScenario(dir);
    return { dir, db: await copyDemoStore(dir) };
  })();
  return demo;
}

test('exposure on a snapshot equals exposure on the same network as plain files', async () => {
  const { dir, db } = await demoStore();
  const fromStore = await run(['exposure', '--db', db, '--untrusted', 'huawei,zte', '--workers', '2']);
  assert.equal(fromStore.code, 0, fromStore.stderr);
  const lines = fromStore.stdout.trim().split('\n');
  assert.equal(lines[0], 'id,cost,exposure,clean_cost');
  assert.equal(lines.length, 1 + 44);

  // the same network written out as the plain benchmark format, vendors as identified
  const devices = JSON.parse((await run(['devices', '--db', db, '--json'])).stdout) as { id: string; vendor: string | null }[];
  writeFileSync(join(dir, 'nodes.csv'), 'id,vendor\n' + devices.map((d) => `${d.id},${d.vendor ?? ''}`).join('\n') + '\n');
  const plain = await run(['exposure', '--nodes', join(dir, 'nodes.csv'), '--links', join(dir, 'links.csv'), '--flows', join(dir, 'flows.csv'), '--untrusted', 'huawei,zte', '--workers', '1']);
  assert.equal(plain.code, 0, plain.stderr);
  assert.equal(plain.stdout, fromStore.stdout);
});

test('exposure --json summarises classes and chokepoints; killswitch --json reports the cut', async () => {
  const { db } = await demoStore();
  const doc = JSON.parse((await run(['exposure', '--db', db, '--json'])).stdout) as { flows: { exposure: string }[]; summary: { sensitiveFlows: number; chokepoints: { id: string }[] } };
  assert.equal(doc.summary.sensitiveFlows, 20);
  assert.ok(doc.summary.chokepoints.length > 0);
  assert.ok(doc.flows.some((f) => f.exposure === 'all') && doc.flows.some((f) => f.exposure === 'none'));
  const ks = JSON.parse((await run(['killswitch', '--db', db, '--vendors', 'huawei', '--json'])).stdout) as { removedDevices: number; disrupted: { sensitiveFlows: number }; disruptedFlows: string[] };
  assert.ok(ks.removedDevices > 0);
  assert.ok(ks.disrupted.sensitiveFlows > 0);
  assert.ok(ks.disruptedFlows.includes('s-rms-avb'), 'Ramstein–Aviano depends on Huawei equipment in the scenario');
});

test('exposure on a Topology Zoo GraphML with a country to avoid', async (t) => {
  const file = join(SHARED_DATA, 'topologyzoo', 'DeutscheTelekom.graphml');
  if (peerMissing(t, 'shared-data', existsSync(file) || `${file} not found`)) return;
  const dir = tempDir();
  // node ids of the Zoo file are its GraphML ids ("0", "1", ...)
  writeFileSync(join(dir, 'flows.csv'), 'id,src,dst\nf1,0,20\nf2,3,30\n');
  const r = await run(['exposure', '--topology', file, '--flows', join(dir, 'flows.csv'), '--avoid-country', 'DE', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { flows: { id: string; cost: number | null; exposure: string }[] };
  // golden values of this real topology: 0 and 20 are 3 hops apart with an equal-cost path
  // through Germany and one around it; 3 and 30 lie in parts the file does not connect
  assert.deepEqual(doc.flows.map((f) => [f.id, f.cost, f.exposure]), [['f1', 3, 'some'], ['f2', null, 'unreachable']]);
});

test('plain-file input errors name the file and line', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'n.csv'), 'id,vendor\na,huawei\nb,cisco\n');
  writeFileSync(join(dir, 'l.csv'), 'a,b,metric\na,b,1\na,zz,2\n');
  writeFileSync(join(dir, 'f.csv'), 'id,src,dst\nf,a,b\n');
  const r = cli(['exposure', '--nodes', join(dir, 'n.csv'), '--links', join(dir, 'l.csv'), '--flows', join(dir, 'f.csv')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /l\.csv:3: .*zz/);
});
