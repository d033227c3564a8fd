import type Database from 'better-sqlite3';
import type { Device, Flow, Link, Site } from '../model/index.js';
import { IMPORTS_SELECT, readDevice, readFlow, readImportRecord, readLink, readSite } from './rows.js';
import { devicePageSql } from './device-page.js';
import { GROUP_FIELDS, type DeviceCount, type DeviceFilter, type DevicePage, type DevicePageQuery, type GroupField, type ImportRecord } from './types.js';

type Db = Database.Database;
type Row = Record<string, unknown>;

const PAGE = 1000;

export type Dialect = 'sqlite' | 'pg';

/** Columns the free text is looked for in (DeviceFilter.text). */
const TEXT_COLUMNS = ['id', 'name', 'model', 'site', 'vendor', 'operator'] as const;

/**
 * The free-text and id-set conditions, whose SQL differs between the backends. Both fold ASCII
 * letters only, so both answer alike; % and _ in the text are matched as themselves.
 */
function dialectParts(f: DeviceFilter, dialect: Dialect, parts: string[], params: unknown[]): void {
  if (f.ids) {
    parts.push(dialect === 'pg' ? `${f.ids.in ? '' : 'NOT '}(id = ANY(?::text[]))` : `id ${f.ids.in ? '' : 'NOT '}IN (SELECT value FROM json_each(?))`);
    params.push(dialect === 'pg' ? [...f.ids.ids] : JSON.stringify(f.ids.ids));
  }
  if (f.text) {
    // SQLite's LIKE folds ASCII letters only; ILIKE under the "C" collation does the same
    const within = (c: string) => (dialect === 'pg' ? `(${c} COLLATE "C") ILIKE ? ESCAPE '\\'` : `${c} LIKE ? ESCAPE '\\'`);
    parts.push(`(${TEXT_COLUMNS.map(within).join(' OR ')})`);
    const pattern = `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    for (let i = 0; i < TEXT_COLUMNS.length; i++) params.push(pattern);
  }
}

/** WHERE clause and parameters for a device filter; column names come from this code only. */
export function deviceWhere(snapshotId: number, f: DeviceFilter, dialect: Dialect = 'sqlite'): { sql: string; params: (string | number)[] } {
  const parts = ['snapshot = ?'];
  const params: (string | number)[] = [snapshotId];
  const inList = (col: string, values: string[] | undefined): void => {
    if (values === undefined) return;
    if (values.length === 0) parts.push('0 = 1');
    else {
      parts.push(`${col} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    }
  };
  if (f.unknownVendor === true) {
    if (f.vendor?.length) {
      parts.push(`(vendor IS NULL OR vendor IN (${f.vendor.map(() => '?').join(', ')}))`);
      params.push(...f.vendor);
    } else parts.push('vendor IS NULL');
  } else {
    inList('vendor', f.vendor);
    if (f.unknownVendor === false) parts.push('vendor IS NOT NULL');
  }
  inList('country', f.country);
  inList('layer', f.layer);
  inList('network', f.network);
  inList('operator', f.operator);
  // an id list (PostgreSQL) is one bound value too
  dialectParts(f, dialect, parts, params as unknown[]);
  return { sql: parts.join(' AND '), params };
}

/** Devices in input order, a page at a time, each with its evidence. */
export function* iterateDevices(db: Db, snapshotId: number, filter: DeviceFilter = {}): IterableIterator<Device> {
  const { sql, params } = deviceWhere(snapshotId, filter);
  const page = db.prepare(`SELECT * FROM devices WHERE ${sql} AND seq > ? ORDER BY seq LIMIT ?`);
  let remaining = filter.limit ?? Infinity;
  let after = 0;
  // The offset skips on the first page only; later pages continue after the last seq read.
  let skip = filter.offset ?? 0;
  while (remaining > 0) {
    const rows = (
      skip > 0
        ? db.prepare(`SELECT * FROM devices WHERE ${sql} ORDER BY seq LIMIT ? OFFSET ?`).all(...params, Math.min(PAGE, remaining), skip)
        : page.all(...params, after, Math.min(PAGE, remaining))
    ) as Row[];
    skip = 0;
    if (rows.length === 0) return;
    for (const r of rows) yield readDevice(r);
    after = rows[rows.length - 1]!.seq as number;
    remaining -= rows.length;
    if (rows.length < PAGE) return;
  }
}

