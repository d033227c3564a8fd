// The measured-paths endpoint: the same answer as the CLI's run, only the caller's organisation's
// measurements, another organisation's snapshot answers 404, no token answers 401.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importPaths } from '../../src/paths/run.js';
import { buildFixture, json, removeFixture, serve, type Fixture, type Running } from './helpers.js';

const FIX = join(import.meta.dirname, '..', 'paths', 'fixtures');

interface Doc {
  summary: { measurements: number; exposed: number };
  byAs: Array<{ key: string; measurements: number; untrusted: boolean }>;
  sources: { measurements: string };
}

describe('GET /api/paths/exposure', () => {
  let fixture: Fixture;
  let server: Running;
  before(async () => {
    fixture = await buildFixture('cleanpath-server-paths-');
    await importPaths([join(FIX, 'atlas-api.json'), join(FIX, 'atlas-dump.ndjson')], {
      db: fixture.db,
      organisation: 'alpha',
      asnTables: [join(FIX, 'ip2asn.tsv')],
      rirFiles: [join(FIX, 'delegated-test-extended.txt')],
    });
    server = await serve(fixture);
  });
  after(async () => {
    await server?.close();
    if (fixture) removeFixture(fixture);
  });

  test('no token answers 401', async () => {
    assert.equal((await server.get('/api/paths/exposure')).status, 401);
  });

  test("the organisation's measurements, by AS, without the server's file paths", async () => {
    const r = await server.get('/api/paths/exposure?untrusted=none&avoidAs=4134,AS4837', fixture.tokens.alphaViewer);
    assert.equal(r.status, 200);
    const doc = await json<Doc>(r);
    assert.equal(doc.summary.measurements, 6);
    assert.equal(doc.summary.exposed, 3);
    assert.deepEqual(doc.byAs.filter((a) => a.untrusted).map((a) => [a.key, a.measurements]), [['AS4134', 3], ['AS4837', 1]]);
    assert.equal(doc.sources.measurements, 'store');
    assert.ok(!JSON.stringify(doc).includes(fixture.dir), 'no server path in the answer');
  });

  test("another organisation sees none of them, and alpha's snapshot answers it 404", async () => {
    const r = await server.get('/api/paths/exposure?avoidAs=4134', fixture.tokens.betaViewer);
    assert.equal(r.status, 200);
    assert.equal((await json<Doc>(r)).summary.measurements, 0);
    assert.equal((await server.get('/api/paths/exposure?snapshot=demo', fixture.tokens.betaViewer)).status, 404);
    assert.equal((await server.get('/api/paths/exposure?snapshot=demo&days=1', fixture.tokens.alphaViewer)).status, 200);
  });

  test('bad parameters answer 400 naming the parameter', async () => {
    const r = await server.get('/api/paths/exposure?avoidAs=china', fixture.tokens.alphaViewer);
    assert.equal(r.status, 400);
    assert.match((await json<{ error: string }>(r)).error, /avoidAs/);
  });
});
