// `cleanpath paths import` and `paths exposure` end to end on a postgres:// store: the same
// fixtures imported into PostgreSQL and into SQLite give the same summaries and the same
// exposure document; duplicates add nothing and a bad file leaves the database exactly as it was.
// The report's measured-paths section and the API read them from PostgreSQL too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPaths, type PathExposureDocument } from '../../src/paths/index.js';
import { storeResults } from '../../src/probe/store.js';
import { buildReportModel } from '../../src/report/model.js';
import { startServer } from '../../src/server/index.js';
import { openStore, openTokenStore } from '../../src/store/index.js';
import { dumpStore } from '../cli/helpers.js';
import { createTestDatabase, dumpPg } from '../store/pg-database.js';
import { peerMissing } from '../support/peer.js';

const REPO = join(import.meta.dirname, '..', '..');
const FIX = join(import.meta.dirname, 'fixtures');

function cleanpath(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'test', 'paths', 'cli-entry.ts'), ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** One Atlas hop identified as Huawei by SNMPv3 discovery, as in exposure.test.ts. */
const DISCOVERY = [
  { address: '202.97.33.5', port: 161, target: '202.97.33.5', status: 'reply', time: '2025-12-01T00:00:00.000Z', attempts: 1, engineId: '800007db0300259e112233', engineBoots: 4, engineTime: 1000, lastReboot: '2025-11-30T23:43:20.000Z', vendor: 'huawei', confidence: 0.9, evidence: [{ kind: 'engineid', raw: '800007db0300259e112233', vendor: 'huawei', confidence: 0.9 }], conflicts: [] },
];

