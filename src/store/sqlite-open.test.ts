import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { InputError } from '../model/index.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { openStore } from './open-store.js';
import { openSqliteDatabase } from './sqlite-open.js';
import { SqliteStore } from './sqlite-store.js';
import { device, tempDir } from './test-helpers.js';

// One past the shipped migrations, however many there are.
const NEXT = MIGRATIONS.at(-1)!.version + 1;
const V2: Migration = { version: NEXT, name: 'test: a later version', sql: 'CREATE TABLE later (x INTEGER);' };

test('a new database is created by the migrations, in WAL mode with foreign keys', async (t) => {
  const path = join(tempDir(t), 'c.db');
  const store = openStore(path);
  assert.equal(await store.schemaVersion(), MIGRATIONS.at(-1)!.version);
  store.close();
  const db = new Database(path, { readonly: true });
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
  assert.deepEqual(applied, MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
  db.close();
  const raw = openSqliteDatabase(path, false);
  assert.equal(raw.pragma('foreign_keys', { simple: true }), 1);
  assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
  raw.close();
});

test('reopening keeps the data and applies nothing twice', async (t) => {
  const path = join(tempDir(t), 'c.db');
  const a = openStore(path);
  const w = await a.beginImport({ snapshot: 's1' });
  await w.add({ devices: [device(1)], sites: [], links: [], flows: [] });
  await w.commit();
  a.close();
  const b = openStore(path);
  assert.deepEqual((await b.listSnapshots()).map((s) => s.name), ['s1']);
  assert.equal((await b.devices((await b.resolveSnapshot()).id)).length, 1);
  b.close();
  const db = new Database(path, { readonly: true });
  assert.deepEqual(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get(), { n: MIGRATIONS.length });
  db.close();
});

test('an older database is migrated on open, in one transaction', async (t) => {
  const path = join(tempDir(t), 'c.db');
  new SqliteStore(path, {}, [...MIGRATIONS]).close();
  const failing: Migration = { version: NEXT, name: 'broken', sql: 'CREATE TABLE half (x INTEGER); SELECT * FROM no_such_table;' };
  assert.throws(() => new SqliteStore(path, {}, [...MIGRATIONS, failing]), /no_such_table/);
  const db = new Database(path, { readonly: true });
  assert.equal(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'half'").pluck().get(), 0, 'the failed migration left nothing behind');
  db.close();
  const s = new SqliteStore(path, {}, [...MIGRATIONS, V2]);
  assert.equal(await s.schemaVersion(), NEXT);
  s.close();
});

test('a database from a newer cleanpath is refused, untouched', async (t) => {
  const path = join(tempDir(t), 'c.db');
  new SqliteStore(path, {}, [...MIGRATIONS, V2]).close();
  const before = readFileSync(path);
  assert.throws(() => openStore(path), (e: unknown) => e instanceof InputError && new RegExp(`schema version ${NEXT}.*newer cleanpath`).test(e.message));
  assert.deepEqual(readFileSync(path), before);
});

test('a file that is not a cleanpath database is refused with a clear error', async (t) => {
  const dir = tempDir(t);
  const text = join(dir, 'notes.txt');
  writeFileSync(text, 'id,vendor\n'.repeat(500));
  assert.throws(() => openStore(text), (e: unknown) => e instanceof InputError && /not a cleanpath database/.test(e.message));
  assert.equal(readFileSync(text, 'utf8'), 'id,vendor\n'.repeat(500));

  const other = join(dir, 'other.db');
  const db = new Database(other);
  db.exec('CREATE TABLE t (x)');
  db.close();
  assert.throws(() => openStore(other), /not a cleanpath database: it is an SQLite database written by something else/);
  assert.throws(() => openStore(dir), InputError);
});

test('read-only: no database is created, and nothing can be imported', async (t) => {
  const dir = tempDir(t);
  assert.throws(() => openStore(join(dir, 'none.db'), { readonly: true }), /no cleanpath database here/);
  const path = join(dir, 'c.db');
  openStore(path).close();
  const ro = openStore(path, { readonly: true });
  assert.equal(ro.readonly, true);
  assert.deepEqual(await ro.listSnapshots(), []);
  await assert.rejects(async () => await ro.beginImport({ snapshot: 'x' }), /read-only/);
  ro.close();
});
