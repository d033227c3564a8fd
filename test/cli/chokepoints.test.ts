// `cleanpath chokepoints`: generated from the registry (src/analyses/chokepoints.ts), the same
// ranking exposure's JSON summary lists, with each device's name, vendor and site.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyDemoStore } from '../support/demo-store.js';
import { cli, tempDir } from './helpers.js';
import { runInProcess as run } from './in-process.js'; // commands in-process; one stays a real spawn

interface Chokepoint {
  id: string;
  flows: number;
  volume: number;
  flowsAll: number;
  volumeAll: number;
}
type Row = Chokepoint & { name: string | null; vendor: string | null; site: string | null };

describe('cleanpath chokepoints', () => {
  let dir = '';
  let db = '';
  before(async () => {
    dir = tempDir('cleanpath-chokepoints-');
    db = await copyDemoStore(dir); // the demo scenario's store (the demo command: identify-demo.test.ts)
  });

  test("the same ranking as exposure --json's summary.chokepoints, with name, vendor and site", async () => {
    const exposure = JSON.parse((await run(['exposure', '--db', db, '--json'])).stdout) as { summary: { chokepoints: Chokepoint[] } };
    const r = await run(['chokepoints', '--db', db, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { untrusted: string[]; sensitiveFlows: number; chokepoints: Row[]; nothingToAnalyse: string | null };
    assert.deepEqual(doc.untrusted, ['huawei', 'zte']);
    assert.equal(doc.nothingToAnalyse, null);
    assert.equal(doc.sensitiveFlows, 20);
    assert.ok(doc.chokepoints.length > 0);
    assert.deepEqual(doc.chokepoints.map(({ id, flows, volume, flowsAll, volumeAll }) => ({ id, flows, volume, flowsAll, volumeAll })), exposure.summary.chokepoints);
    assert.ok(doc.chokepoints.every((c) => c.vendor === 'huawei' || c.vendor === 'zte'), 'only untrusted devices');
    assert.ok(doc.chokepoints.every((c) => c.name !== null && c.site !== null), 'the demo names and places every device');
  });

  test('the avoid parameters and --top are exposure\'s; CSV is the keyed table; a bad value is exit 2 naming the option', async () => {
    const args = ['--db', db, '--untrusted', 'huawei', '--avoid-country', 'JP'];
    const exposure = JSON.parse((await run(['exposure', ...args, '--top', '3', '--json'])).stdout) as { summary: { chokepoints: Chokepoint[] } };
    const csv = await run(['chokepoints', ...args, '--top', '3', '--format', 'csv']);
    assert.equal(csv.code, 0, csv.stderr);
    const lines = csv.stdout.trim().split('\n');
    assert.equal(lines[0], 'device,name,vendor,site,flows,volume,flows_all,volume_all');
    assert.deepEqual(lines.slice(1).map((l) => l.split(',')[0]), exposure.summary.chokepoints.map((c) => c.id));
    assert.equal(lines.length, 1 + 3);
    const table = await run(['chokepoints', ...args, '--top', '3']);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^device\s+name\s+vendor\s+site\s+flows/);
    const bad = cli(['chokepoints', '--db', db, '--avoid-country', 'Atlantis']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--avoid-country/);
  });

  test('plain files: no names, and no untrusted device is nothing to analyse (exit 1), never an empty all-clear', async () => {
    writeFileSync(join(dir, 'n.csv'), 'id,vendor\na,cisco\nb,huawei\nc,cisco\nd,nokia\n');
    writeFileSync(join(dir, 'l.csv'), 'a,b,metric\na,b,1\nb,c,1\na,d,2\nd,c,2\n');
    writeFileSync(join(dir, 'f.csv'), 'id,src,dst\nf1,a,c\n');
    const files = ['--nodes', join(dir, 'n.csv'), '--links', join(dir, 'l.csv'), '--flows', join(dir, 'f.csv')];
    const r = await run(['chokepoints', ...files, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { chokepoints: Row[] };
    assert.deepEqual(doc.chokepoints, [{ id: 'b', flows: 1, volume: 1, flowsAll: 1, volumeAll: 1, name: null, vendor: 'huawei', site: null }]);
    const none = await run(['chokepoints', ...files, '--untrusted', 'zte']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /zte/);
  });
});
