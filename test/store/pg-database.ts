// A fresh PostgreSQL database per test file, dropped after: CLEANPATH_TEST_DATABASE_URL names
// the server and a role with CREATEDB. When the server does not answer, the tests that need it go
// through peer('postgresql', …): CI fails them (it starts one, scripts/services.sh) and a
// developer's run skips them with the reason.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.CLEANPATH_TEST_DATABASE_URL ?? 'postgres://cleanpath:cleanpath@127.0.0.1:5432/cleanpath';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new empty database on the test server, or the reason there is none (for peer('postgresql', …)). */
export async function createTestDatabase(prefix: string): Promise<TestDatabase | { skip: string }> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (e) {
    const why = `PostgreSQL is not reachable at ${redact(TEST_DATABASE_URL)} (${e instanceof Error ? e.message : String(e)}): start it with scripts/services.sh or set CLEANPATH_TEST_DATABASE_URL`;
    return { skip: why };
  }
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(TEST_DATABASE_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      try {
        // FORCE ends the test's own sessions; a session of another role (an autovacuum worker,
        // someone's psql) cannot be ended by ours (42501) and goes away by itself: retry briefly.
        for (let attempt = 1; ; attempt++) {
          try {
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            break;
          } catch (e) {
            if ((e as { code?: string }).code !== '42501' || attempt >= 20) throw e;
            await new Promise((r) => setTimeout(r, 250));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/**
 * Every row of every table, in a canonical order: "exactly as before" on PostgreSQL. (Identity
 * sequences are left out: PostgreSQL never gives a number back, even when its transaction rolls back.)
 */
export async function dumpPg(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const tables = (await c.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).rows.map((r) => r.t);
    const out: Record<string, string[]> = {};
    for (const t of tables) out[t] = (await c.query(`SELECT * FROM "${t}"`)).rows.map((r) => JSON.stringify(r)).sort();
    return JSON.stringify(out);
  } finally {
    await c.end();
  }
}
