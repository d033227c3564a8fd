// PostgreSQL (issue 16 point 1): a token revoked while a large import is in its transaction, from
// another connection as another process would, is revoked at once, and a running server on the
// same database refuses it before the import commits. Token creation does not wait either.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer } from '../../src/server/index.js';
import pg from 'pg';
import { importFiles, isStoreBusy, openStore, openTokenStore } from '../../src/store/index.js';
import { peerMissing } from '../support/peer.js';
import { createTestDatabase, type TestDatabase } from './pg-database.js';

const DEVICES = 200_000;
let db: TestDatabase | undefined;
let skip: string | undefined;
const dir = mkdtempSync(join(tmpdir(), 'cleanpath-pg-revoke-'));
const big = join(dir, 'big.csv');

before(async () => {
  const r = await createTestDatabase('cleanpath_revoke');
  if ('skip' in r) skip = r.skip;
  else db = r;
  const rows = ['id,name,vendor,country,layer'];
  for (let i = 0; i < DEVICES; i++) rows.push(`d${i},device ${i},${['huawei', 'cisco', 'nokia'][i % 3]},DE,core`);
  writeFileSync(big, rows.join('\n') + '\n');
});

after(async () => {
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('PostgreSQL: token changes during an import', () => {
  it('a revocation lands at once while an import is open, and a running server refuses the token', async (t) => {
    if (peerMissing(t, 'postgresql', skip ?? true)) return;
    const url = db!.url;
    const tokens = openTokenStore(url);
    const viewer = await tokens.createToken({ organisation: 'acme', role: 'viewer', label: 'to revoke' });
    await tokens.createToken({ organisation: 'globex', role: 'analyst', label: 'importer' });
    const { app, url: server } = await startServer({ db: url, host: '127.0.0.1', port: 0, webDir: false, analysisWorkers: 0, uploadDir: join(dir, 'uploads') });
    const store = openStore(url);
    try {
      const ask = () => fetch(`${server}/api/snapshots`, { headers: { authorization: `Bearer ${viewer.token}` } });
      assert.equal((await ask()).status, 200);
      let settled = false;
      let inTransaction!: () => void;
      const started = new Promise<void>((r) => (inTransaction = r));
      // The first progress report comes after a batch was written: the import's transaction is open.
      const imp = importFiles(store, [big], { snapshot: 'big', organisation: 'globex', onProgress: () => inTransaction() }).finally(() => (settled = true));
      await Promise.race([started, imp]);
      assert.ok(!settled, 'the import is still open');
      const other = openTokenStore(url);
      try {
        assert.equal(await other.revokeToken(viewer.id), true);
        assert.ok((await other.createToken({ organisation: 'acme', role: 'viewer', label: 'new' })).token);
      } finally {
        await other.close();
      }
      assert.equal(await tokens.authenticate(viewer.token), undefined);
      assert.equal((await ask()).status, 401, 'refused by the running server');
      assert.ok(!settled, 'all of it before the import committed');
      assert.equal((await imp).snapshot.devices, DEVICES);
    } finally {
      await store.close();
      await app.close();
      await tokens.close();
    }
  });

  it('a token change that cannot get its row (held by another transaction) is a bounded "store busy", not a hang', async (t) => {
    if (peerMissing(t, 'postgresql', skip ?? true)) return;
    const tokens = openTokenStore(db!.url);
    const holder = new pg.Client({ connectionString: db!.url });
    await holder.connect();
    try {
      const victim = await tokens.createToken({ organisation: 'acme', role: 'viewer', label: 'locked' });
      await holder.query('BEGIN');
      await holder.query('SELECT * FROM api_tokens WHERE id = $1 FOR UPDATE', [victim.id]);
      const started = Date.now();
      await assert.rejects(() => tokens.revokeToken(victim.id), (e: unknown) => isStoreBusy(e) && /store busy, retry/.test((e as Error).message));
      assert.ok(Date.now() - started < 30_000, 'bounded');
      await holder.query('ROLLBACK');
      assert.equal(await tokens.revokeToken(victim.id), true, 'free again: revoked');
    } finally {
      await holder.end();
      await tokens.close();
    }
  });
});
