// Measured paths in the store's SQLite file (tables path_imports and path_measurements, migration
// "measured paths"): one transaction per import, duplicates (same measurement imported twice)
// skipped by a content hash, reads by time window in time order, paged so a month of results
// never sits in memory.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { InputError } from '../model/index.js';
import { openSqliteDatabase } from '../store/sqlite-open.js';
import { isPostgresUrl } from '../store/types.js';
import type { HopFacts } from './enrich/enricher.js';
import { hopAddresses, type Measurement } from './types.js';

/** The organisation the CLI works in unless told otherwise (the store's own default). */
export const DEFAULT_ORGANISATION = 'default';

/** A stored measurement with the enrichment found for its addresses at import. */
export interface StoredMeasurement {
  id: number;
  measurement: Measurement;
  facts: Record<string, HopFacts>;
}

export interface PathImportSummary {
  importId: number;
  files: string[];
  measurements: number;
  duplicates: number;
  hops: number;
  warnings: number;
}

export interface PathImportWriter {
  add(m: Measurement, facts: Record<string, HopFacts>): void;
  commit(warnings: string[]): PathImportSummary;
  rollback(): void;
}

export interface WindowFilter {
  /** Seconds since the epoch, inclusive. */
  since?: number;
  /** Seconds since the epoch, exclusive. */
  until?: number;
  sites?: string[];
  /** Organisation name (default: 'default'); an unknown one has no measurements. */
  organisation?: string;
}

export class PathStore {
  private readonly db: Database.Database;

  constructor(readonly path: string, readonly readonly = false) {
    // Said plainly rather than creating an SQLite file named after the URL (the URL, with its
    // password, stays out of the message).
    if (isPostgresUrl(path)) throw new InputError('--db', undefined, 'measured paths are kept in an SQLite store only, not yet in PostgreSQL: give --db an SQLite file');
    this.db = openSqliteDatabase(path, readonly);
    const has = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'path_measurements'").get();
    if (!has) {
      this.db.close();
      throw new InputError(path, undefined, 'this database has no measured-paths table (written by an older cleanpath? open it read-write once)');
    }
  }

  /** The organisation's row id, or undefined when no organisation has that name. */
  private organisationId(name: string = DEFAULT_ORGANISATION): number | undefined {
    return this.db.prepare<[string], number>('SELECT id FROM organisations WHERE name = ?').pluck().get(name);
  }

  close(): void {
    if (this.db.open && this.db.inTransaction) this.db.exec('ROLLBACK');
    if (this.db.open) this.db.close();
  }

  /**
   * Opens one import: everything added lands in one transaction, committed by `commit` and
   * undone by `rollback` (or by closing the store), so a file that fails half-way adds nothing.
   */
  beginImport(meta: { files: string[]; enrichment: string[]; organisation?: string }): PathImportWriter {
    if (this.readonly) throw new InputError(this.path, undefined, 'the database is open read-only');
    const db = this.db;
    const org = this.organisationId(meta.organisation);
    if (org === undefined) throw new InputError(this.path, undefined, `no organisation named "${meta.organisation}" (cleanpath token create --org NAME creates one)`);
    db.exec('BEGIN IMMEDIATE');
    const importId = Number(
      db.prepare('INSERT INTO path_imports (organisation, imported_at, files, enrichment, measurements, duplicates, warnings) VALUES (?, ?, ?, ?, 0, 0, ?)')
        .run(org, new Date().toISOString(), JSON.stringify(meta.files), JSON.stringify(meta.enrichment), '[]').lastInsertRowid,
    );
    const ins = db.prepare(
      'INSERT INTO path_measurements (organisation, import, key, site, time, format, dst, hops, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (organisation, key) DO NOTHING',
    );
    let added = 0, dup = 0, hops = 0, open = true;
    return {
      add(m, facts) {
        if (!open) throw new Error('the path import is closed');
        const r = ins.run(org, importId, measurementKey(m), m.site, m.time, m.format, m.dstAddress ?? m.dstName ?? null, m.hops.length, JSON.stringify({ m, f: facts }));
        if (r.changes) {
          added++;
          hops += m.hops.length;
        } else dup++;
      },
      commit(warnings) {
        if (!open) throw new Error('the path import is closed');
        db.prepare('UPDATE path_imports SET measurements = ?, duplicates = ?, warnings = ? WHERE id = ?').run(added, dup, JSON.stringify(warnings.slice(0, 1000)), importId);
        db.exec('COMMIT');
        open = false;
        return { importId, files: meta.files, measurements: added, duplicates: dup, hops, warnings: warnings.length };
      },
      rollback() {
        if (open && db.inTransaction) db.exec('ROLLBACK');
        open = false;
      },
    };
  }

