import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { InputError } from '../model/index.js';
import { APPLICATION_ID, MIGRATIONS, type Migration } from './migrations.js';
import { isSqliteBusy, StoreBusyError } from './write-lock.js';

type Db = Database.Database;

/** How long a statement waits for another connection's lock (write-lock.ts waits for imports its own way). */
const BUSY_TIMEOUT_MS = 10_000;

/** What kind of cleanpath file: its header's application id, its migrations, its page size. */
export interface FileKind {
  applicationId: number;
  migrations: readonly Migration[];
  /** Page size of a new file; absent: SQLite's default. */
  pageSize?: number;
  /** How messages name it: "cleanpath database". */
  what: string;
}

/**
 * The store: large pages (SQLite's largest), so a bulk import writes a sixteenth of the pages
 * (and WAL frames) that 4 KiB pages cost, and rows of a few hundred bytes pack with less slack.
 * Measured: SQLite-side CPU for a million devices 11.1 -> 7.7 s.
 */
export const STORE_FILE: FileKind = { applicationId: APPLICATION_ID, migrations: MIGRATIONS, pageSize: 65536, what: 'cleanpath database' };

/**
 * Opens (creating when absent and writable) a cleanpath SQLite database and brings its schema
 * to the latest version. Refuses a file that is not a cleanpath database and one written by a
 * newer cleanpath, so neither is ever modified. `migrations` is replaceable so tests can build
 * databases of older versions.
 */
export function openSqliteDatabase(path: string, readonly: boolean, migrations: readonly Migration[] = MIGRATIONS, kind: FileKind = STORE_FILE): Db {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (readonly && !existsSync(path)) throw new InputError(path, undefined, `no ${kind.what} here (nothing has been imported yet?)`);
  let db: Db;
  try {
    db = new Database(path, { readonly, fileMustExist: readonly, timeout: BUSY_TIMEOUT_MS });
  } catch (e) {
    throw new InputError(path, undefined, `cannot open the database: ${message(e)}`);
  }
  try {
    const version = inspect(db, path, latest, kind);
    if (!readonly) {
      // A new file's page size is set before WAL mode fixes it.
      if (version === 0 && kind.pageSize !== undefined) db.pragma(`page_size = ${kind.pageSize}`);
      // WAL lets readers (a dashboard, a report) run while an import writes.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    if (version < latest) {
      if (readonly) {
        throw new InputError(path, undefined, `the database has schema version ${version} and needs migrating to ${latest}; open it once read-write`);
      }
      migrate(db, path, migrations, latest, kind.applicationId);
    }
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** The schema version of a cleanpath database, 0 for an empty file; throws for anything else. */
function inspect(db: Db, path: string, latest: number, kind: FileKind): number {
  let tables: string[];
  let appId: number;
  try {
    tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    appId = db.pragma('application_id', { simple: true }) as number;
  } catch (e) {
    throw new InputError(path, undefined, `not a ${kind.what} (${message(e)})`);
  }
  if (tables.length === 0 && appId === 0) return 0;
  if (appId !== kind.applicationId || !tables.includes('schema_migrations')) {
    throw new InputError(path, undefined, `not a ${kind.what}: it is an SQLite database written by something else`);
  }
  return currentVersion(db, path, latest);
}

function currentVersion(db: Db, path: string, latest: number): number {
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get()) return 0;
  const v = db.prepare<[], number | null>('SELECT MAX(version) FROM schema_migrations').pluck().get() ?? 0;
  if (v > latest) {
    throw new InputError(path, undefined, `the database has schema version ${v}, written by a newer cleanpath; this one knows up to version ${latest}: upgrade cleanpath`);
  }
  return v;
}

/**
 * Applies the missing migrations in one transaction. Foreign keys are off meanwhile (they can only
 * be switched outside a transaction) so that a migration may rebuild a referenced table, and are
 * checked as a whole before the commit: SQLite's own recipe for schema changes.
 */
function migrate(db: Db, path: string, migrations: readonly Migration[], latest: number, applicationId: number): void {
  db.pragma('foreign_keys = OFF');
  try {
    migrateInTransaction(db, path, migrations, latest, applicationId);
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

function migrateInTransaction(db: Db, path: string, migrations: readonly Migration[], latest: number, applicationId: number): void {
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (e) {
    // An import of an older cleanpath holds the file: a clear wait bound, not "database is locked".
    if (isSqliteBusy(e)) throw new StoreBusyError(path, BUSY_TIMEOUT_MS / 1000);
    throw e;
  }
  try {
    // Another process may have migrated between our look and our lock.
    const from = currentVersion(db, path, latest);
    if (from === 0) {
      db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
      db.pragma(`application_id = ${applicationId}`);
    }
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of migrations.filter((x) => x.version > from)) {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    }
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`migrating ${path} would break ${broken.length} foreign key reference(s): ${JSON.stringify(broken.slice(0, 3))}`);
    db.exec('COMMIT');
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
