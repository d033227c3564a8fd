// Over the API (issue 16 point 1): an admin's revocation answers while another organisation's
// large upload is being imported (holding the store's write lock), and the revoked token is
// refused before that import ends; token creation does not queue behind it either.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { storeLocked } from '../support/sqlite-lock.js';
import { buildFixture, removeFixture, serve, type Fixture, type Running } from './helpers.js';

/** Devices of the slow upload: seconds of import even on a fast machine. */
const DEVICES = 300_000;
let f: Fixture;
let s: Running;
let body: string;

before(async () => {
  f = await buildFixture('cleanpath-revoke-import-');
  s = await serve(f, { bodyLimit: 256 * 1024 * 1024, rateLimit: false });
  const rows = ['id,name,vendor,country,layer'];
  for (let i = 0; i < DEVICES; i++) rows.push(`b${i},beta device ${i},${['huawei', 'zte', 'nokia'][i % 3]},FI,ran`);
  body = rows.join('\n') + '\n';
});

after(async () => {
  await s?.close();
  if (f) removeFixture(f);
});

describe('token changes during an import', () => {
  it("a revocation answers while another organisation's import holds the store, and takes effect at once", async () => {
    let settled = false;
    const upload = s
      .get('/api/imports?snapshot=beta-big&filename=big.csv', f.tokens.betaAnalyst, { method: 'POST', body, headers: { 'content-type': 'text/csv' } })
      .finally(() => (settled = true));
    while (!storeLocked(f.db)) {
      if (settled) assert.fail(`the import ended before it was seen holding the store: ${(await upload).status}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const viewer = f.tokens.alphaViewer!;
    assert.equal((await s.get('/api/snapshots', viewer)).status, 200);
    const revoked = await s.get(`/api/tokens/${f.tokenIds.alphaViewer}`, f.tokens.alphaAdmin, { method: 'DELETE' });
    assert.equal(revoked.status, 204);
    const created = await s.get('/api/tokens', f.tokens.alphaAdmin, { method: 'POST', body: JSON.stringify({ label: 'new', role: 'viewer' }), headers: { 'content-type': 'application/json' } });
    assert.equal(created.status, 201, await created.clone().text());
    assert.equal((await s.get('/api/snapshots', viewer)).status, 401, 'the revoked token is refused at once');
    assert.ok(!settled && storeLocked(f.db), 'all of it before the import ended');
    const done = await upload;
    const text = await done.text();
    assert.equal(done.status, 201, text);
    assert.equal((JSON.parse(text) as { devices: number }).devices, DEVICES);
  });
});
