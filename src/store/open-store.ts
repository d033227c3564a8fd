import { SqliteStore } from './sqlite-store.js';
import type { OpenStoreOptions, Store } from './types.js';

/** Opens the SQLite store at `path`, creating and migrating it as needed (see sqlite-open.ts). */
export function openStore(path: string, opts: OpenStoreOptions = {}): Store {
  return new SqliteStore(path, opts);
}
