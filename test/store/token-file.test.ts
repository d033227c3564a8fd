// The SQLite token file beside the store (issue 16 point 1): tokens of an older database move
// there on the first open, once, keeping ids and revocations, even when the move is interrupted
// after its copy (an import holding the store's lock); organisations created with a token get the
// store's row at their first import; a token file is never mistaken for a store.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { InputError } from '../../src/model/index.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openSqliteDatabase } from '../../src/store/sqlite-open.js';
import { hashToken, importFiles, openStore, openTokenStore, tokenFilePath } from '../../src/store/index.js';

function tempDb(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'cleanpath-token-file-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'store.db');
}

const LIVE = `cp_${'A'.repeat(43)}`;
const REVOKED = `cp_${'B'.repeat(43)}`;

/** A database of schema version 5 (tokens inside it), with organisation acme and two tokens. */
function oldDatabase(path: string): void {
  const old = openSqliteDatabase(path, false, MIGRATIONS.filter((m) => m.version <= 5));
  old.exec("INSERT INTO organisations (id, name, created_at) VALUES (2, 'acme', '2026-01-01T00:00:00Z')");
  const add = old.prepare('INSERT INTO api_tokens (id, organisation, label, role, hash, created_at, revoked_at) VALUES (?, 2, ?, ?, ?, ?, ?)');
  add.run(7, 'live', 'admin', hashToken(LIVE), '2026-01-02T00:00:00Z', null);
  add.run(9, 'gone', 'viewer', hashToken(REVOKED), '2026-01-03T00:00:00Z', '2026-01-04T00:00:00Z');
  old.close();
}

function tables(path: string): string[] {
  const raw = new Database(path, { readonly: true });
  try {
    return raw.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
  } finally {
    raw.close();
  }
}

describe('SQLite token file', () => {
  it("moves an older database's tokens out on first open, ids and revocations kept", async (t) => {
    const db = tempDb(t);
    oldDatabase(db);
    const ts = openTokenStore(db);
    try {
      assert.deepEqual(
        (await ts.listTokens()).map((x) => [x.id, x.organisation, x.label, x.revokedAt ?? null]),
        [[7, 'acme', 'live', null], [9, 'acme', 'gone', '2026-01-04T00:00:00Z']],
      );
      assert.equal((await ts.authenticate(LIVE))?.id, 7);
      assert.equal(await ts.authenticate(REVOKED), undefined);
      assert.deepEqual(await ts.organisations(), ['default', 'acme']);
      assert.ok((await ts.createToken({ organisation: 'acme', role: 'viewer', label: 'after' })).id > 9, 'new ids follow the moved ones');
    } finally {
      await ts.close();
    }
    assert.ok(!tables(db).some((n) => n.startsWith('api_tokens')), 'the store keeps no token table');
    assert.ok(tables(tokenFilePath(db)).includes('api_tokens'));
  });

  it('a move interrupted after its copy (the store locked by an import) is finished later, revocations made meanwhile kept', async (t) => {
    const db = tempDb(t);
    oldDatabase(db);
    // Bring the store to the latest version first, then hold its write lock as an import would.
    openSqliteDatabase(db, false).close();
    const importer = new Database(db);
    importer.exec('BEGIN IMMEDIATE');
    let ts = openTokenStore(db);
    assert.ok(await ts.revokeToken(7), 'revoked while the store is locked');
    await ts.close();
    importer.exec('ROLLBACK');
    importer.close();
    assert.ok(tables(db).includes('api_tokens_moved'), 'the drop waited for the lock');
    ts = openTokenStore(db);
    try {
      assert.deepEqual((await ts.listTokens()).map((x) => [x.id, x.revokedAt !== undefined]), [[7, true], [9, true]], 'copied again: nothing revived, nothing doubled');
      assert.equal(await ts.authenticate(LIVE), undefined);
    } finally {
      await ts.close();
    }
    assert.ok(!tables(db).includes('api_tokens_moved'));
  });

  it("an organisation created with a token gets the store's row at its first import; an unknown one is refused", async (t) => {
    const db = tempDb(t);
    const ts = openTokenStore(db);
    await ts.createToken({ organisation: 'newco', role: 'analyst', label: 'x' });
    await ts.close();
    const csv = join(db, '..', 'inv.csv');
    writeFileSync(csv, 'id,vendor\nn1,huawei\n');
    const store = openStore(db);
    try {
      assert.equal((await importFiles(store, [csv], { snapshot: 'q1', organisation: 'newco' })).snapshot.devices, 1);
      assert.deepEqual((await store.listSnapshots('newco')).map((s) => s.name), ['q1']);
      await assert.rejects(() => importFiles(store, [csv], { snapshot: 'q1', organisation: 'nobody' }), /no organisation named "nobody"/);
      const w = await store.beginPathImport({ files: ['x'], enrichment: [], organisation: 'newco' });
      await w.rollback();
    } finally {
      await store.close();
    }
  });

  it('a token file is not a store, and a store is not a token file', async (t) => {
    const db = tempDb(t);
    await openTokenStore(db).close();
    assert.ok(existsSync(tokenFilePath(db)));
    assert.throws(() => openStore(tokenFilePath(db)), (e: unknown) => e instanceof InputError && /not a cleanpath database/.test(e.message));
    // A store where the token file should be (a copy gone wrong) is refused, not migrated.
    const other = join(db, '..', 'other.db');
    await openStore(other).close();
    copyFileSync(db, tokenFilePath(other));
    assert.throws(() => openTokenStore(other), (e: unknown) => e instanceof InputError && /not a cleanpath token file/.test(e.message));
  });
});
