// One import into PostgreSQL: one connection, one transaction, rows streamed with COPY FROM STDIN
// in text format (buffered a few MiB per table). A failed COPY of devices is retried nowhere: it
// rolls back to the savepoint before it only to name the duplicate id, then the whole import
// rolls back, leaving the database exactly as it was.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { InputError, type Device, type Site } from '../../model/index.js';
import {
  DEVICE_COLUMNS, DEVICE_FILE_AT, DEVICE_ID_AT, DEVICE_LINE_AT, DEVICE_WIDTH, FLOW_COLUMNS, LINK_COLUMNS, SITE_COLUMNS,
  pushDeviceValues, pushFlowValues, pushLinkValues, pushSiteValues, readSite, type SqlValue,
} from '../rows.js';
import { checkName, duplicateDevice, noBase, sameSiteFacts, where } from '../sqlite-writer.js';
import { DEFAULT_ORGANISATION, type BeginImportOptions, type DeviceKeys, type ImportContent, type ImportRecordInput, type ImportWriter, type SnapshotInfo } from '../types.js';
import { dollar, sqlState, type Client, type Pool } from './connection.js';
import { findSnapshot, latestSnapshot, organisationId, snapshotById, snapshotNames } from './queries.js';

/** Bytes of COPY text buffered per table before it is sent. */
const FLUSH_BYTES = 4 << 20;

const BASE_TABLES: Record<string, readonly string[]> = {
  devices: DEVICE_COLUMNS,
  sites: SITE_COLUMNS,
  links: LINK_COLUMNS,
  flows: FLOW_COLUMNS,
  imports: ['snapshot', 'seq', 'origin', 'file', 'format', 'records', 'warnings', 'devices', 'sites', 'links', 'flows'],
};

type CopyTable = 'devices' | 'links' | 'flows';
const COPY_COLUMNS: Record<CopyTable, readonly string[]> = { devices: DEVICE_COLUMNS, links: LINK_COLUMNS, flows: FLOW_COLUMNS };

const ESCAPED = /[\\\t\n\r]/;
const ESCAPES = /[\\\t\n\r]/g;
const escape = (c: string): string => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r');

/** Bytes per buffer that COPY text is written into. */
const CHUNK_BYTES = 1 << 20;

/**
 * Rows in COPY's text format (\N for NULL, backslash escapes for the separators), written
 * straight into byte buffers: building strings per value instead left the garbage collector
 * with more work than the encoding itself (measured: half of the writer's CPU time).
 */
class CopyText {
  readonly done: Buffer[] = [];
  bytes = 0;
  private buf = Buffer.allocUnsafe(CHUNK_BYTES);
  private at = 0;

  /** `width` values a row from `values`. */
  addRows(values: readonly SqlValue[], width: number): void {
    for (let at = 0; at < values.length; at += width) {
      for (let k = 0; k < width; k++) {
        if (k > 0) this.put('\t');
        const v = values[at + k]!;
        this.put(v === null ? '\\N' : typeof v === 'number' ? String(v) : ESCAPED.test(v) ? v.replace(ESCAPES, escape) : v);
      }
      this.put('\n');
    }
  }

  private put(s: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    if (this.at + s.length * 3 > this.buf.length) {
      this.seal();
      if (s.length * 3 > this.buf.length) this.buf = Buffer.allocUnsafe(s.length * 3);
    }
    const n = this.buf.write(s, this.at);
    this.at += n;
    this.bytes += n;
  }

  private seal(): void {
    if (this.at > 0) this.done.push(this.buf.subarray(0, this.at));
    this.buf = Buffer.allocUnsafe(CHUNK_BYTES);
    this.at = 0;
  }

  /** Everything written so far, and a fresh start. */
  take(): Buffer[] {
    this.seal();
    const out = this.done.splice(0);
    this.bytes = 0;
    return out;
  }
}