  count(f: WindowFilter = {}): number {
    const { where, params } = windowSql(f, this.organisationId(f.organisation));
    return this.db.prepare<unknown[], number>(`SELECT COUNT(*) FROM path_measurements WHERE ${where}`).pluck().get(...params) ?? 0;
  }

  /** The time span of the stored measurements (seconds), or null when there are none. */
  span(organisation?: string): { first: number; last: number; count: number } | null {
    const org = this.organisationId(organisation);
    if (org === undefined) return null;
    const r = this.db.prepare<[number], { first: number | null; last: number | null; count: number }>('SELECT MIN(time) AS first, MAX(time) AS last, COUNT(*) AS count FROM path_measurements WHERE organisation = ?').get(org);
    return r && r.first !== null && r.last !== null ? { first: r.first, last: r.last, count: r.count } : null;
  }

  /** Measurements of the window in time order, read a page at a time. */
  *iterate(f: WindowFilter = {}, pageSize = 2000): IterableIterator<StoredMeasurement> {
    const { where, params } = windowSql(f, this.organisationId(f.organisation));
    const page = this.db.prepare<unknown[], { id: number; time: number; body: string }>(
      `SELECT id, time, body FROM path_measurements WHERE ${where} AND (time > ? OR (time = ? AND id > ?)) ORDER BY time, id LIMIT ?`,
    );
    let lastTime = -1, lastId = -1;
    for (;;) {
      const rows = page.all(...params, lastTime, lastTime, lastId, pageSize);
      for (const r of rows) {
        const body = JSON.parse(r.body) as { m: Measurement; f: Record<string, HopFacts> };
        yield { id: r.id, measurement: body.m, facts: body.f };
      }
      if (rows.length < pageSize) return;
      lastTime = rows[rows.length - 1]!.time;
      lastId = rows[rows.length - 1]!.id;
    }
  }

  imports(organisation?: string): Array<{ id: number; importedAt: string; files: string[]; measurements: number; duplicates: number }> {
    const org = this.organisationId(organisation);
    if (org === undefined) return [];
    return this.db
      .prepare<[number], { id: number; imported_at: string; files: string; measurements: number; duplicates: number }>('SELECT id, imported_at, files, measurements, duplicates FROM path_imports WHERE organisation = ? ORDER BY id')
      .all(org)
      .map((r) => ({ id: r.id, importedAt: r.imported_at, files: JSON.parse(r.files) as string[], measurements: r.measurements, duplicates: r.duplicates }));
  }
}

/** `organisation`: the row id, undefined for an unknown organisation (which matches nothing). */
function windowSql(f: WindowFilter, organisation: number | undefined): { where: string; params: unknown[] } {
  const parts = ['organisation = ?'];
  const params: unknown[] = [organisation ?? -1];
  if (f.since !== undefined) {
    parts.push('time >= ?');
    params.push(f.since);
  }
  if (f.until !== undefined) {
    parts.push('time < ?');
    params.push(f.until);
  }
  if (f.sites?.length) {
    parts.push(`site IN (${f.sites.map(() => '?').join(',')})`);
    params.push(...f.sites);
  }
  return { where: parts.join(' AND '), params };
}

/** What identifies a measurement: the same traceroute imported twice has the same key. */
export function measurementKey(m: Measurement): string {
  const h = createHash('sha256');
  h.update(`${m.format}\u0000${m.site}\u0000${m.time}\u0000${m.srcAddress ?? ''}\u0000${m.dstAddress ?? m.dstName ?? ''}\u0000${m.msmId ?? ''}\u0000${m.probeId ?? ''}\u0000`);
  for (const hop of m.hops) h.update(`${hop.ttl}:${hop.replies.map((r) => `${r.address ?? '*'}/${r.rttMs ?? ''}`).join(',')};`);
  return h.digest('base64url').slice(0, 32);
}

/** The enrichment of every address a measurement's hops answered from. */
export function factsFor(m: Measurement, lookup: (address: string) => HopFacts): Record<string, HopFacts> {
  const out: Record<string, HopFacts> = {};
  for (const h of m.hops) for (const a of hopAddresses(h)) if (!(a in out)) out[a] = lookup(a);
  return out;
}
