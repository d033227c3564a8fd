import type Database from 'better-sqlite3';
import { InputError, type Site } from '../model/index.js';
import { ChunkedInsert } from './chunked-insert.js';
import {
  DEVICE_COLUMNS, DEVICE_FILE_AT, DEVICE_ID_AT, DEVICE_LINE_AT, DEVICE_WIDTH, FLOW_COLUMNS, LINK_COLUMNS, SITE_COLUMNS,
  pushDeviceValues, pushFlowValues, pushLinkValues, pushSiteValues, readSite, type SqlValue,
} from './rows.js';
import { copyBaseRows } from './sqlite-copy-base.js';
import { deferDeviceIndexes } from './sqlite-deferred-indexes.js';
import { ensureOrganisation } from './sqlite-organisations.js';
import { findSnapshot, latestSnapshot, snapshotById, snapshotNames } from './sqlite-snapshots.js';
import { beginImmediate, type WriteWait } from './write-lock.js';
import { DEFAULT_ORGANISATION, type BeginImportOptions, type DeviceKeys, type ImportContent, type ImportRecordInput, type SnapshotInfo } from './types.js';

type Db = Database.Database;

// Rows per INSERT statement: measured, larger chunks stop paying off past ~100 rows.
export const DEVICE_CHUNK = 100;
const TOPOLOGY_CHUNK = 200;
// Page cache while importing: enough for the id index's working set when ids arrive unsorted;
// measured, a much larger cache only slows the bulk load down.
const IMPORT_CACHE_KIB = 32768;

/**
 * One import: an explicit BEGIN IMMEDIATE ... COMMIT around everything added, because rows
 * arrive from async parsers between calls and db.transaction() cannot span an await. The lock is
 * taken first (`begin`, waiting for another process's import: write-lock.ts), then the snapshot
 * row is written.
 */
export class SqliteImportWriter {
  readonly snapshot: string;
  private state: 'open' | 'committed' | 'rolled back' = 'open';
  private readonly snapshotId: number;
  private devices!: ChunkedInsert;
  private links!: ChunkedInsert;
  private flows!: ChunkedInsert;
  private insertSite!: Database.Statement;
  private insertImport!: Database.Statement;
  private readonly seq = { devices: 0, sites: 0, links: 0, flows: 0, imports: 0 };
  /** Set when the device indexes were dropped for a bulk load and must be rebuilt at commit. */
  private rebuildIndexes: (() => void) | undefined;

  /** Takes the store's write lock (waiting per `wait`) and opens the import. */
  static async begin(db: Db, dbPath: string, opts: BeginImportOptions, onClose: () => void, wait: WriteWait = {}): Promise<SqliteImportWriter> {
    const snapshot = checkName(dbPath, opts.snapshot);
    // Pragmas that set the safety level cannot change inside a transaction: set before BEGIN.
    const restore = importPragmas(db);
    try {
      await beginImmediate(db, dbPath, wait);
    } catch (e) {
      restorePragmas(db, restore);
      throw e;
    }
    return new SqliteImportWriter(db, dbPath, snapshot, opts, restore, onClose);
  }

  private constructor(
    private readonly db: Db,
    private readonly dbPath: string,
    snapshot: string,
    opts: BeginImportOptions,
    private readonly restore: SavedPragmas,
    private readonly onClose: () => void,
  ) {
    this.snapshot = snapshot;
    try {
      this.snapshotId = this.createSnapshot(opts);
      this.prepare();
    } catch (e) {
      this.close('ROLLBACK');
      throw e;
    }
  }

  add(batch: ImportContent): void {
    this.guard(() => {
      const sid = this.snapshotId;
      const dev = this.devices;
      for (const d of batch.devices) {
        pushDeviceValues(dev.buffer, sid, ++this.seq.devices, d);
        if (dev.added()) dev.flush();
      }
      this.addTopology(batch);
    });
  }

  /**
   * Devices already flattened to column values (see encodeDevices), DEVICE_WIDTH values a row,
   * with the snapshot and seq slots left for this writer to fill; plus the batch's other records.
   * Rows are written in the order given. The arrays are written into and kept until written.
   */
  addEncoded(deviceRows: readonly SqlValue[][], rest: Omit<ImportContent, 'devices'>): void {
    this.guard(() => {
      const sid = this.snapshotId;
      const dev = this.devices;
      for (const values of deviceRows) {
        const n = values.length / DEVICE_WIDTH;
        for (let at = 0; at < values.length; at += DEVICE_WIDTH) {
          values[at] = sid;
          values[at + 1] = ++this.seq.devices;
        }
        dev.addRows(values, n);
      }
      this.addTopology(rest);
    });
  }

  private addTopology(batch: Omit<ImportContent, 'devices'>): void {
    const sid = this.snapshotId;
    {
      for (const s of batch.sites) this.addSite(s);
      for (const l of batch.links) {
        pushLinkValues(this.links.buffer, sid, ++this.seq.links, l);
        if (this.links.added()) this.links.flush();
      }
      for (const f of batch.flows) {
        pushFlowValues(this.flows.buffer, sid, ++this.seq.flows, f);
        if (this.flows.added()) this.flows.flush();
      }
    }
  }

