// The store's reads in PostgreSQL: the SQLite queries (../sqlite-queries.ts, ../sqlite-snapshots.ts)
// with `$n` placeholders, byte-wise ("C") text order and SQLite's NULLs-first, so that both
// backends answer in the same order.
import type pg from 'pg';
import type { Device, Flow, Link, Site } from '../../model/index.js';
import { IMPORTS_SELECT, readDevice, readFlow, readImportRecord, readLink, readSite, readSnapshotInfo as toInfo, SNAPSHOT_IN_ORGANISATION as IN_ORGANISATION, SNAPSHOT_SELECT as SELECT } from '../rows.js';
import { deviceWhere } from '../sqlite-queries.js';
import { devicePageSql } from '../device-page.js';
import { DEFAULT_ORGANISATION, GROUP_FIELDS, type DeviceCount, type DeviceFilter, type DevicePage, type DevicePageQuery, type GroupField, type ImportRecord, type SnapshotInfo } from '../types.js';
import { dollar } from './connection.js';

/** A pool or one of its connections (inside an import's transaction). */
export type Queryable = Pick<pg.Pool, 'query'>;
type Row = Record<string, unknown>;

const PAGE = 1000;

async function all(db: Queryable, sql: string, params: unknown[] = []): Promise<Row[]> {
  return (await db.query(dollar(sql), params)).rows as Row[];
}

// ---- snapshots ----

export async function listSnapshots(db: Queryable, organisation = DEFAULT_ORGANISATION): Promise<SnapshotInfo[]> {
  return (await all(db, `${SELECT} WHERE ${IN_ORGANISATION} ORDER BY s.id`, [organisation])).map(toInfo);
}

export async function findSnapshot(db: Queryable, name: string, organisation = DEFAULT_ORGANISATION): Promise<SnapshotInfo | undefined> {
  const r = (await all(db, `${SELECT} WHERE ${IN_ORGANISATION} AND s.name = ?`, [organisation, name]))[0];
  return r && toInfo(r);
}

export async function latestSnapshot(db: Queryable, organisation = DEFAULT_ORGANISATION): Promise<SnapshotInfo | undefined> {
  const r = (await all(db, `${SELECT} WHERE ${IN_ORGANISATION} ORDER BY s.id DESC LIMIT 1`, [organisation]))[0];
  return r && toInfo(r);
}

export async function snapshotById(db: Queryable, id: number): Promise<SnapshotInfo> {
  const r = (await all(db, `${SELECT} WHERE s.id = ?`, [id]))[0];
  if (!r) throw new Error(`no snapshot with id ${id}`);
  return toInfo(r);
}

export async function organisationId(db: Queryable, organisation: string): Promise<number | undefined> {
  return (await all(db, 'SELECT id FROM organisations WHERE name = ?', [organisation]))[0]?.id as number | undefined;
}

export async function snapshotNames(db: Queryable, organisation = DEFAULT_ORGANISATION, max = 20): Promise<string> {
  const names = (await all(db, `SELECT s.name FROM snapshots s WHERE ${IN_ORGANISATION} ORDER BY s.id DESC LIMIT ?`, [organisation, max + 1])).map((r) => r.name as string);
  if (names.length === 0) return '(none: nothing has been imported yet)';
  return names.length > max ? `${names.slice(0, max).join(', ')}, ...` : names.join(', ');
}

// ---- rows ----

export async function* iterateDevices(db: Queryable, snapshotId: number, filter: DeviceFilter = {}): AsyncGenerator<Device> {
  const { sql, params } = deviceWhere(snapshotId, filter, 'pg');
  let remaining = filter.limit ?? Infinity;
  let after = 0;
  let skip = filter.offset ?? 0;
  while (remaining > 0) {
    const rows =
      skip > 0
        ? await all(db, `SELECT * FROM devices WHERE ${sql} ORDER BY seq LIMIT ? OFFSET ?`, [...params, Math.min(PAGE, remaining), skip])
        : await all(db, `SELECT * FROM devices WHERE ${sql} AND seq > ? ORDER BY seq LIMIT ?`, [...params, after, Math.min(PAGE, remaining)]);
    skip = 0;
    if (rows.length === 0) return;
    for (const r of rows) yield readDevice(r);
    after = rows[rows.length - 1]!.seq as number;
    remaining -= rows.length;
    if (rows.length < PAGE) return;
  }
}

