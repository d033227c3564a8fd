// Measured paths as rows, shared by both backends (tables path_imports and path_measurements,
// migration "measured paths"): one row per measurement whose body is its hops and their
// enrichment as compact JSON (a row per hop would multiply a month of Atlas results by ~15), a
// content hash as key so that the same traceroute imported twice adds nothing, and the SQL with
// SQLite's `?` placeholders (PostgreSQL's `$n` come from pg/connection.ts's dollar()).
import { createHash } from 'node:crypto';
import type { HopFacts, Measurement } from '../model/index.js';
import type { MeasuredPath, MeasurementWindow, PathImportInfo, StoredMeasurement } from './path-types.js';
import type { SqlValue } from './rows.js';

/** What identifies a measurement: the same traceroute imported twice has the same key. */
export function measurementKey(m: Measurement): string {
  const h = createHash('sha256');
  h.update(`${m.format}\u0000${m.site}\u0000${m.time}\u0000${m.srcAddress ?? ''}\u0000${m.dstAddress ?? m.dstName ?? ''}\u0000${m.msmId ?? ''}\u0000${m.probeId ?? ''}\u0000`);
  for (const hop of m.hops) h.update(`${hop.ttl}:${hop.replies.map((r) => `${r.address ?? '*'}/${r.rttMs ?? ''}`).join(',')};`);
  return h.digest('base64url').slice(0, 32);
}

/** The columns a measurement fills after (organisation, import), in MEASUREMENT_COLUMNS order. */
export function measurementValues(p: MeasuredPath): [key: string, site: string, time: number, format: string, dst: string | null, hops: number, body: string] {
  const m = p.measurement;
  // `{ m, f }` is the body written since migration 4: existing rows must keep reading back.
  return [measurementKey(m), m.site, m.time, m.format, m.dstAddress ?? m.dstName ?? null, m.hops.length, JSON.stringify({ m, f: p.facts })];
}

export const MEASUREMENT_COLUMNS = ['organisation', 'import', 'key', 'site', 'time', 'format', 'dst', 'hops', 'body'] as const;

export const PATH_IMPORT_INSERT = 'INSERT INTO path_imports (organisation, imported_at, files, enrichment, measurements, duplicates, warnings) VALUES (?, ?, ?, ?, 0, 0, ?)';
export const PATH_IMPORT_FINISH = 'UPDATE path_imports SET measurements = ?, duplicates = ?, warnings = ? WHERE id = ?';
export const PATH_IMPORTS_SELECT = 'SELECT id, imported_at, files, measurements, duplicates FROM path_imports WHERE organisation = ? ORDER BY id';
export const MEASUREMENT_SPAN = 'SELECT MIN(time) AS first, MAX(time) AS last, COUNT(*) AS count FROM path_measurements WHERE organisation = ?';

/** Warnings kept with an import (all are counted): a bad month of dumps must not bloat the row. */
export const KEPT_WARNINGS = 1000;

/** Measurements read per page: a month of results never sits in memory. */
export const MEASUREMENT_PAGE = 2000;

/**
 * WHERE clause and parameters of a window. `organisation` is the row id, undefined for an
 * unknown organisation, which then matches nothing.
 */
export function windowWhere(f: MeasurementWindow, organisation: number | undefined): { sql: string; params: SqlValue[] } {
  const parts = ['organisation = ?'];
  const params: SqlValue[] = [organisation ?? -1];
  if (f.since !== undefined) {
    parts.push('time >= ?');
    params.push(f.since);
  }
  if (f.until !== undefined) {
    parts.push('time < ?');
    params.push(f.until);
  }
  if (f.sites?.length) {
    parts.push(`site IN (${f.sites.map(() => '?').join(', ')})`);
    params.push(...f.sites);
  }
  return { sql: parts.join(' AND '), params };
}

/** One page of a window in (time, id) order after the last row read: keyset paging, no OFFSET. */
export function measurementPage(whereSql: string): string {
  return `SELECT id, time, body FROM path_measurements WHERE ${whereSql} AND (time > ? OR (time = ? AND id > ?)) ORDER BY time, id LIMIT ?`;
}

export function readStoredMeasurement(r: Record<string, unknown>): StoredMeasurement {
  const body = JSON.parse(r.body as string) as { m: Measurement; f: Record<string, HopFacts> };
  return { id: r.id as number, measurement: body.m, facts: body.f };
}

export function readPathImport(r: Record<string, unknown>): PathImportInfo {
  return { id: r.id as number, importedAt: r.imported_at as string, files: JSON.parse(r.files as string) as string[], measurements: r.measurements as number, duplicates: r.duplicates as number };
}

export function unknownOrganisation(organisation: string): string {
  return `no organisation named "${organisation}" (cleanpath token create --org NAME creates one)`;
}