test('paths import and exposure on PostgreSQL answer as on SQLite', async (t) => {
  const pg = await createTestDatabase('cleanpath_paths');
  if (peerMissing(t, 'postgresql', 'skip' in pg ? pg.skip : true) || 'skip' in pg) return;
  const dir = mkdtempSync(join(tmpdir(), 'cleanpath-paths-pg-'));
  try {
    const disc = join(dir, 'discovery.json');
    writeFileSync(disc, JSON.stringify(DISCOVERY));
    const bad = join(dir, 'bad.ndjson');
    writeFileSync(bad, '{"type":"traceroute","prb_id":9,"msm_id":9,"timestamp":5,"result":[]}\n{"type":\n');
    const enrich = ['--asn-table', join(FIX, 'ip2asn.tsv'), '--rir', join(FIX, 'delegated-test-extended.txt')];

    const run = async (db: string, dump: () => Promise<string>): Promise<{ imported: unknown; exposure: PathExposureDocument; days: number }> => {
      const imp = cleanpath(['paths', 'import', join(FIX, 'atlas-api.json'), join(FIX, 'atlas-dump.ndjson'), '--db', db, ...enrich, '--json']);
      assert.equal(imp.code, 0, imp.stderr);
      const again = cleanpath(['paths', 'import', join(FIX, 'atlas-dump.ndjson'), '--db', db, '--json']);
      assert.equal(again.code, 0, again.stderr);
      assert.deepEqual([JSON.parse(again.stdout).measurements, JSON.parse(again.stdout).duplicates], [0, 2]);
      const before = await dump();
      const r = cleanpath(['paths', 'import', join(FIX, 'scamper.ndjson'), bad, '--db', db]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /bad\.ndjson:2: invalid JSON/);
      assert.equal(await dump(), before);
      const x = cleanpath(['paths', 'exposure', '--db', db, '--discovery', disc, '--avoid-as', '4134', '--untrusted', 'huawei', '--json']);
      assert.equal(x.code, 0, x.stderr);
      const days = cleanpath(['paths', 'exposure', '--db', db, '--days', '1', '--json']);
      assert.equal(days.code, 0, days.stderr);
      for (const out of [imp, again, r, x, days]) assert.doesNotMatch(out.stdout + out.stderr, /:cleanpath@/, 'the password stays out of every message');
      const { importId: _, ...imported } = JSON.parse(imp.stdout) as { importId: number };
      return { imported, exposure: JSON.parse(x.stdout) as PathExposureDocument, days: (JSON.parse(days.stdout) as PathExposureDocument).summary.measurements };
    };

    const sqliteDb = join(dir, 'paths.db');
    const onSqlite = await run(sqliteDb, async () => dumpStore(sqliteDb));
    const onPg = await run(pg.url, () => dumpPg(pg.url));

    assert.equal(onPg.exposure.summary.measurements, 6);
    assert.equal(onPg.exposure.summary.exposed, 3, 'the Huawei router and AS4134');
    assert.equal(onPg.days, 1);
    assert.match(onPg.exposure.sources.measurements, /^postgres(ql)?:\/\//);
    assert.deepEqual(
      { ...onPg, exposure: { ...onPg.exposure, sources: { ...onPg.exposure.sources, measurements: '' } } },
      { ...onSqlite, exposure: { ...onSqlite.exposure, sources: { ...onSqlite.exposure.sources, measurements: '' } } },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await pg.drop();
  }
});

test("the report's measured-paths section on PostgreSQL is the one SQLite gives", async (t) => {
  const pg = await createTestDatabase('cleanpath_paths_report');
  if (peerMissing(t, 'postgresql', 'skip' in pg ? pg.skip : true) || 'skip' in pg) return;
  const dir = mkdtempSync(join(tmpdir(), 'cleanpath-paths-pg-report-'));
  try {
    const atlas = join(dir, 'atlas.ndjson');
    const result = (time: number, hop2: string): string =>
      JSON.stringify({ type: 'traceroute', af: 4, prb_id: 6001, msm_id: 5001, timestamp: time, dst_addr: '203.0.113.80', result: [
        { hop: 1, result: [{ from: '198.51.100.1', rtt: 1 }] },
        { hop: 2, result: [{ from: hop2, rtt: 9 }] },
        { hop: 3, result: [{ from: '203.0.113.80', rtt: 20 }] },
      ] });
    writeFileSync(atlas, [result(1764547200, '80.81.192.10'), result(1764633600, '80.81.192.10'), result(1764720000, '80.81.192.11')].join('\n') + '\n');
    const section = async (db: string): Promise<unknown> => {
      const store = openStore(db);
      try {
        // a ZTE router (by its engine ID's enterprise number) probed at the hop's address
        await storeResults(
          store,
          { devices: [{ id: '80.81.192.10', raw: { engineId: '80000f3e03001e73445566' }, extra: { address: '80.81.192.10' }, source: { probe: 'snmpv3-discovery', address: '80.81.192.10', time: '2025-12-01T00:00:10.000Z' } }] },
          { label: 'probe', format: 'snmpv3-discovery', snapshot: 'hops' },
        );
        assert.equal((await importPaths([atlas], { db, store, site: 'ramstein' })).measurements, 3);
      } finally {
        await store.close();
      }
      return (await buildReportModel({ db, asOf: '2026-01-01', untrusted: ['huawei', 'zte'], noPlan: true, generatedAt: '2026-01-01T00:00:00Z' })).paths;
    };
    const onSqlite = await section(join(dir, 'r.db'));
    const onPg = await section(pg.url);
    const p = onPg as { measurements: number; exposed: number; routers: Array<{ router: string; vendor: string }> };
    assert.deepEqual([p.measurements, p.exposed], [3, 2]);
    assert.deepEqual(p.routers.map((r) => [r.router, r.vendor]), [['80.81.192.10', 'zte']]);
    assert.deepEqual(onPg, onSqlite);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await pg.drop();
  }
});

test('GET /api/paths/exposure over a postgres:// store: the caller organisation\'s measurements only', async (t) => {
  const pg = await createTestDatabase('cleanpath_paths_api');
  if (peerMissing(t, 'postgresql', 'skip' in pg ? pg.skip : true) || 'skip' in pg) return;
  const tokens = openTokenStore(pg.url);
  let alpha: string, beta: string;
  try {
    alpha = (await tokens.createToken({ organisation: 'alpha', role: 'viewer', label: 'a' })).token;
    beta = (await tokens.createToken({ organisation: 'beta', role: 'viewer', label: 'b' })).token;
  } finally {
    await tokens.close();
  }
  await importPaths([join(FIX, 'atlas-api.json'), join(FIX, 'atlas-dump.ndjson')], { db: pg.url, organisation: 'alpha', asnTables: [join(FIX, 'ip2asn.tsv')] });
  const { app, url } = await startServer({ db: pg.url, host: '127.0.0.1', port: 0, webDir: false });
  try {
    const get = async (token: string): Promise<PathExposureDocument> => {
      const r = await fetch(`${url}/api/paths/exposure?untrusted=none&avoidAs=4134&days=30`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(r.status, 200);
      return (await r.json()) as PathExposureDocument;
    };
    const a = await get(alpha);
    assert.deepEqual([a.summary.measurements, a.summary.exposed, a.sources.measurements], [6, 3, 'store']);
    assert.equal((await get(beta)).summary.measurements, 0);
  } finally {
    await app.close();
    await pg.drop();
  }
});
