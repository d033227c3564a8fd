// The report's "what changed since" (issue 15 point 2): the generic diff of exposure and findings
// between an earlier snapshot and this one, in the model, the HTML and the Markdown.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeDemoScenario } from '../../src/demo/index.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { buildReportModel, type ReportModel } from '../../src/report/model.js';
import { importFiles, openStore } from '../../src/store/index.js';

describe('report --since', () => {
  let dir: string;
  let model: ReportModel;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cleanpath-report-since-'));
    const db = join(dir, 'demo.db');
    const { files } = writeDemoScenario(join(dir, 'demo'));
    const store = openStore(db);
    try {
      const first = await importFiles(store, files, { snapshot: 'demo' });
      const huawei = (await store.devices(first.snapshot.id)).filter((d) => d.vendor === 'huawei').slice(0, 2);
      const nokia = (await store.devices(first.snapshot.id)).filter((d) => d.vendor === 'nokia').slice(0, 2);
      const flows = join(dir, 'more-flows.csv');
      // a hostile flow id too: the section escapes it like every other string
      writeFileSync(flows, `id,src,dst,class\nnew-1,${nokia[0]!.id},${huawei[0]!.id},sensitive\n"<b>x</b>",${nokia[1]!.id},${huawei[1]!.id},sensitive\n`);
      await importFiles(store, [flows], { snapshot: 'q4', base: 'demo' });
    } finally {
      await store.close();
    }
    model = await buildReportModel({ db, snapshot: 'q4', since: 'demo', asOf: '2026-12-31', untrusted: ['huawei', 'zte'], noPlan: true });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the model holds the exposure and findings diffs', () => {
    assert.equal(model.changes?.since, 'demo');
    const [exposure, findings] = model.changes!.diffs;
    assert.deepEqual([exposure!.analysis, exposure!.table, exposure!.before, exposure!.after], ['exposure', 'flows', 'demo', 'q4']);
    assert.deepEqual(exposure!.added.map((r) => [r.id, r.exposure]), [['new-1', 'all'], ['<b>x</b>', 'all']], 'a flow ending at a Huawei device is exposed on every path');
    assert.deepEqual([exposure!.removed.length, exposure!.changed.length], [0, 0], 'the flows that were there cross the same network');
    assert.deepEqual([findings!.added.length, findings!.removed.length, findings!.changed.length], [0, 0, 0], 'the same devices');
  });

  it('the HTML and Markdown say it in the registry\'s words, escaped', () => {
    const html = renderHtml(model);
    assert.match(html, /<section id="changes"><h2>What changed since <bdi>demo<\/bdi><\/h2><h3>Exposure — Flows: 2 added, 0 removed, 0 changed<\/h3>/);
    assert.ok(html.includes('&lt;b&gt;x&lt;/b&gt;') && !html.includes('<td><b>x</b></td>'), 'the hostile id is escaped');
    assert.match(html, /Findings: 0 added, 0 removed, 0 changed<\/h3><p class="muted">no row added, removed or changed/);
    const md = renderMarkdown(model);
    assert.match(md, /## What changed since demo\n/);
    assert.match(md, /\| added \| new-1 \| Shortest cost \d+; Exposure all; Clean-path cost inf \|/);
  });

  it('an unknown earlier snapshot is bad input, not an empty section', async () => {
    await assert.rejects(buildReportModel({ db: join(dir, 'demo.db'), snapshot: 'q4', since: 'nope', asOf: '2026-12-31', untrusted: ['huawei'], noPlan: true }), /nope/);
  });
});