export async function deviceById(db: Queryable, snapshotId: number, id: string): Promise<Device | undefined> {
  const r = (await all(db, 'SELECT * FROM devices WHERE snapshot = ? AND id = ?', [snapshotId, id]))[0];
  return r && readDevice(r);
}

/** Devices by id or name (see Store.devicesByKey), in input order. */
export async function devicesByKey(db: Queryable, snapshotId: number, keys: { ids?: readonly string[]; names?: readonly string[] }): Promise<Device[]> {
  const ids = keys.ids ?? [];
  const names = keys.names ?? [];
  if (ids.length === 0 && names.length === 0) return [];
  const rows = await all(db, 'SELECT * FROM devices WHERE snapshot = ? AND (id = ANY(?::text[]) OR name = ANY(?::text[])) ORDER BY seq', [snapshotId, ids, names]);
  return rows.map(readDevice);
}

export async function devicePage(db: Queryable, snapshotId: number, query: DevicePageQuery): Promise<DevicePage> {
  const { count, page } = devicePageSql(snapshotId, query, 'pg');
  const total = Number((await all(db, count.sql, count.params))[0]?.n ?? 0);
  const devices = total > query.offset ? (await all(db, page.sql, page.params)).map(readDevice) : [];
  return { total, devices };
}

/** The links with the device at either end, in input order. */
export async function deviceLinks(db: Queryable, snapshotId: number, deviceId: string): Promise<Link[]> {
  return (await all(db, 'SELECT * FROM links WHERE snapshot = ? AND (a = ? OR b = ?) ORDER BY seq', [snapshotId, deviceId, deviceId])).map(readLink);
}

export async function countDevices(db: Queryable, snapshotId: number, groupBy: readonly GroupField[], filter: DeviceFilter = {}): Promise<DeviceCount[]> {
  for (const g of groupBy) {
    if (!(GROUP_FIELDS as readonly string[]).includes(g)) throw new Error(`cannot group devices by "${String(g)}"; choose from ${GROUP_FIELDS.join(', ')}`);
  }
  const cols = [...new Set(groupBy)];
  const { sql, params } = deviceWhere(snapshotId, filter, 'pg');
  if (cols.length === 0) {
    const n = (await all(db, `SELECT COUNT(*) AS n FROM devices WHERE ${sql}`, params))[0]?.n as number | undefined;
    return [{ key: {}, count: n ?? 0 }];
  }
  const list = cols.join(', ');
  // SQLite's order: binary text comparison, NULLs first.
  const order = cols.map((c) => `${c} COLLATE "C" NULLS FIRST`).join(', ');
  const rows = await all(db, `SELECT ${list}, COUNT(*) AS n FROM devices WHERE ${sql} GROUP BY ${list} ORDER BY n DESC, ${order}`, params);
  return rows.map((r) => {
    const key: Record<string, string | null> = {};
    for (const c of cols) key[c] = r[c] as string | null;
    return { key, count: r.n as number };
  });
}

const inOrder = (db: Queryable, table: string, snapshotId: number): Promise<Row[]> => all(db, `SELECT * FROM ${table} WHERE snapshot = ? ORDER BY seq`, [snapshotId]);

export const sites = async (db: Queryable, snapshotId: number): Promise<Site[]> => (await inOrder(db, 'sites', snapshotId)).map(readSite);
export const links = async (db: Queryable, snapshotId: number): Promise<Link[]> => (await inOrder(db, 'links', snapshotId)).map(readLink);
export const flows = async (db: Queryable, snapshotId: number): Promise<Flow[]> => (await inOrder(db, 'flows', snapshotId)).map(readFlow);

export async function imports(db: Queryable, snapshotId: number): Promise<ImportRecord[]> {
  return (await all(db, IMPORTS_SELECT, [snapshotId])).map(readImportRecord);
}
