import type Database from 'better-sqlite3';
import { DEFAULT_ORGANISATION, type SnapshotInfo } from './types.js';

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

// Every look-up by name is within one organisation: names are unique per organisation only, and
// one organisation never learns another's names (not even in an error message).
const SELECT = `SELECT s.id, s.name, s.created_at, s.note, b.name AS base_name, s.device_count, s.site_count, s.link_count, s.flow_count
  FROM snapshots s LEFT JOIN snapshots b ON b.id = s.base`;
const IN_ORGANISATION = 's.organisation = (SELECT id FROM organisations WHERE name = ?)';

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

export function listSnapshots(db: Db, organisation = DEFAULT_ORGANISATION): SnapshotInfo[] {
  return (db.prepare(`${SELECT} WHERE ${IN_ORGANISATION} ORDER BY s.id`).all(organisation) as SnapshotRow[]).map(toInfo);
}

export function findSnapshot(db: Db, name: string, organisation = DEFAULT_ORGANISATION): SnapshotInfo | undefined {
  const r = db.prepare(`${SELECT} WHERE ${IN_ORGANISATION} AND s.name = ?`).get(organisation, name) as SnapshotRow | undefined;
  return r && toInfo(r);
}

export function latestSnapshot(db: Db, organisation = DEFAULT_ORGANISATION): SnapshotInfo | undefined {
  const r = db.prepare(`${SELECT} WHERE ${IN_ORGANISATION} ORDER BY s.id DESC LIMIT 1`).get(organisation) as SnapshotRow | undefined;
  return r && toInfo(r);
}

export function snapshotById(db: Db, id: number): SnapshotInfo {
  const r = db.prepare(`${SELECT} WHERE s.id = ?`).get(id) as SnapshotRow | undefined;
  if (!r) throw new Error(`no snapshot with id ${id}`);
  return toInfo(r);
}

/** The organisation's id, or undefined when there is no organisation of that name. */
export function organisationId(db: Db, organisation: string): number | undefined {
  return db.prepare<[string], number>('SELECT id FROM organisations WHERE name = ?').pluck().get(organisation);
}

/** For error messages: the organisation's newest names first, enough to pick from. */
export function snapshotNames(db: Db, organisation = DEFAULT_ORGANISATION, max = 20): string {
  const names = db
    .prepare<[string, number], string>(`SELECT s.name FROM snapshots s WHERE ${IN_ORGANISATION} ORDER BY s.id DESC LIMIT ?`)
    .pluck()
    .all(organisation, max + 1);
  if (names.length === 0) return '(none: nothing has been imported yet)';
  return names.length > max ? `${names.slice(0, max).join(', ')}, ...` : names.join(', ');
}
