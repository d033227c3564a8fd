// `cleanpath paths import` and `paths exposure` end to end on a postgres:// store: the same
// fixtures imported into PostgreSQL and into SQLite give the same summaries and the same
// exposure document; duplicates add nothing and a bad file leaves the database exactly as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PathExposureDocument } from '../../src/paths/index.js';
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
