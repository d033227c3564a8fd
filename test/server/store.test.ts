// Organisations and tokens in the store: tokens kept as hashes only, and an older database
// migrated with its snapshots in the default organisation.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { InputError } from '../../src/model/index.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openSqliteDatabase } from '../../src/store/sqlite-open.js';
import { DEFAULT_ORGANISATION, openStore, openTokenStore, tokenFilePath } from '../../src/store/index.js';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'cleanpath-store-org-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('API tokens', () => {
  it('are stored as SHA-256 hashes: the secret is nowhere in the database files', async (t) => {
    const db = join(tempDir(t), 's.db');
    const ts = openTokenStore(db);
    const created = [await ts.createToken({ organisation: 'acme', role: 'admin', label: 'a' }), await ts.createToken({ organisation: 'acme', role: 'viewer', label: 'b' })];
    await ts.close();
    // In the token file beside the store (issue 16: never behind an import's write lock).
    const raw = new Database(tokenFilePath(db), { readonly: true });
    const rows = raw.prepare('SELECT * FROM api_tokens ORDER BY id').all() as Array<Record<string, unknown>>;
    raw.close();
    assert.equal(rows.length, 2);
    for (const [i, row] of rows.entries()) {
      const secret = created[i]!.token;
      assert.equal(row.hash, createHash('sha256').update(secret).digest('hex'));
      for (const v of Object.values(row)) assert.ok(!String(v).includes(secret.slice(3)), 'no column holds the secret');
    }
    // nor any file of the database (main file, WAL, shared memory)
    const dir = join(db, '..');
    for (const file of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, file)).toString('latin1');
      for (const c of created) assert.ok(!bytes.includes(c.token.slice(3)), `${file} does not contain a secret`);
    }
  });

  it('authenticate by the secret only, until revoked; revoked tokens stay listed', async (t) => {
    const db = join(tempDir(t), 's.db');
    const ts = openTokenStore(db);
    try {
      const a = await ts.createToken({ organisation: 'acme', role: 'analyst', label: 'ci' });
      assert.deepEqual(await ts.authenticate(a.token), { id: a.id, organisation: 'acme', role: 'analyst', label: 'ci', createdAt: a.createdAt });
      assert.equal(await ts.authenticate(a.token.toUpperCase()), undefined);
      assert.equal(await ts.authenticate(createHash('sha256').update(a.token).digest('hex')), undefined, 'the hash itself is no token');
      assert.equal(await ts.revokeToken(a.id, 'other-org'), false, "another organisation cannot revoke it");
      assert.equal(await ts.revokeToken(a.id, 'acme'), true);
      assert.equal(await ts.revokeToken(a.id, 'acme'), false);
      assert.equal(await ts.authenticate(a.token), undefined);
      assert.ok((await ts.listTokens('acme'))[0]!.revokedAt);
      await assert.rejects(async () => await ts.createToken({ organisation: '../etc', role: 'admin', label: 'x' }), InputError);
      await assert.rejects(async () => await ts.createToken({ organisation: 'acme', role: 'admin', label: 'bell\u0007' }), InputError);
      assert.deepEqual(await ts.organisations(), [DEFAULT_ORGANISATION, 'acme']);
    } finally {
      await ts.close();
    }
  });
});

describe('organisations migration', () => {
  it('moves the snapshots of an older database into the default organisation, keeping bases, rows and immutability', async (t) => {
    const db = join(tempDir(t), 'old.db');
    const at = MIGRATIONS.findIndex((m) => m.sql.includes('CREATE TABLE organisations'));
    assert.ok(at > 0);
    const old = openSqliteDatabase(db, false, MIGRATIONS.slice(0, at));
    old.exec(`
      INSERT INTO snapshots (id, name, created_at, base, device_count) VALUES (1, 'jan', '2026-01-01T00:00:00Z', NULL, 1), (2, 'feb', '2026-02-01T00:00:00Z', 1, 1);
      INSERT INTO devices (snapshot, seq, id, vendor, confidence, raw, extra, evidence) VALUES (1, 1, 'd1', 'huawei', 0.9, '{}', '{}', '[]'), (2, 1, 'd1', 'huawei', 0.9, '{}', '{}', '[]');
    `);
    old.close();

    const store = openStore(db);
    try {
      assert.equal(await store.schemaVersion(), MIGRATIONS.at(-1)!.version);
      assert.deepEqual((await store.listSnapshots()).map((s) => [s.name, s.base ?? null]), [['jan', null], ['feb', 'jan']]);
      assert.equal((await store.devices((await store.resolveSnapshot('feb')).id))[0]!.id, 'd1');
      assert.deepEqual(await store.listSnapshots('acme'), []);
      await assert.rejects(async () => await store.resolveSnapshot('jan', 'acme'), InputError);
    } finally {
      await store.close();
    }
    const raw = new Database(db);
    try {
      assert.deepEqual(raw.pragma('foreign_key_check'), []);
      raw.pragma('foreign_keys = ON');
      assert.throws(() => raw.prepare("UPDATE snapshots SET name = 'x' WHERE id = 1").run(), /immutable/);
      assert.throws(() => raw.prepare('UPDATE snapshots SET organisation = 1 WHERE id = 1').run(), /immutable/);
      assert.throws(() => raw.prepare('DELETE FROM snapshots WHERE id = 2').run(), /immutable/);
      assert.throws(() => raw.prepare("INSERT INTO devices (snapshot, seq, id, confidence) VALUES (99, 1, 'x', 1)").run(), /FOREIGN KEY/);
      assert.throws(() => raw.prepare("INSERT INTO snapshots (organisation, name, created_at) VALUES (1, 'jan', 'now')").run(), /UNIQUE/);
      raw.prepare("INSERT INTO organisations (name, created_at) VALUES ('acme', 'now')").run();
      raw.prepare("INSERT INTO snapshots (organisation, name, created_at) VALUES (2, 'jan', 'now')").run();
    } finally {
      raw.close();
    }
  });

  it('keeps names unique per organisation and bases within it, through the store', async (t) => {
    const db = join(tempDir(t), 's.db');
    await openTokenStore(db).createToken({ organisation: 'acme', role: 'admin', label: 'x' });
    const store = openStore(db);
    try {
      await (await store.beginImport({ snapshot: 'q1' })).commit();
      await (await store.beginImport({ snapshot: 'q1', organisation: 'acme' })).commit();
      await assert.rejects(async () => await store.beginImport({ snapshot: 'q1', organisation: 'acme' }), /already exists/);
      await assert.rejects(async () => await store.beginImport({ snapshot: 'q2', organisation: 'nobody' }), /no organisation named "nobody"/);
      await (await store.beginImport({ snapshot: 'q2', base: 'q1', organisation: 'acme' })).commit();
      assert.deepEqual((await store.listSnapshots('acme')).map((s) => [s.name, s.base ?? null]), [['q1', null], ['q2', 'q1']]);
      assert.deepEqual((await store.listSnapshots()).map((s) => s.name), ['q1']);
      assert.notEqual((await store.resolveSnapshot('q1')).id, (await store.resolveSnapshot('q1', 'acme')).id);
      assert.equal((await store.resolveSnapshot('latest', 'acme')).name, 'q2');
      await assert.rejects(async () => await store.resolveSnapshot('q2'), (e: unknown) => e instanceof InputError && /available: q1$/.test(e.message));
    } finally {
      await store.close();
    }
  });
});
