// Organisations of an SQLite store. Which organisations exist is the token file's to say (they
// are created with their first token, which must never wait for an import: sqlite-token-file.ts);
// the store keeps a row per organisation only for its snapshots and measurements to reference,
// added by the first import that needs it, inside that import's transaction.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { organisationId } from './sqlite-snapshots.js';
import { tokenFilePath } from './sqlite-token-file.js';

type Db = Database.Database;

/**
 * The store's id of `organisation`, its row added when the token file knows the organisation but
 * the store does not yet; undefined when neither knows it. Call inside the write transaction.
 */
export function ensureOrganisation(db: Db, dbPath: string, organisation: string): number | undefined {
  const id = organisationId(db, organisation);
  if (id !== undefined) return id;
  const createdAt = createdInTokenFile(dbPath, organisation);
  if (createdAt === undefined) return undefined;
  return Number(db.prepare('INSERT INTO organisations (name, created_at) VALUES (?, ?)').run(organisation, createdAt).lastInsertRowid);
}

/** When the token file's organisation was created, undefined when it has none of that name (or no file). */
function createdInTokenFile(dbPath: string, organisation: string): string | undefined {
  const path = tokenFilePath(dbPath);
  if (!existsSync(path)) return undefined;
  const tokens = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return tokens.prepare<[string], string>('SELECT created_at FROM organisations WHERE name = ?').pluck().get(organisation);
  } finally {
    tokens.close();
  }
}
