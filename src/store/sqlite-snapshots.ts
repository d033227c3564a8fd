import type Database from 'better-sqlite3';
import { readSnapshotInfo as toInfo, SNAPSHOT_IN_ORGANISATION as IN_ORGANISATION, SNAPSHOT_SELECT as SELECT } from './rows.js';
import { DEFAULT_ORGANISATION, type SnapshotInfo } from './types.js';

// Every look-up by name is within one organisation (see rows.ts).
type Db = Database.Database;
type SnapshotRow = Record<string, unknown>;

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