export class PgImportWriter implements ImportWriter {
  readonly snapshot: string;
  private state: 'open' | 'committed' | 'rolled back' = 'open';
  private snapshotId = 0;
  private readonly seq = { devices: 0, sites: 0, links: 0, flows: 0, imports: 0 };
  private readonly text: Record<CopyTable, CopyText> = { devices: new CopyText(), links: new CopyText(), flows: new CopyText() };
  /** id, file, line of each buffered device, to name a duplicate. */
  private pendingDevices: SqlValue[] = [];

  private constructor(private readonly client: Client, private readonly where: string, snapshot: string, private readonly onClose: () => void) {
    this.snapshot = snapshot;
  }

  static async begin(pool: Pool, where: string, opts: BeginImportOptions, onClose: () => void = () => undefined): Promise<PgImportWriter> {
    const name = checkName(where, opts.snapshot);
    const client = await pool.connect();
    const w = new PgImportWriter(client, where, name, onClose);
    try {
      await client.query('BEGIN');
      w.snapshotId = await w.createSnapshot(opts);
      return w;
    } catch (e) {
      await w.close('ROLLBACK');
      throw e;
    }
  }

  add(batch: ImportContent): Promise<void> {
    return this.guard(async () => {
      const values: SqlValue[] = [];
      for (const d of batch.devices) pushDeviceValues(values, this.snapshotId, ++this.seq.devices, d);
      await this.buffer('devices', values);
      await this.addTopology(batch);
    });
  }

  /** Devices already flattened to column values by the import worker, snapshot and seq slots to fill. */
  addEncoded(deviceRows: readonly SqlValue[][], rest: Omit<ImportContent, 'devices'>): Promise<void> {
    return this.guard(async () => {
      for (const values of deviceRows) {
        for (let at = 0; at < values.length; at += DEVICE_WIDTH) {
          (values as SqlValue[])[at] = this.snapshotId;
          (values as SqlValue[])[at + 1] = ++this.seq.devices;
        }
        await this.buffer('devices', values);
      }
      await this.addTopology(rest);
    });
  }

  private async addTopology(batch: Omit<ImportContent, 'devices'>): Promise<void> {
    for (const s of batch.sites) await this.addSite(s);
    if (batch.links.length) {
      const values: SqlValue[] = [];
      for (const l of batch.links) pushLinkValues(values, this.snapshotId, ++this.seq.links, l);
      await this.buffer('links', values);
    }
    if (batch.flows.length) {
      const values: SqlValue[] = [];
      for (const f of batch.flows) pushFlowValues(values, this.snapshotId, ++this.seq.flows, f);
      await this.buffer('flows', values);
    }
  }

  addImportRecord(rec: ImportRecordInput): Promise<void> {
    return this.guard(async () => {
      await this.client.query(
        'INSERT INTO imports (snapshot, seq, origin, file, format, records, warnings, devices, sites, links, flows) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)',
        [this.snapshotId, ++this.seq.imports, this.snapshotId, rec.file, rec.format, rec.records, JSON.stringify(rec.warnings), rec.devices ?? null, rec.sites ?? null, rec.links ?? null, rec.flows ?? null],
      );
    });
  }

  deviceKeys(): Promise<DeviceKeys> {
    return this.guard(async () => {
      await this.flush('devices');
      const r = await this.client.query<[string, string | null]>({ text: 'SELECT id, name FROM devices WHERE snapshot = $1 ORDER BY seq', values: [this.snapshotId], rowMode: 'array' });
      const keys: DeviceKeys = { ids: new Array<string>(r.rows.length), names: new Array<string | null>(r.rows.length) };
      for (let i = 0; i < r.rows.length; i++) {
        keys.ids[i] = r.rows[i]![0];
        keys.names[i] = r.rows[i]![1];
      }
      return keys;
    });
  }

