// Measured paths in SQLite: the import is one IMMEDIATE transaction on the store's connection,
// its lock taken first (write-lock.ts)
// (duplicates skipped by the unique (organisation, key)), reads page through a window by
// (time, id).
import type Database from 'better-sqlite3';
import { InputError } from '../model/index.js';
import {
  KEPT_WARNINGS, MEASUREMENT_PAGE, MEASUREMENT_SPAN, PATH_IMPORT_FINISH, PATH_IMPORT_INSERT, PATH_IMPORTS_SELECT,
  measurementPage, measurementValues, readPathImport, readStoredMeasurement, unknownOrganisation, windowWhere,
} from './path-rows.js';
import type { BeginPathImportOptions, MeasuredPath, MeasurementSpan, MeasurementWindow, PathImportInfo, PathImportSummary, StoredMeasurement } from './path-types.js';
import { ensureOrganisation } from './sqlite-organisations.js';
import { organisationId } from './sqlite-snapshots.js';
import { beginImmediate, type WriteWait } from './write-lock.js';
import { DEFAULT_ORGANISATION } from './types.js';

type Db = Database.Database;
type Row = Record<string, unknown>;

/** The synchronous path import underneath SqliteStore.beginPathImport. */
export class SqlitePathWriter {
  private open = true;
  private added = 0;
  private duplicates = 0;
  private hops = 0;
  private readonly importId: number;
  private readonly org: number;
  private readonly insert: Database.Statement;

  /** Takes the store's write lock (waiting per `wait`) and opens the import. */
  static async begin(db: Db, where: string, opts: BeginPathImportOptions, onClose: () => void, wait: WriteWait = {}): Promise<SqlitePathWriter> {
    await beginImmediate(db, where, wait);
    try {
      return new SqlitePathWriter(db, where, opts, onClose);
    } catch (e) {
      db.exec('ROLLBACK');
      throw e;
    }
  }

  /** Inside the transaction `begin` opened. */
  private constructor(private readonly db: Db, where: string, private readonly opts: BeginPathImportOptions, private readonly onClose: () => void) {
    const organisation = opts.organisation ?? DEFAULT_ORGANISATION;
    const org = ensureOrganisation(db, where, organisation);
    if (org === undefined) throw new InputError(where, undefined, unknownOrganisation(organisation));
    this.org = org;
    this.importId = Number(db.prepare(PATH_IMPORT_INSERT).run(org, new Date().toISOString(), JSON.stringify(opts.files), JSON.stringify(opts.enrichment), '[]').lastInsertRowid);
    this.insert = db.prepare(
      'INSERT INTO path_measurements (organisation, import, key, site, time, format, dst, hops, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (organisation, key) DO NOTHING',
    );
  }

  add(batch: readonly MeasuredPath[]): void {
    this.check();
    try {
      for (const p of batch) {
        if (this.insert.run(this.org, this.importId, ...measurementValues(p)).changes) {
          this.added++;
          this.hops += p.measurement.hops.length;
        } else this.duplicates++;
      }
    } catch (e) {
      this.rollback();
      throw e;
    }
  }

  commit(warnings: readonly string[]): PathImportSummary {
    this.check();
    try {
      this.db.prepare(PATH_IMPORT_FINISH).run(this.added, this.duplicates, JSON.stringify(warnings.slice(0, KEPT_WARNINGS)), this.importId);
      this.db.exec('COMMIT');
    } catch (e) {
      this.rollback();
      throw e;
    }
    this.close();
    return { importId: this.importId, files: this.opts.files, measurements: this.added, duplicates: this.duplicates, hops: this.hops, warnings: warnings.length };
  }

  rollback(): void {
    if (!this.open) return;
    if (this.db.open && this.db.inTransaction) this.db.exec('ROLLBACK');
    this.close();
  }

  private check(): void {
    if (!this.open) throw new Error('the path import is closed');
  }

  private close(): void {
    this.open = false;
    this.onClose();
  }
}

function orgOf(db: Db, organisation: string | undefined): number | undefined {
  return organisationId(db, organisation ?? DEFAULT_ORGANISATION);
}

export function countMeasurements(db: Db, f: MeasurementWindow = {}): number {
  const { sql, params } = windowWhere(f, orgOf(db, f.organisation));
  return db.prepare(`SELECT COUNT(*) FROM path_measurements WHERE ${sql}`).pluck().get(...params) as number;
}

export function measurementSpan(db: Db, organisation?: string): MeasurementSpan | null {
  const org = orgOf(db, organisation);
  if (org === undefined) return null;
  const r = db.prepare(MEASUREMENT_SPAN).get(org) as { first: number | null; last: number | null; count: number } | undefined;
  return r && r.first !== null && r.last !== null ? { first: r.first, last: r.last, count: r.count } : null;
}

/** Measurements of the window in time order, a page at a time. */
export function* iterateMeasurements(db: Db, f: MeasurementWindow = {}): IterableIterator<StoredMeasurement> {
  const { sql, params } = windowWhere(f, orgOf(db, f.organisation));
  const page = db.prepare(measurementPage(sql));
  let lastTime = -1, lastId = -1;
  for (;;) {
    const rows = page.all(...params, lastTime, lastTime, lastId, MEASUREMENT_PAGE) as Row[];
    for (const r of rows) yield readStoredMeasurement(r);
    if (rows.length < MEASUREMENT_PAGE) return;
    lastTime = rows[rows.length - 1]!.time as number;
    lastId = rows[rows.length - 1]!.id as number;
  }
}

export function pathImports(db: Db, organisation?: string): PathImportInfo[] {
  const org = orgOf(db, organisation);
  if (org === undefined) return [];
  return (db.prepare(PATH_IMPORTS_SELECT).all(org) as Row[]).map(readPathImport);
}
