// The API tokens of an SQLite store live in a file of their own beside it, `<store>-tokens`
// (issue 16 point 1). SQLite has one write lock per file, and an import holds the store's for its
// whole length (one transaction, so bad input leaves the store unchanged): a revocation in the
// same file waited behind a million-device import and failed with "database is locked", the token
// still live. In a file of its own, a token change waits only for another token change.
//
// Organisations are listed here too (created with their first token); the store adds its own row
// for one when it first imports into it (sqlite-organisations.ts). Tokens of a database from
// before this file existed are moved on the first open: the store's migration 6 renamed their
// table to api_tokens_moved, which is copied here in one transaction (by id, so that a repeated
// copy after a crash changes nothing, a revocation made here included) and then dropped from the
// store; should an import hold the store's lock at that moment, the drop waits for a later open.
// Back up both files together.
import type Database from 'better-sqlite3';
import type { Migration } from './migrations.js';
import { openSqliteDatabase, type FileKind } from './sqlite-open.js';
import { isSqliteBusy } from './write-lock.js';

type Db = Database.Database;

export function tokenFilePath(storePath: string): string {
  return `${storePath}-tokens`;
}

const V1 = `
CREATE TABLE organisations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
INSERT INTO organisations (id, name, created_at) VALUES (1, 'default', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  organisation INTEGER NOT NULL REFERENCES organisations(id),
  label TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
  hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE TRIGGER api_tokens_no_delete BEFORE DELETE ON api_tokens BEGIN SELECT RAISE(ABORT, 'cleanpath keeps revoked tokens: revoke, do not delete'); END;
CREATE TRIGGER api_tokens_no_change BEFORE UPDATE OF id, organisation, label, role, hash, created_at ON api_tokens BEGIN SELECT RAISE(ABORT, 'an API token cannot be changed, only revoked'); END;
`;

const MIGRATIONS: readonly Migration[] = [{ version: 1, name: 'organisations and API tokens', sql: V1 }];

export const TOKEN_FILE: FileKind = { applicationId: 0x436c5054 /* "ClPT" */, migrations: MIGRATIONS, what: 'cleanpath token file' };

/** Opens (creating and migrating) the token file of the store at `storePath`, its tokens moved in. */
export function openTokenFile(storePath: string): Db {
  const db = openSqliteDatabase(tokenFilePath(storePath), false, TOKEN_FILE.migrations, TOKEN_FILE);
  try {
    moveTokensIn(storePath, db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

interface MovedToken {
  id: number;
  organisation: string;
  label: string;
  role: string;
  hash: string;
  created_at: string;
  revoked_at: string | null;
}

/** Copies the store's tokens and organisations still awaiting the move, then drops them there. */
function moveTokensIn(storePath: string, tokens: Db): void {
  // Opening the store read-write brings it to migration 6 (and creates it when absent).
  const store = openSqliteDatabase(storePath, false);
  try {
    if (!store.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'api_tokens_moved'").get()) return;
    const orgs = store.prepare('SELECT name, created_at FROM organisations ORDER BY id').all() as { name: string; created_at: string }[];
    const moved = store
      .prepare('SELECT t.id, o.name AS organisation, t.label, t.role, t.hash, t.created_at, t.revoked_at FROM api_tokens_moved t JOIN organisations o ON o.id = t.organisation ORDER BY t.id')
      .all() as MovedToken[];
    const addOrg = tokens.prepare('INSERT INTO organisations (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING');
    const addToken = tokens.prepare(
      'INSERT OR IGNORE INTO api_tokens (id, organisation, label, role, hash, created_at, revoked_at) SELECT ?, id, ?, ?, ?, ?, ? FROM organisations WHERE name = ?',
    );
    tokens.transaction(() => {
      for (const o of orgs) addOrg.run(o.name, o.created_at);
      for (const t of moved) addToken.run(t.id, t.label, t.role, t.hash, t.created_at, t.revoked_at, t.organisation);
    }).immediate();
    dropMoved(store);
  } finally {
    store.close();
  }
}

/** Drops the moved rows from the store, unless an import holds its lock: then a later open does. */
function dropMoved(store: Db): void {
  store.pragma('busy_timeout = 0');
  try {
    store.exec('DROP TABLE api_tokens_moved');
  } catch (e) {
    if (!isSqliteBusy(e)) throw e;
  }
}