  addImportRecord(rec: ImportRecordInput): void {
    this.guard(() => {
      this.insertImport.run(
        this.snapshotId, ++this.seq.imports, this.snapshotId, rec.file, rec.format, rec.records, JSON.stringify(rec.warnings),
        rec.devices ?? null, rec.sites ?? null, rec.links ?? null, rec.flows ?? null,
      );
    });
  }

  deviceKeys(): DeviceKeys {
    return this.guard(() => {
      this.devices.flush();
      const rows = this.db.prepare('SELECT id, name FROM devices WHERE snapshot = ? ORDER BY seq').raw().all(this.snapshotId) as [string, string | null][];
      const keys: DeviceKeys = { ids: new Array<string>(rows.length), names: new Array<string | null>(rows.length) };
      for (let i = 0; i < rows.length; i++) {
        keys.ids[i] = rows[i]![0];
        keys.names[i] = rows[i]![1];
      }
      return keys;
    });
  }

  commit(): SnapshotInfo {
    return this.guard(() => {
      this.devices.flush();
      this.links.flush();
      this.flows.flush();
      this.rebuildIndexes?.();
      const s = this.seq;
      this.db
        .prepare('UPDATE snapshots SET device_count = ?, site_count = ?, link_count = ?, flow_count = ? WHERE id = ?')
        .run(s.devices, s.sites, s.links, s.flows, this.snapshotId);
      const info = snapshotById(this.db, this.snapshotId);
      this.close('COMMIT');
      return info;
    });
  }

  rollback(): void {
    if (this.state === 'open') this.close('ROLLBACK');
  }

  private guard<T>(work: () => T): T {
    if (this.state !== 'open') throw new Error(`import into snapshot "${this.snapshot}" is already ${this.state}`);
    try {
      return work();
    } catch (e) {
      const better = this.explain(e);
      this.close('ROLLBACK');
      throw better;
    }
  }

  private close(how: 'COMMIT' | 'ROLLBACK'): void {
    // A failing COMMIT leaves the transaction open: the caller's guard then rolls it back.
    if (how === 'COMMIT') this.db.exec('COMMIT');
    try {
      if (how === 'ROLLBACK' && this.db.inTransaction) this.db.exec('ROLLBACK');
    } finally {
      this.state = how === 'COMMIT' ? 'committed' : 'rolled back';
      this.restorePragmas();
      this.onClose();
    }
  }

  private restorePragmas(): void {
    restorePragmas(this.db, this.restore);
  }

  private createSnapshot(opts: BeginImportOptions): number {
    const org = opts.organisation ?? DEFAULT_ORGANISATION;
    const orgId = ensureOrganisation(this.db, this.dbPath, org);
    if (orgId === undefined) throw new InputError(this.dbPath, undefined, `no organisation named "${org}"`);
    if (findSnapshot(this.db, this.snapshot, org)) {
      throw new InputError(this.dbPath, undefined, `a snapshot named "${this.snapshot}" already exists, and snapshots are immutable: choose another name`);
    }
    let baseId: number | null = null;
    if (opts.base !== undefined) {
      // A base is looked up in the same organisation: another's rows are never copied.
      const base = opts.base === 'latest' ? latestSnapshot(this.db, org) : findSnapshot(this.db, opts.base, org);
      if (!base) throw noBase(this.dbPath, opts.base, snapshotNames(this.db, org));
      baseId = base.id;
    }
    if (opts.replace?.length && baseId === null) throw new Error('devices can only replace those of a base snapshot');
    const id = Number(
      this.db
        .prepare('INSERT INTO snapshots (organisation, name, created_at, note, base) VALUES (?, ?, ?, ?, ?)')
        .run(orgId, this.snapshot, new Date().toISOString(), opts.note ?? null, baseId).lastInsertRowid,
    );
    this.rebuildIndexes = deferDeviceIndexes(this.db);
    if (baseId !== null) Object.assign(this.seq, copyBaseRows(this.db, baseId, id, opts.replace));
    return id;
  }

  private prepare(): void {
    const db = this.db;
    this.devices = new ChunkedInsert(db, 'devices', DEVICE_COLUMNS, DEVICE_CHUNK);
    this.links = new ChunkedInsert(db, 'links', LINK_COLUMNS, TOPOLOGY_CHUNK);
    this.flows = new ChunkedInsert(db, 'flows', FLOW_COLUMNS, TOPOLOGY_CHUNK);
    // Sites are few and may repeat across files; ON CONFLICT lets an identical repeat pass.
    this.insertSite = db.prepare(
      `INSERT INTO sites (${SITE_COLUMNS.join(',')}) VALUES (${SITE_COLUMNS.map(() => '?').join(',')}) ON CONFLICT (snapshot, id) DO NOTHING`,
    );
    this.insertImport = db.prepare(
      'INSERT INTO imports (snapshot, seq, origin, file, format, records, warnings, devices, sites, links, flows) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
    );
  }

