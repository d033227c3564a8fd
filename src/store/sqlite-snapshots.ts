import type Database from 'better-sqlite3';
import type { SnapshotInfo } from './types.js';

type Db = Database.Database;

interface SnapshotRow {
  id: number;
  name: string;
  created_at: string;
  note: string | null;
  base_name: string | null;
  device_count: number;
  site_count: number;
  link_count: number;
  flow_count: number;
}

const SELECT = `SELECT s.id, s.name, s.created_at, s.note, b.name AS base_name, s.device_count, s.site_count, s.link_count, s.flow_count
  FROM snapshots s LEFT JOIN snapshots b ON b.id = s.base`;

function toInfo(r: SnapshotRow): SnapshotInfo {
  const info: SnapshotInfo = {
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    devices: r.device_count,
    sites: r.site_count,
    links: r.link_count,
    flows: r.flow_count,
  };
  if (r.note !== null) info.note = r.note;
  if (r.base_name !== null) info.base = r.base_name;
  return info;
}

export function listSnapshots(db: Db): SnapshotInfo[] {
  return (db.prepare(`${SELECT} ORDER BY s.id`).all() as SnapshotRow[]).map(toInfo);
}

export function findSnapshot(db: Db, name: string): SnapshotInfo | undefined {
  const r = db.prepare(`${SELECT} WHERE s.name = ?`).get(name) as SnapshotRow | undefined;
  return r && toInfo(r);
}

export function latestSnapshot(db: Db): SnapshotInfo | undefined {
  const r = db.prepare(`${SELECT} ORDER BY s.id DESC LIMIT 1`).get() as SnapshotRow | undefined;
  return r && toInfo(r);
}

export function snapshotById(db: Db, id: number): SnapshotInfo {
  const r = db.prepare(`${SELECT} WHERE s.id = ?`).get(id) as SnapshotRow | undefined;
  if (!r) throw new Error(`no snapshot with id ${id}`);
  return toInfo(r);
}

/** For error messages: the newest names first, enough to pick from. */
export function snapshotNames(db: Db, max = 20): string {
  const names = db.prepare<[number], string>('SELECT name FROM snapshots ORDER BY id DESC LIMIT ?').pluck().all(max + 1);
  if (names.length === 0) return '(none: nothing has been imported yet)';
  return names.length > max ? `${names.slice(0, max).join(', ')}, ...` : names.join(', ');
}
