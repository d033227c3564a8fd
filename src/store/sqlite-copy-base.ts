import type Database from 'better-sqlite3';
import { DEVICE_COLUMNS, FLOW_COLUMNS, LINK_COLUMNS, SITE_COLUMNS } from './rows.js';

const TABLES: Record<string, readonly string[]> = {
  devices: DEVICE_COLUMNS,
  sites: SITE_COLUMNS,
  links: LINK_COLUMNS,
  flows: FLOW_COLUMNS,
  imports: ['snapshot', 'seq', 'origin', 'file', 'format', 'records', 'warnings', 'devices', 'sites', 'links', 'flows'],
};

/**
 * Copies every row of snapshot `from` into the new snapshot `to` (seq values kept, so input
 * order is kept) and returns the highest seq per table for the writer to continue from.
 */
export function copyBaseRows(db: Database.Database, from: number, to: number): { devices: number; sites: number; links: number; flows: number; imports: number } {
  for (const [table, cols] of Object.entries(TABLES)) {
    const rest = cols.slice(1).join(', ');
    db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) SELECT ?, ${rest} FROM ${table} WHERE snapshot = ? ORDER BY seq`).run(to, from);
  }
  const max = (table: string): number =>
    db.prepare<[number], number>(`SELECT COALESCE(MAX(seq), 0) FROM ${table} WHERE snapshot = ?`).pluck().get(to) ?? 0;
  return { devices: max('devices'), sites: max('sites'), links: max('links'), flows: max('flows'), imports: max('imports') };
}
