import type Database from 'better-sqlite3';
import type { Device } from '../model/index.js';
import { DEVICE_COLUMNS, FLOW_COLUMNS, LINK_COLUMNS, SITE_COLUMNS, pushDeviceValues, type SqlValue } from './rows.js';

const TABLES: Record<string, readonly string[]> = {
  devices: DEVICE_COLUMNS,
  sites: SITE_COLUMNS,
  links: LINK_COLUMNS,
  flows: FLOW_COLUMNS,
  imports: ['snapshot', 'seq', 'origin', 'file', 'format', 'records', 'warnings', 'devices', 'sites', 'links', 'flows'],
};

/**
 * Copies every row of snapshot `from` into the new snapshot `to` (seq values kept, so input
 * order is kept), each device of `replace` instead of the base's of its id, and returns the
 * highest seq per table for the writer to continue from.
 */
export function copyBaseRows(db: Database.Database, from: number, to: number, replace: readonly Device[] = []): { devices: number; sites: number; links: number; flows: number; imports: number } {
  const skip = JSON.stringify(replace.map((d) => d.id));
  for (const [table, cols] of Object.entries(TABLES)) {
    const rest = cols.slice(1).join(', ');
    const except = table === 'devices' && replace.length > 0;
    const sql = `INSERT INTO ${table} (${cols.join(', ')}) SELECT ?, ${rest} FROM ${table} WHERE snapshot = ?${except ? ' AND id NOT IN (SELECT value FROM json_each(?))' : ''} ORDER BY seq`;
    db.prepare(sql).run(to, from, ...(except ? [skip] : []));
  }
  if (replace.length > 0) insertReplacements(db, from, to, replace);
  const max = (table: string): number =>
    db.prepare<[number], number>(`SELECT COALESCE(MAX(seq), 0) FROM ${table} WHERE snapshot = ?`).pluck().get(to) ?? 0;
  return { devices: max('devices'), sites: max('sites'), links: max('links'), flows: max('flows'), imports: max('imports') };
}

/** Each device at the position (seq) of the base's device of its id. */
function insertReplacements(db: Database.Database, from: number, to: number, replace: readonly Device[]): void {
  const seqOf = db.prepare<[number, string], number>('SELECT seq FROM devices WHERE snapshot = ? AND id = ?').pluck();
  const insert = db.prepare(`INSERT INTO devices (${DEVICE_COLUMNS.join(', ')}) VALUES (${DEVICE_COLUMNS.map(() => '?').join(', ')})`);
  for (const d of replace) {
    const seq = seqOf.get(from, d.id);
    if (seq === undefined) throw new Error(`device "${d.id}" replaces none of the base snapshot's`);
    const values: SqlValue[] = [];
    pushDeviceValues(values, to, seq, d);
    insert.run(values);
  }
}
