// The API's findings, plan and report take assumeInScope like the CLI's --assume-in-scope;
// by default a device whose scope rests on a blank field is needs-data, with what it lacks.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ReportModel } from '../../src/report/model.js';
import { buildFixture, json, removeFixture, serve, type Fixture, type Running } from './helpers.js';

let f: Fixture;
let s: Running;

before(async () => {
  f = await buildFixture('cleanpath-server-needs-data-');
  s = await serve(f, { rateLimit: false });
});
after(async () => {
  await s?.close();
  if (f) removeFixture(f);
});

interface Findings {
  assumeInScope: boolean;
  needsData?: { field: string; devices: number }[];
  findings: { device: string | null; rule: string; status: string; missing?: string[]; notices: string[] }[];
}

describe('assumeInScope over the API', () => {
  it('findings: needs-data by default with the missing fields; assumeInScope=true reads them as in scope', async () => {
    const plain = await json<Findings>(await s.get('/api/snapshots/demo/findings?asOf=2026-06-01', f.tokens.alphaViewer));
    assert.equal(plain.assumeInScope, false);
    const nd = plain.findings.filter((x) => x.status === 'needs-data');
    assert.ok(nd.length > 0, 'the demo has devices with no technology recorded');
    assert.ok(nd.every((x) => x.missing && x.missing.length > 0));
    assert.ok((plain.needsData ?? []).some((m) => m.field === 'technology'));

    const assumed = await json<Findings>(await s.get('/api/snapshots/demo/findings?asOf=2026-06-01&assumeInScope=true', f.tokens.alphaViewer));
    assert.equal(assumed.assumeInScope, true);
    assert.equal(assumed.findings.filter((x) => x.status === 'needs-data').length, 0);
    assert.ok(assumed.findings.some((x) => x.notices.some((n) => /technology not recorded: assumed/.test(n))));

    const filtered = await json<Findings>(await s.get('/api/snapshots/demo/findings?asOf=2026-06-01&status=needs-data', f.tokens.alphaViewer));
    assert.equal(filtered.findings.length, nd.length);
    assert.equal(filtered.assumeInScope, false);
  });

  it('rejects a value other than true or false', async () => {
    const r = await s.get('/api/snapshots/demo/findings?assumeInScope=yes', f.tokens.alphaViewer);
    assert.equal(r.status, 400);
  });

  it('report and plan: the report says which reading it used', async () => {
    const m = await json<ReportModel>(await s.get('/api/snapshots/demo/report?asOf=2026-06-01&assumeInScope=true', f.tokens.alphaViewer));
    assert.equal(m.assumeInScope, true);
    assert.ok(m.plan?.notes.some((n) => n.startsWith('--assume-in-scope:')), m.plan?.notes.join('\n'));
  });
});