export function deviceById(db: Db, snapshotId: number, id: string): Device | undefined {
  const r = db.prepare('SELECT * FROM devices WHERE snapshot = ? AND id = ?').get(snapshotId, id) as Row | undefined;
  return r && readDevice(r);
}

/** Devices by id or name (see Store.devicesByKey): the ids through the index, the names by one scan. */
export function devicesByKey(db: Db, snapshotId: number, keys: { ids?: readonly string[]; names?: readonly string[] }): Device[] {
  const rows = new Map<number, Row>();
  const by = (column: 'id' | 'name', values: readonly string[] | undefined): void => {
    if (!values?.length) return;
    const sql = `SELECT * FROM devices WHERE snapshot = ? AND ${column} IN (SELECT value FROM json_each(?))`;
    for (const r of db.prepare(sql).all(snapshotId, JSON.stringify(values)) as Row[]) rows.set(r.seq as number, r);
  };
  by('id', keys.ids);
  by('name', keys.names);
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => readDevice(r));
}

export function devicePage(db: Db, snapshotId: number, query: DevicePageQuery): DevicePage {
  const { count, page } = devicePageSql(snapshotId, query, 'sqlite');
  const total = (db.prepare(count.sql).get(...count.params) as { n: number }).n;
  const devices = total > query.offset ? (db.prepare(page.sql).all(...page.params) as Row[]).map(readDevice) : [];
  return { total, devices };
}

/** The links with the device at either end, in input order. */
export function deviceLinks(db: Db, snapshotId: number, deviceId: string): Link[] {
  return (db.prepare('SELECT * FROM links WHERE snapshot = ? AND (a = ? OR b = ?) ORDER BY seq').all(snapshotId, deviceId, deviceId) as Row[]).map(readLink);
}

export function countDevices(db: Db, snapshotId: number, groupBy: readonly GroupField[], filter: DeviceFilter = {}): DeviceCount[] {
  for (const g of groupBy) {
    if (!(GROUP_FIELDS as readonly string[]).includes(g)) throw new Error(`cannot group devices by "${String(g)}"; choose from ${GROUP_FIELDS.join(', ')}`);
  }
  const cols = [...new Set(groupBy)];
  const { sql, params } = deviceWhere(snapshotId, filter);
  if (cols.length === 0) {
    const n = db.prepare(`SELECT COUNT(*) FROM devices WHERE ${sql}`).pluck().get(...params) as number | undefined;
    return [{ key: {}, count: n ?? 0 }];
  }
  const list = cols.join(', ');
  const rows = db
    .prepare(`SELECT ${list}, COUNT(*) AS n FROM devices WHERE ${sql} GROUP BY ${list} ORDER BY n DESC, ${list}`)
    .all(...params) as Row[];
  return rows.map((r) => {
    const key: Record<string, string | null> = {};
    for (const c of cols) key[c] = r[c] as string | null;
    return { key, count: r.n as number };
  });
}

function inOrder(db: Db, table: string, snapshotId: number): Row[] {
  return db.prepare(`SELECT * FROM ${table} WHERE snapshot = ? ORDER BY seq`).all(snapshotId) as Row[];
}

export const sites = (db: Db, snapshotId: number): Site[] => inOrder(db, 'sites', snapshotId).map(readSite);
export const links = (db: Db, snapshotId: number): Link[] => inOrder(db, 'links', snapshotId).map(readLink);
export const flows = (db: Db, snapshotId: number): Flow[] => inOrder(db, 'flows', snapshotId).map(readFlow);

export function imports(db: Db, snapshotId: number): ImportRecord[] {
  return (db.prepare(IMPORTS_SELECT).all(snapshotId) as Row[]).map(readImportRecord);
}
