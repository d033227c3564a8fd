import type Database from 'better-sqlite3';
import { InputError, type Device, type Flow, type Link, type Site } from '../model/index.js';
import type { Migration } from './migrations.js';
import { openSqliteDatabase } from './sqlite-open.js';
import * as q from './sqlite-queries.js';
import { findSnapshot, latestSnapshot, listSnapshots, snapshotNames } from './sqlite-snapshots.js';
import { SqliteImportWriter } from './sqlite-writer.js';
import {
  DEFAULT_ORGANISATION,
  type BeginImportOptions, type DeviceCount, type DeviceFilter, type GroupField, type ImportRecord, type ImportWriter, type OpenStoreOptions, type SnapshotInfo, type Store,
} from './types.js';

/** The embedded store: one SQLite file in WAL mode, one connection. */
export class SqliteStore implements Store {
  readonly readonly: boolean;
  private readonly db: Database.Database;
  private writer: SqliteImportWriter | undefined;

  constructor(readonly path: string, opts: OpenStoreOptions = {}, migrations?: readonly Migration[]) {
    this.readonly = opts.readonly ?? false;
    this.db = openSqliteDatabase(path, this.readonly, migrations);
  }

  schemaVersion(): number {
    return this.db.prepare<[], number | null>('SELECT MAX(version) FROM schema_migrations').pluck().get() ?? 0;
  }

  beginImport(opts: BeginImportOptions): ImportWriter {
    if (this.readonly) throw new InputError(this.path, undefined, 'the database is open read-only; cannot import');
    if (this.writer) throw new Error(`an import into snapshot "${this.writer.snapshot}" is still open on this store`);
    this.writer = new SqliteImportWriter(this.db, this.path, opts, () => {
      this.writer = undefined;
    });
    return this.writer;
  }

  listSnapshots(organisation = DEFAULT_ORGANISATION): SnapshotInfo[] {
    return listSnapshots(this.db, organisation);
  }

  resolveSnapshot(nameOrLatest?: string, organisation = DEFAULT_ORGANISATION): SnapshotInfo {
    // The default organisation goes unnamed in messages: a CLI user never meets organisations.
    const of = organisation === DEFAULT_ORGANISATION ? '' : ` of organisation "${organisation}"`;
    if (nameOrLatest === undefined || nameOrLatest === 'latest') {
      const s = latestSnapshot(this.db, organisation);
      if (!s) throw new InputError(this.path, undefined, `the database holds no snapshot${of} yet: import something first`);
      return s;
    }
    const s = findSnapshot(this.db, nameOrLatest, organisation);
    if (!s) throw new InputError(this.path, undefined, `no snapshot named "${nameOrLatest}"${of}; available: ${snapshotNames(this.db, organisation)}`);
    return s;
  }

  devices(snapshotId: number, filter: DeviceFilter = {}): Device[] {
    return [...q.iterateDevices(this.db, snapshotId, filter)];
  }

  iterateDevices(snapshotId: number, filter: DeviceFilter = {}): IterableIterator<Device> {
    return q.iterateDevices(this.db, snapshotId, filter);
  }

  device(snapshotId: number, id: string): Device | undefined {
    return q.deviceById(this.db, snapshotId, id);
  }

  countDevices(snapshotId: number, groupBy: readonly GroupField[], filter: DeviceFilter = {}): DeviceCount[] {
    return q.countDevices(this.db, snapshotId, groupBy, filter);
  }

  sites(snapshotId: number): Site[] {
    return q.sites(this.db, snapshotId);
  }

  links(snapshotId: number): Link[] {
    return q.links(this.db, snapshotId);
  }

  flows(snapshotId: number): Flow[] {
    return q.flows(this.db, snapshotId);
  }

  imports(snapshotId: number): ImportRecord[] {
    return q.imports(this.db, snapshotId);
  }

  /** Rolls back an import still open: closing never commits half an import. */
  close(): void {
    this.writer?.rollback();
    if (this.db.open) this.db.close();
  }
}
