import type Database from 'better-sqlite3';
import { InputError, type Device, type Flow, type Link, type Site } from '../model/index.js';
import type { Migration } from './migrations.js';
import { openSqliteDatabase } from './sqlite-open.js';
import * as q from './sqlite-queries.js';
import { findSnapshot, latestSnapshot, listSnapshots, snapshotNames } from './sqlite-snapshots.js';
import * as paths from './sqlite-paths.js';
import type { BeginPathImportOptions, MeasuredPath, MeasurementSpan, MeasurementWindow, PathImportInfo, PathImportSummary, PathImportWriter, StoredMeasurement } from './path-types.js';
import type { SqlValue } from './rows.js';
import { SqliteImportWriter } from './sqlite-writer.js';
import type { WriteWait } from './write-lock.js';
import {
  DEFAULT_ORGANISATION,
  type BeginImportOptions, type DeviceCount, type DeviceKeys, type DeviceFilter, type DevicePage, type DevicePageQuery, type GroupField, type ImportContent, type ImportRecord, type ImportRecordInput, type ImportWriter, type OpenStoreOptions, type SnapshotInfo, type Store,
} from './types.js';

/** The embedded store: one SQLite file in WAL mode, one connection. */
export class SqliteStore implements Store {
  readonly readonly: boolean;
  private readonly db: Database.Database;
  private writer: SqliteImportWriter | undefined;
  private pathWriter: paths.SqlitePathWriter | undefined;

  /** How long a write waits for another process's (OpenStoreOptions.wait). */
  private readonly wait: WriteWait;
  /** Set while a write waits for the lock: this connection opens one transaction at a time. */
  private acquiring = false;

  constructor(readonly path: string, opts: OpenStoreOptions = {}, migrations?: readonly Migration[]) {
    this.readonly = opts.readonly ?? false;
    this.wait = { ...(opts.wait !== undefined && { seconds: opts.wait }), ...(opts.onBusy && { onBusy: opts.onBusy }) };
    this.db = openSqliteDatabase(path, this.readonly, migrations);
  }

  schemaVersion(): Promise<number> {
    return settle(() => this.db.prepare<[], number | null>('SELECT MAX(version) FROM schema_migrations').pluck().get() ?? 0);
  }

  async beginImport(opts: BeginImportOptions): Promise<ImportWriter> {
    this.checkWritable();
    const w = await this.acquire(() =>
      SqliteImportWriter.begin(this.db, this.path, opts, () => {
        this.writer = undefined;
      }, this.wait),
    );
    this.writer = w;
    return new AsyncSqliteWriter(w);
  }

  /** One connection, one transaction at a time: a snapshot import and a path import exclude each other. */
  private checkWritable(): void {
    if (this.readonly) throw new InputError(this.path, undefined, 'the database is open read-only; cannot import');
    if (this.writer) throw new Error(`an import into snapshot "${this.writer.snapshot}" is still open on this store`);
    if (this.pathWriter) throw new Error('a path import is still open on this store');
    if (this.acquiring) throw new Error('an import is already waiting for the write lock on this store');
  }

  private async acquire<T>(begin: () => Promise<T>): Promise<T> {
    this.acquiring = true;
    try {
      return await begin();
    } finally {
      this.acquiring = false;
    }
  }

  async beginPathImport(opts: BeginPathImportOptions): Promise<PathImportWriter> {
    this.checkWritable();
    const w = await this.acquire(() =>
      paths.SqlitePathWriter.begin(this.db, this.path, opts, () => {
        this.pathWriter = undefined;
      }, this.wait),
    );
    this.pathWriter = w;
    return new AsyncPathWriter(w);
  }

  countMeasurements(window: MeasurementWindow = {}): Promise<number> {
    return settle(() => paths.countMeasurements(this.db, window));
  }

  measurementSpan(organisation?: string): Promise<MeasurementSpan | null> {
    return settle(() => paths.measurementSpan(this.db, organisation));
  }

  async *iterateMeasurements(window: MeasurementWindow = {}): AsyncGenerator<StoredMeasurement> {
    // Pages of the synchronous reader, as iterateDevices does.
    let page: StoredMeasurement[] = [];
    for (const m of paths.iterateMeasurements(this.db, window)) {
      page.push(m);
      if (page.length === ITERATE_PAGE) {
        yield* page;
        page = [];
      }
    }
    yield* page;
  }

  pathImports(organisation?: string): Promise<PathImportInfo[]> {
    return settle(() => paths.pathImports(this.db, organisation));
  }

  listSnapshots(organisation = DEFAULT_ORGANISATION): Promise<SnapshotInfo[]> {
    return settle(() => listSnapshots(this.db, organisation));
  }

