// The PostgreSQL store: the Store contract over a connection pool, for many users and machines
// sharing one database. Connecting and migrating happen on first use, so that opening a store
// stays synchronous on both backends; a failure to connect rejects that first call.
import { InputError, type Device, type Flow, type Link, type Site } from '../../model/index.js';
import {
  DEFAULT_ORGANISATION,
  type BeginImportOptions, type DeviceCount, type DeviceFilter, type DevicePage, type DevicePageQuery, type GroupField, type ImportRecord, type ImportWriter, type OpenStoreOptions, type SnapshotInfo, type Store,
} from '../types.js';
import type { BeginPathImportOptions, MeasurementSpan, MeasurementWindow, PathImportInfo, PathImportWriter, StoredMeasurement } from '../path-types.js';
import { connectionError, createPool, redactUrl, type Pool } from './connection.js';
import { migrate } from './migrations.js';
import * as paths from './paths.js';
import * as q from './queries.js';
import { PgImportWriter } from './writer.js';

export class PgStore implements Store {
  readonly path: string;
  readonly readonly: boolean;
  private readonly pool: Pool;
  private readonly ready: Promise<number>;
  private closed = false;
  /** Imports still open, rolled back by close(). */
  private readonly open = new Set<ImportWriter | PathImportWriter>();

  constructor(url: string, opts: OpenStoreOptions = {}) {
    this.path = redactUrl(url);
    this.readonly = opts.readonly ?? false;
    this.pool = createPool(url, this.readonly);
    this.ready = migrate(this.pool, this.readonly, this.path).catch((e: unknown) => {
      throw connectionError(this.path, e);
    });
    // Rejections are reported to the calls that await `ready`; none may go unhandled meanwhile.
    this.ready.catch(() => undefined);
  }

  /** The pool once the schema is current. */
  private async db(): Promise<Pool> {
    if (this.closed) throw new Error(`the store ${this.path} is closed`);
    await this.ready;
    return this.pool;
  }

  async schemaVersion(): Promise<number> {
    return this.ready;
  }

  async beginImport(opts: BeginImportOptions): Promise<ImportWriter> {
    if (this.readonly) throw new InputError(this.path, undefined, 'the database is open read-only; cannot import');
    // onClose is called from begin() too when it fails, before there is a writer to forget.
    let w: PgImportWriter | undefined;
    w = await PgImportWriter.begin(await this.db(), this.path, opts, () => {
      if (w) this.open.delete(w);
    });
    this.open.add(w);
    return w;
  }

  async listSnapshots(organisation = DEFAULT_ORGANISATION): Promise<SnapshotInfo[]> {
    return q.listSnapshots(await this.db(), organisation);
  }

  async resolveSnapshot(nameOrLatest?: string, organisation = DEFAULT_ORGANISATION): Promise<SnapshotInfo> {
    const db = await this.db();
    const of = organisation === DEFAULT_ORGANISATION ? '' : ` of organisation "${organisation}"`;
    if (nameOrLatest === undefined || nameOrLatest === 'latest') {
      const s = await q.latestSnapshot(db, organisation);
      if (!s) throw new InputError(this.path, undefined, `the database holds no snapshot${of} yet: import something first`);
      return s;
    }
    const s = await q.findSnapshot(db, nameOrLatest, organisation);
    if (!s) throw new InputError(this.path, undefined, `no snapshot named "${nameOrLatest}"${of}; available: ${await q.snapshotNames(db, organisation)}`);
    return s;
  }

  async devices(snapshotId: number, filter: DeviceFilter = {}): Promise<Device[]> {
    const out: Device[] = [];
    for await (const d of q.iterateDevices(await this.db(), snapshotId, filter)) out.push(d);
    return out;
  }

  async *iterateDevices(snapshotId: number, filter: DeviceFilter = {}): AsyncGenerator<Device> {
    yield* q.iterateDevices(await this.db(), snapshotId, filter);
  }

  async device(snapshotId: number, id: string): Promise<Device | undefined> {
    return q.deviceById(await this.db(), snapshotId, id);
  }

  async devicesByKey(snapshotId: number, keys: { ids?: readonly string[]; names?: readonly string[] }): Promise<Device[]> {
    return q.devicesByKey(await this.db(), snapshotId, keys);
  }

  async devicePage(snapshotId: number, query: DevicePageQuery): Promise<DevicePage> {
    return q.devicePage(await this.db(), snapshotId, query);
  }

  async deviceLinks(snapshotId: number, deviceId: string): Promise<Link[]> {
    return q.deviceLinks(await this.db(), snapshotId, deviceId);
  }

  async countDevices(snapshotId: number, groupBy: readonly GroupField[], filter: DeviceFilter = {}): Promise<DeviceCount[]> {
    return q.countDevices(await this.db(), snapshotId, groupBy, filter);
  }

  async sites(snapshotId: number): Promise<Site[]> {
    return q.sites(await this.db(), snapshotId);
  }

  async links(snapshotId: number): Promise<Link[]> {
    return q.links(await this.db(), snapshotId);
  }

  async flows(snapshotId: number): Promise<Flow[]> {
    return q.flows(await this.db(), snapshotId);
  }

  async imports(snapshotId: number): Promise<ImportRecord[]> {
    return q.imports(await this.db(), snapshotId);
  }

  async beginPathImport(opts: BeginPathImportOptions): Promise<PathImportWriter> {
    if (this.readonly) throw new InputError(this.path, undefined, 'the database is open read-only; cannot import');
    let w: paths.PgPathWriter | undefined;
    w = await paths.PgPathWriter.begin(await this.db(), this.path, opts, () => {
      if (w) this.open.delete(w);
    });
    this.open.add(w);
    return w;
  }

  async countMeasurements(window: MeasurementWindow = {}): Promise<number> {
    return paths.countMeasurements(await this.db(), window);
  }

  async measurementSpan(organisation?: string): Promise<MeasurementSpan | null> {
    return paths.measurementSpan(await this.db(), organisation);
  }

  async *iterateMeasurements(window: MeasurementWindow = {}): AsyncGenerator<StoredMeasurement> {
    yield* paths.iterateMeasurements(await this.db(), window);
  }

  async pathImports(organisation?: string): Promise<PathImportInfo[]> {
    return paths.pathImports(await this.db(), organisation);
  }

  /** An import still open is rolled back by the server when its connection ends. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.open) await w.rollback();
    await this.ready.catch(() => undefined);
    await this.pool.end();
  }
}