  private addSite(s: Site): void {
    const values: SqlValue[] = [];
    pushSiteValues(values, this.snapshotId, this.seq.sites + 1, s);
    if (this.insertSite.run(values).changes === 1) {
      this.seq.sites++;
      return;
    }
    const row = this.db.prepare('SELECT * FROM sites WHERE snapshot = ? AND id = ?').get(this.snapshotId, s.id) as Record<string, unknown>;
    const first = readSite(row);
    if (sameSiteFacts(first, s)) return;
    throw new InputError(
      s.source.file ?? this.dbPath,
      s.source.line,
      `site "${s.id}" is described twice, differently (first at ${where(first.source.file, first.source.line)})`,
    );
  }

  /** A duplicate device id becomes an InputError naming both places; anything else passes. */
  private explain(e: unknown): unknown {
    if (!isUniqueViolation(e) || !String((e as Error).message).includes('devices.')) return e;
    if (this.rebuildIndexes) return this.duplicateAfterBulkLoad() ?? e;
    const vals = this.devices.pendingValues();
    const width = DEVICE_WIDTH;
    const seen = new Map<SqlValue, number>();
    for (let at = 0; at < vals.length; at += width) {
      const id = vals[at + DEVICE_ID_AT]!;
      const prev = seen.get(id);
      if (prev !== undefined) return duplicateDevice(this.snapshot, String(id), vals[prev + DEVICE_FILE_AT], vals[prev + DEVICE_LINE_AT], vals[at + DEVICE_FILE_AT], vals[at + DEVICE_LINE_AT]);
      seen.set(id, at);
      const earlier = this.db
        .prepare('SELECT source_file, source_line FROM devices WHERE snapshot = ? AND id = ?')
        .get(this.snapshotId, id) as { source_file: string | null; source_line: number | null } | undefined;
      if (earlier) return duplicateDevice(this.snapshot, String(id), earlier.source_file, earlier.source_line, vals[at + DEVICE_FILE_AT], vals[at + DEVICE_LINE_AT]);
    }
    return e;
  }

  /** With the id index deferred, duplicates are found when it is built: look for one. */
  private duplicateAfterBulkLoad(): InputError | undefined {
    const id = this.db
      .prepare<[number], string>('SELECT id FROM devices WHERE snapshot = ? GROUP BY id HAVING COUNT(*) > 1 ORDER BY MIN(seq) LIMIT 1')
      .pluck()
      .get(this.snapshotId);
    if (id === undefined) return undefined;
    const [a, b] = this.db
      .prepare('SELECT source_file, source_line FROM devices WHERE snapshot = ? AND id = ? ORDER BY seq LIMIT 2')
      .all(this.snapshotId, id) as { source_file: string | null; source_line: number | null }[];
    return duplicateDevice(this.snapshot, id, a?.source_file, a?.source_line, b?.source_file, b?.source_line);
  }
}

interface SavedPragmas {
  synchronous: number;
  cacheSize: number;
}

/**
 * An import is one big transaction: NORMAL in WAL mode cannot corrupt the database (a power cut
 * may at worst lose the last import, which can be re-run), and it spares the bulk load FULL's
 * extra syncs. Returns what to restore.
 */
function importPragmas(db: Db): SavedPragmas {
  const saved = { synchronous: db.pragma('synchronous', { simple: true }) as number, cacheSize: db.pragma('cache_size', { simple: true }) as number };
  db.pragma('synchronous = NORMAL');
  db.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
  return saved;
}

function restorePragmas(db: Db, saved: SavedPragmas): void {
  db.pragma(`synchronous = ${saved.synchronous}`);
  db.pragma(`cache_size = ${saved.cacheSize}`);
}

export function checkName(dbPath: string, name: string): string {
  const n = name.trim();
  if (n === '' || n !== name) throw new InputError(dbPath, undefined, `snapshot name "${name}" must be non-empty without surrounding spaces`);
  if (n === 'latest') throw new InputError(dbPath, undefined, '"latest" names whichever snapshot is newest and cannot be a snapshot\'s own name');
  return n;
}

/** The base named is not there ("latest": the organisation has no snapshot yet). */
export function noBase(where: string, base: string, available: string): InputError {
  if (base === 'latest') return new InputError(where, undefined, 'no base snapshot: "latest" names the newest snapshot, and nothing has been imported yet');
  return new InputError(where, undefined, `no base snapshot named "${base}"; available: ${available}`);
}

export function sameSiteFacts(a: Site, b: Site): boolean {
  return a.name === b.name && a.country === b.country && a.lat === b.lat && a.lon === b.lon && a.kind === b.kind && a.operator === b.operator;
}

function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function where(file: SqlValue | undefined, line: SqlValue | undefined): string {
  const f = file ?? '(unknown source)';
  return line === null || line === undefined ? String(f) : `${f}:${line}`;
}

export function duplicateDevice(snapshot: string, id: string, f1: SqlValue | undefined, l1: SqlValue | undefined, f2: SqlValue | undefined, l2: SqlValue | undefined): InputError {
  return new InputError(
    String(f2 ?? '(unknown source)'),
    typeof l2 === 'number' ? l2 : undefined,
    `device id "${id}" appears twice in snapshot "${snapshot}" (first at ${where(f1, l1)})`,
  );
}