  commit(): Promise<SnapshotInfo> {
    return this.guard(async () => {
      for (const t of ['devices', 'links', 'flows'] as const) await this.flush(t);
      const s = this.seq;
      await this.client.query('UPDATE snapshots SET device_count = $1, site_count = $2, link_count = $3, flow_count = $4 WHERE id = $5', [s.devices, s.sites, s.links, s.flows, this.snapshotId]);
      const info = await snapshotById(this.client, this.snapshotId);
      await this.close('COMMIT');
      return info;
    });
  }

  async rollback(): Promise<void> {
    if (this.state === 'open') await this.close('ROLLBACK');
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    if (this.state !== 'open') throw new Error(`import into snapshot "${this.snapshot}" is already ${this.state}`);
    try {
      return await work();
    } catch (e) {
      if (this.state === 'open') await this.close('ROLLBACK');
      throw e;
    }
  }

  private async close(how: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    try {
      // A failing COMMIT leaves nothing committed: PostgreSQL ends the transaction either way.
      await this.client.query(how);
    } finally {
      this.state = how === 'COMMIT' ? 'committed' : 'rolled back';
      this.client.release();
      this.onClose();
    }
  }

  private async createSnapshot(opts: BeginImportOptions): Promise<number> {
    const org = opts.organisation ?? DEFAULT_ORGANISATION;
    const db = this.client;
    const orgId = await organisationId(db, org);
    if (orgId === undefined) throw new InputError(this.where, undefined, `no organisation named "${org}"`);
    const taken = (): InputError => new InputError(this.where, undefined, `a snapshot named "${this.snapshot}" already exists, and snapshots are immutable: choose another name`);
    if (await findSnapshot(db, this.snapshot, org)) throw taken();
    let baseId: number | null = null;
    if (opts.base !== undefined) {
      const base = opts.base === 'latest' ? await latestSnapshot(db, org) : await findSnapshot(db, opts.base, org);
      if (!base) throw noBase(this.where, opts.base, await snapshotNames(db, org));
      baseId = base.id;
    }
    if (opts.replace?.length && baseId === null) throw new Error('devices can only replace those of a base snapshot');
    let id: number;
    try {
      // Two imports of one name at once: the second waits here for the first to finish, then
      // fails on (organisation, name) if the first committed.
      const r = await db.query<{ id: number }>('INSERT INTO snapshots (organisation, name, created_at, note, base) VALUES ($1, $2, $3, $4, $5) RETURNING id', [
        orgId, this.snapshot, new Date().toISOString(), opts.note ?? null, baseId,
      ]);
      id = r.rows[0]!.id;
    } catch (e) {
      if (sqlState(e) === '23505') throw taken();
      throw e;
    }
    if (baseId !== null) await this.copyBase(baseId, id, opts.replace ?? []);
    return id;
  }

  /** The base's rows, each device of `replace` instead of the base's of its id, at its position. */
  private async copyBase(from: number, to: number, replace: readonly Device[]): Promise<void> {
    const skip = replace.map((d) => d.id);
    for (const [table, cols] of Object.entries(BASE_TABLES)) {
      const rest = cols.slice(1).join(', ');
      const except = table === 'devices' && skip.length > 0;
      const sql = `INSERT INTO ${table} (${cols.join(', ')}) SELECT $1, ${rest} FROM ${table} WHERE snapshot = $2${except ? ' AND NOT (id = ANY($3::text[]))' : ''} ORDER BY seq`;
      await this.client.query(sql, except ? [to, from, skip] : [to, from]);
    }
    if (skip.length > 0) {
      const r = await this.client.query<{ id: string; seq: number }>('SELECT id, seq FROM devices WHERE snapshot = $1 AND id = ANY($2::text[])', [from, skip]);
      const seqOf = new Map(r.rows.map((x) => [x.id, x.seq]));
      const values: SqlValue[] = [];
      for (const d of replace) {
        const seq = seqOf.get(d.id);
        if (seq === undefined) throw new Error(`device "${d.id}" replaces none of the base snapshot's`);
        pushDeviceValues(values, to, seq, d);
      }
      // Written with the devices COPY: not counted as duplicates, since the base's rows of these ids were left out.
      await this.buffer('devices', values);
    }
    const max = async (table: string): Promise<number> =>
      ((await this.client.query<{ m: number }>(`SELECT COALESCE(MAX(seq), 0) AS m FROM ${table} WHERE snapshot = $1`, [to])).rows[0]?.m ?? 0);
    Object.assign(this.seq, { devices: await max('devices'), sites: await max('sites'), links: await max('links'), flows: await max('flows'), imports: await max('imports') });
  }

