// Connections to a PostgreSQL store: one pool per opened store, numbers as numbers, and the
// store's SQL (written with SQLite's `?` placeholders) turned into PostgreSQL's `$n`.
import pg from 'pg';
import { InputError } from '../../model/index.js';

/** int8 (COUNT(*), bigint columns) as a JS number: every count and id here stays far below 2^53. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 && format !== 'binary') return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

export type Pool = pg.Pool;
export type Client = pg.PoolClient;

/** Connections per store: the analyses read one snapshot at a time, imports hold one. */
const MAX_CONNECTIONS = 4;

export function createPool(url: string, readonly: boolean): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: MAX_CONNECTIONS,
    types,
    // A read-only store cannot write even by mistake: the server refuses it.
    ...(readonly && { options: '-c default_transaction_read_only=on' }),
    application_name: 'cleanpath',
  });
  // An idle connection that dies (server restart) must not take the process down with it.
  pool.on('error', () => undefined);
  return pool;
}

/** The URL without its password, for messages: a store's `path`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

/** `?` placeholders to `$1`, `$2`, ...: the store's SQL never has a `?` inside a literal. */
export function dollar(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** A connection failure as the InputError a user can act on (exit 2, `url: message`). */
export function connectionError(where: string, e: unknown): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|28P01|28000|3D000)$/.test(code)) {
    return new InputError(where, undefined, `cannot connect to PostgreSQL: ${(e as Error).message}`);
  }
  return e;
}

/** SQLSTATE of a PostgreSQL error, undefined for anything else. */
export function sqlState(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