  resolveSnapshot(nameOrLatest?: string, organisation = DEFAULT_ORGANISATION): Promise<SnapshotInfo> {
    return settle(() => this.resolveSnapshotSync(nameOrLatest, organisation));
  }

  resolveSnapshotSync(nameOrLatest?: string, organisation = DEFAULT_ORGANISATION): SnapshotInfo {
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

  devices(snapshotId: number, filter: DeviceFilter = {}): Promise<Device[]> {
    return settle(() => [...q.iterateDevices(this.db, snapshotId, filter)]);
  }

  async *iterateDevices(snapshotId: number, filter: DeviceFilter = {}): AsyncGenerator<Device> {
    // A page at a time from the synchronous reader: one await per page, not per device.
    let page: Device[] = [];
    for (const d of q.iterateDevices(this.db, snapshotId, filter)) {
      page.push(d);
      if (page.length === ITERATE_PAGE) {
        yield* page;
        page = [];
      }
    }
    yield* page;
  }

  device(snapshotId: number, id: string): Promise<Device | undefined> {
    return settle(() => q.deviceById(this.db, snapshotId, id));
  }

  devicesByKey(snapshotId: number, keys: { ids?: readonly string[]; names?: readonly string[] }): Promise<Device[]> {
    return settle(() => q.devicesByKey(this.db, snapshotId, keys));
  }

  devicePage(snapshotId: number, query: DevicePageQuery): Promise<DevicePage> {
    return settle(() => q.devicePage(this.db, snapshotId, query));
  }

  deviceLinks(snapshotId: number, deviceId: string): Promise<Link[]> {
    return settle(() => q.deviceLinks(this.db, snapshotId, deviceId));
  }

  countDevices(snapshotId: number, groupBy: readonly GroupField[], filter: DeviceFilter = {}): Promise<DeviceCount[]> {
    return settle(() => q.countDevices(this.db, snapshotId, groupBy, filter));
  }

  sites(snapshotId: number): Promise<Site[]> {
    return settle(() => q.sites(this.db, snapshotId));
  }

  links(snapshotId: number): Promise<Link[]> {
    return settle(() => q.links(this.db, snapshotId));
  }

  flows(snapshotId: number): Promise<Flow[]> {
    return settle(() => q.flows(this.db, snapshotId));
  }

  imports(snapshotId: number): Promise<ImportRecord[]> {
    return settle(() => q.imports(this.db, snapshotId));
  }

  /** Rolls back an import still open: closing never commits half an import. */
  close(): Promise<void> {
    return settle(() => this.closeSync());
  }

  closeSync(): void {
    this.writer?.rollback();
    this.pathWriter?.rollback();
    if (this.db.open) this.db.close();
  }
}

/** Devices handed out per await by iterateDevices. */
const ITERATE_PAGE = 1000;

/** A synchronous call as a promise: its exception becomes the rejection, never a throw. */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (e) {
    return Promise.reject(e);
  }
}

/** The ImportWriter contract over the synchronous SQLite writer. */
class AsyncSqliteWriter implements ImportWriter {
  constructor(private readonly w: SqliteImportWriter) {}
  get snapshot(): string {
    return this.w.snapshot;
  }
  add(batch: ImportContent): Promise<void> {
    return settle(() => this.w.add(batch));
  }
  /** Devices already flattened to column values by the import worker (see import-threaded.ts). */
  addEncoded(deviceRows: readonly SqlValue[][], rest: Omit<ImportContent, 'devices'>): Promise<void> {
    return settle(() => this.w.addEncoded(deviceRows, rest));
  }
  addImportRecord(rec: ImportRecordInput): Promise<void> {
    return settle(() => this.w.addImportRecord(rec));
  }
  deviceKeys(): Promise<DeviceKeys> {
    return settle(() => this.w.deviceKeys());
  }
  commit(): Promise<SnapshotInfo> {
    return settle(() => this.w.commit());
  }
  rollback(): Promise<void> {
    return settle(() => this.w.rollback());
  }
}

/** The PathImportWriter contract over the synchronous SQLite path writer. */
class AsyncPathWriter implements PathImportWriter {
  constructor(private readonly w: paths.SqlitePathWriter) {}
  add(batch: readonly MeasuredPath[]): Promise<void> {
    return settle(() => this.w.add(batch));
  }
  commit(warnings: readonly string[]): Promise<PathImportSummary> {
    return settle(() => this.w.commit(warnings));
  }
  rollback(): Promise<void> {
    return settle(() => this.w.rollback());
  }
}