  private async buffer(table: CopyTable, values: readonly SqlValue[]): Promise<void> {
    if (values.length === 0) return;
    const width = COPY_COLUMNS[table].length;
    this.text[table].addRows(values, width);
    if (table === 'devices') {
      for (let at = 0; at < values.length; at += width) this.pendingDevices.push(values[at + DEVICE_ID_AT]!, values[at + DEVICE_FILE_AT]!, values[at + DEVICE_LINE_AT]!);
    }
    if (this.text[table].bytes >= FLUSH_BYTES) await this.flush(table);
  }

  private async flush(table: CopyTable): Promise<void> {
    const chunks = this.text[table].take();
    if (chunks.length === 0) return;
    const copy = (): NodeJS.WritableStream => this.client.query(copyFrom(`COPY ${table} (${COPY_COLUMNS[table].join(', ')}) FROM STDIN`));
    if (table !== 'devices') {
      await pipeline(Readable.from(chunks), copy());
      return;
    }
    await this.client.query('SAVEPOINT cleanpath_copy');
    try {
      await pipeline(Readable.from(chunks), copy());
    } catch (e) {
      if (sqlState(e) !== '23505') throw e;
      await this.client.query('ROLLBACK TO SAVEPOINT cleanpath_copy');
      throw (await this.duplicateIn(this.pendingDevices)) ?? e;
    }
    this.pendingDevices = [];
  }

  /** The first device of `pending` (id, file, line triples) whose id is already taken, as an InputError. */
  private async duplicateIn(pending: readonly SqlValue[]): Promise<InputError | undefined> {
    const ids = [...new Set(pending.filter((_, i) => i % 3 === 0).map(String))];
    const earlier = new Map<string, { f: SqlValue; l: SqlValue }>();
    const r = await this.client.query<{ id: string; source_file: string | null; source_line: number | null }>(
      'SELECT id, source_file, source_line FROM devices WHERE snapshot = $1 AND id = ANY($2)',
      [this.snapshotId, ids],
    );
    for (const row of r.rows) earlier.set(row.id, { f: row.source_file, l: row.source_line });
    for (let at = 0; at < pending.length; at += 3) {
      const id = String(pending[at]);
      const prev = earlier.get(id);
      if (prev) return duplicateDevice(this.snapshot, id, prev.f, prev.l, pending[at + 1], pending[at + 2]);
      earlier.set(id, { f: pending[at + 1]!, l: pending[at + 2]! });
    }
    return undefined;
  }

  private async addSite(s: Site): Promise<void> {
    const values: SqlValue[] = [];
    pushSiteValues(values, this.snapshotId, this.seq.sites + 1, s);
    const cols = SITE_COLUMNS.join(',');
    const r = await this.client.query(dollar(`INSERT INTO sites (${cols}) VALUES (${SITE_COLUMNS.map(() => '?').join(',')}) ON CONFLICT (snapshot, id) DO NOTHING`), values);
    if (r.rowCount === 1) {
      this.seq.sites++;
      return;
    }
    const row = (await this.client.query('SELECT * FROM sites WHERE snapshot = $1 AND id = $2', [this.snapshotId, s.id])).rows[0] as Record<string, unknown>;
    const first = readSite(row);
    if (sameSiteFacts(first, s)) return;
    throw new InputError(s.source.file ?? this.where, s.source.line, `site "${s.id}" is described twice, differently (first at ${where(first.source.file, first.source.line)})`);
  }
}
