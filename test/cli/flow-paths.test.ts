// `cleanpath flow-paths --flow ID` and `cleanpath exposure --flow ID --paths` (issue 18.1): the
// same document; the table prints every listed path hop by hop in the document's order, untrusted
// hops marked with their evidence kinds, the count beyond --limit and the clean alternative with
// its extra cost; bad input is exit 2 naming the option, a snapshot without flows exit 1. The
// commands run in-process (test/cli/in-process.ts); the last one is a real spawn.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { paramsOf } from '../../src/analyses/define.js';
import { exposure } from '../../src/analyses/exposure.js';
import type { FlowPathsAnalysis } from '../../src/analyses/flow-paths.js';
import { importFiles, openStore } from '../../src/store/index.js';
import { copyDemoStore } from '../support/demo-store.js';
import { cli, tempDir } from './helpers.js';
import { runInProcess as run } from './in-process.js'; // commands in-process; one stays a real spawn

describe('cleanpath flow-paths', () => {
  let dir = '';
  let db = '';
  let flows: Array<{ id: string; exposure: string }> = [];
  let doc: FlowPathsAnalysis;
  before(async () => {
    dir = tempDir('cleanpath-flow-paths-');
    db = await copyDemoStore(dir);
    flows = (await exposure.run({ db }, paramsOf(exposure), {})).flows;
  });

  test('exposure --flow ID --paths is the flow-paths document; the table lists its hops in order with the untrusted ones marked', async () => {
    const flow = flows.find((f) => f.exposure === 'some')!.id;
    const r = await run(['flow-paths', '--db', db, '--flow', flow, '--limit', '2', '--json']);
    assert.equal(r.code, 0, r.stderr);
    doc = JSON.parse(r.stdout) as FlowPathsAnalysis;
    assert.deepEqual(JSON.parse((await run(['exposure', '--db', db, '--flow', flow, '--paths', '--limit', '2', '--format', 'json'])).stdout), doc);
    assert.equal(doc.paths.length, 2);
    assert.ok(doc.total > 2);
    const text = await run(['exposure', '--db', db, '--flow', flow, '--paths', '--limit', '2']);
    assert.equal(text.code, 0, text.stderr);
    const hopLines = text.stdout.split('\n').filter((l) => /^\s+\d+ [ !] /.test(l));
    const want = [...doc.paths, ...(doc.clean ? [doc.clean] : [])].flatMap((p) => p.hops);
    assert.equal(hopLines.length, want.length);
    for (const [i, h] of want.entries()) {
      assert.ok(hopLines[i]!.includes(h.device), `hop ${i}: ${h.device}`);
      assert.equal(hopLines[i]!.includes(' ! '), h.untrusted, `hop ${i} marked as untrusted`);
      if (h.untrusted) for (const e of h.evidence) assert.ok(hopLines[i]!.includes(e.kind), `hop ${i}: evidence ${e.kind}`);
    }
    assert.match(text.stdout, new RegExp(`${doc.total - 2} more path\\(s\\) not listed \\(--limit 2\\)`));
    assert.ok(doc.clean);
    assert.match(text.stdout, doc.clean.extra === 0 ? /clean alternative, no extra cost/ : new RegExp(`clean alternative, \\+${doc.clean.extra} over the shortest`));
  });

  test('--format csv writes the hops table with its key columns, the clean route after the shortest ones', async () => {
    const r = await run(['flow-paths', '--db', db, '--flow', doc.flow.id, '--limit', '2', '--format', 'csv']);
    assert.equal(r.code, 0, r.stderr);
    const [head, ...rows] = r.stdout.trim().split('\n');
    assert.equal(head, 'route,path,hop,device,name,vendor,site,country,operator,untrusted,evidence');
    const want = [...doc.paths.flatMap((p, i) => p.hops.map((h, j) => `shortest,${i + 1},${j + 1},${h.device},`)), ...doc.clean!.hops.map((h, j) => `clean,1,${j + 1},${h.device},`)];
    assert.deepEqual(rows.map((row, i) => row.slice(0, want[i]!.length)), want);
  });

  test('bad input is exit 2 naming the option; a snapshot without flows is exit 1', async () => {
    for (const [args, message] of [
      [['flow-paths', '--flow', 'no-such-flow'], /--flow: no flow 'no-such-flow' in snapshot demo/],
      [['flow-paths', '--flow', flows[0]!.id, '--limit', '0'], /--limit: expected an integer from 1 to 1000/],
      [['exposure', '--paths'], /--paths: name the flow/],
    ] as const) {
      const r = await run([...args, '--db', db]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
    const inv = join(dir, 'inventory.csv');
    writeFileSync(inv, 'id,vendor\na,huawei\nb,cisco\n');
    const store = openStore(db);
    await importFiles(store, [inv], { snapshot: 'bare' }).finally(() => store.close());
    const r = cli(['flow-paths', '--db', db, '--snapshot', 'bare', '--flow', 'x']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /no flows in snapshot bare/);
  });
});
