import { redactUrl } from './pg/connection.js';
import { PgStore } from './pg/store.js';
import { SqliteStore } from './sqlite-store.js';
import { isPostgresUrl, type OpenStoreOptions, type Store } from './types.js';

/**
 * Opens the store at `pathOrUrl`: a `postgres://` or `postgresql://` URL is a PostgreSQL database
 * (connected and migrated on first use, see pg/store.ts), anything else the SQLite file there,
 * created and migrated as needed (see sqlite-open.ts).
 */
export function openStore(pathOrUrl: string, opts: OpenStoreOptions = {}): Store {
  return isPostgresUrl(pathOrUrl) ? new PgStore(pathOrUrl, opts) : new SqliteStore(pathOrUrl, opts);
}

/** How to name the store in messages and reports: the file, or the URL without its password. */
export function storeLabel(pathOrUrl: string): string {
  return isPostgresUrl(pathOrUrl) ? redactUrl(pathOrUrl) : pathOrUrl;
}
