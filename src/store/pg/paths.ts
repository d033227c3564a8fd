// Measured paths in PostgreSQL: the SQLite side's rows and SQL (../path-rows.ts) over a pool. An
// import holds one connection and one transaction; each batch is one INSERT from unnest()ed
// arrays (a round trip per batch, not per traceroute), duplicates skipped by ON CONFLICT, which
// also drops a key repeated within the batch.
import { InputError } from '../../model/index.js';
import {
  KEPT_WARNINGS, MEASUREMENT_PAGE, MEASUREMENT_SPAN, PATH_IMPORT_FINISH, PATH_IMPORT_INSERT, PATH_IMPORTS_SELECT,
  measurementPage, measurementValues, readPathImport, readStoredMeasurement, unknownOrganisation, windowWhere,
} from '../path-rows.js';
import type { BeginPathImportOptions, MeasuredPath, MeasurementSpan, MeasurementWindow, PathImportInfo, PathImportSummary, PathImportWriter, StoredMeasurement } from '../path-types.js';
import { DEFAULT_ORGANISATION } from '../types.js';
import { dollar, type Client, type Pool } from './connection.js';
import { organisationId, type Queryable } from './queries.js';

type Row = Record<string, unknown>;

const INSERT_BATCH = `INSERT INTO path_measurements (organisation, import, key, site, time, format, dst, hops, body)
  SELECT $1::integer, $2::integer, t.key, t.site, t.time, t.format, t.dst, t.hops, t.body FROM unnest($3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::integer[], $9::text[]) WITH ORDINALITY AS t(key, site, time, format, dst, hops, body, n)
  ORDER BY n
  ON CONFLICT (organisation, key) DO NOTHING
  RETURNING hops`;

export class PgPathWriter implements PathImportWriter {
  private state: 'open' | 'closed' = 'open';
  private added = 0;
  private duplicates = 0;
  private hops = 0;
  private importId = 0;
  private org = 0;

  private constructor(private readonly client: Client, private readonly opts: BeginPathImportOptions, private readonly onClose: () => void) {}

  static async begin(pool: Pool, where: string, opts: BeginPathImportOptions, onClose: () => void): Promise<PgPathWriter> {
    const organisation = opts.organisation ?? DEFAULT_ORGANISATION;
    const client = await pool.connect();
    const w = new PgPathWriter(client, opts, onClose);
    try {
      const org = await organisationId(client, organisation);
      if (org === undefined) throw new InputError(where, undefined, unknownOrganisation(organisation));
      w.org = org;
      await client.query('BEGIN');
      const r = await client.query<{ id: number }>(`${dollar(PATH_IMPORT_INSERT)} RETURNING id`, [org, new Date().toISOString(), JSON.stringify(opts.files), JSON.stringify(opts.enrichment), '[]']);
      w.importId = r.rows[0]!.id;
      return w;
    } catch (e) {
      await w.close('ROLLBACK');
      throw e;
    }
  }

  add(batch: readonly MeasuredPath[]): Promise<void> {
    return this.guard(async () => {
      if (batch.length === 0) return;
      const cols: Array<Array<string | number | null>> = [[], [], [], [], [], [], []];
      for (const p of batch) measurementValues(p).forEach((v, k) => cols[k]!.push(v));
      const r = await this.client.query<{ hops: number }>(INSERT_BATCH, [this.org, this.importId, ...cols]);
      this.added += r.rows.length;
      this.duplicates += batch.length - r.rows.length;
      for (const x of r.rows) this.hops += x.hops;
    });
  }

  async commit(warnings: readonly string[]): Promise<PathImportSummary> {
    await this.guard(async () => {
      await this.client.query(dollar(PATH_IMPORT_FINISH), [this.added, this.duplicates, JSON.stringify(warnings.slice(0, KEPT_WARNINGS)), this.importId]);
    });
    await this.close('COMMIT');
    return { importId: this.importId, files: this.opts.files, measurements: this.added, duplicates: this.duplicates, hops: this.hops, warnings: warnings.length };
  }

  async rollback(): Promise<void> {
    if (this.state === 'open') await this.close('ROLLBACK');
  }

  /** Runs `work` on the open import; any failure rolls the whole import back before rethrowing. */
  private async guard(work: () => Promise<void>): Promise<void> {
    if (this.state !== 'open') throw new Error('the path import is closed');
    try {
      await work();
    } catch (e) {
      await this.close('ROLLBACK');
      throw e;
    }
  }

  private async close(how: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'closed';
    let failed: unknown;
    try {
      await this.client.query(how);
    } catch (e) {
      failed = e;
    }
    // A connection whose COMMIT or ROLLBACK failed is in an unknown state: the pool must drop it.
    this.client.release(failed instanceof Error ? failed : undefined);
    this.onClose();
    if (failed !== undefined && how === 'COMMIT') throw failed;
  }
}

async function orgOf(db: Queryable, organisation: string | undefined): Promise<number | undefined> {
  return organisationId(db, organisation ?? DEFAULT_ORGANISATION);
}

export async function countMeasurements(db: Queryable, f: MeasurementWindow = {}): Promise<number> {
  const { sql, params } = windowWhere(f, await orgOf(db, f.organisation));
  const r = await db.query<{ n: number }>(dollar(`SELECT COUNT(*) AS n FROM path_measurements WHERE ${sql}`), params);
  return r.rows[0]?.n ?? 0;
}

export async function measurementSpan(db: Queryable, organisation?: string): Promise<MeasurementSpan | null> {
  const org = await orgOf(db, organisation);
  if (org === undefined) return null;
  const r = (await db.query<{ first: number | null; last: number | null; count: number }>(dollar(MEASUREMENT_SPAN), [org])).rows[0];
  return r && r.first !== null && r.last !== null ? { first: r.first, last: r.last, count: r.count } : null;
}

export async function* iterateMeasurements(db: Queryable, f: MeasurementWindow = {}): AsyncGenerator<StoredMeasurement> {
  const { sql, params } = windowWhere(f, await orgOf(db, f.organisation));
  const page = dollar(measurementPage(sql));
  let lastTime = -1, lastId = -1;
  for (;;) {
    const rows = (await db.query(page, [...params, lastTime, lastTime, lastId, MEASUREMENT_PAGE])).rows as Row[];
    for (const r of rows) yield readStoredMeasurement(r);
    if (rows.length < MEASUREMENT_PAGE) return;
    lastTime = rows[rows.length - 1]!.time as number;
    lastId = rows[rows.length - 1]!.id as number;
  }
}

export async function pathImports(db: Queryable, organisation?: string): Promise<PathImportInfo[]> {
  const org = await orgOf(db, organisation);
  if (org === undefined) return [];
  return ((await db.query(dollar(PATH_IMPORTS_SELECT), [org])).rows as Row[]).map(readPathImport);
}
