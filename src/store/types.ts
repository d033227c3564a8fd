import type { Device, Flow, ImportWarning, Link, Site } from '../model/index.js';

/**
 * The organisation of every store call that names none: a database used only from the CLI holds
 * only this one. Organisations (issue 7, API) keep operators' snapshots apart.
 */
export const DEFAULT_ORGANISATION = 'default';

/** A named, immutable set of devices, sites, links and flows written by one import. */
export interface SnapshotInfo {
  id: number;
  name: string;
  /** ISO 8601 UTC time the import began. */
  createdAt: string;
  note?: string;
  /** Name of the snapshot whose rows this one started from. */
  base?: string;
  devices: number;
  sites: number;
  links: number;
  flows: number;
}

/** What one file contributed to a snapshot. */
export interface ImportRecord {
  file: string;
  format: string;
  records: number;
  warnings: ImportWarning[];
  devices?: number;
  sites?: number;
  links?: number;
  flows?: number;
  /** The snapshot the file was imported into: differs from the queried one when inherited from a base. */
  importedInto: string;
}

export type ImportRecordInput = Omit<ImportRecord, 'importedInto'>;

export interface ImportContent {
  devices: Device[];
  sites: Site[];
  links: Link[];
  flows: Flow[];
}

/**
 * One open import: everything added lands in one transaction and one new snapshot. Any failure
 * inside `add` rolls the whole import back before rethrowing; the caller must `commit` or
 * `rollback` otherwise.
 */
export interface ImportWriter {
  readonly snapshot: string;
  add(batch: ImportContent): void;
  addImportRecord(rec: ImportRecordInput): void;
  commit(): SnapshotInfo;
  /** Safe to call more than once and after a failed `add`. */
  rollback(): void;
}

export interface BeginImportOptions {
  snapshot: string;
  /** Unique within the organisation. */
  base?: string;
  note?: string;
  /** Which organisation the snapshot belongs to (default DEFAULT_ORGANISATION); it must exist. */
  organisation?: string;
}

export interface DeviceFilter {
  vendor?: string[];
  country?: string[];
  layer?: string[];
  network?: string[];
  /**
   * true: devices with no attributed vendor (together with `vendor`, either matches);
   * false: only devices with an attributed vendor.
   */
  unknownVendor?: boolean;
  limit?: number;
  /** Matching devices skipped first, in input order. */
  offset?: number;
}

export const GROUP_FIELDS = ['vendor', 'country', 'layer', 'network', 'operator'] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];

export interface DeviceCount {
  key: Record<string, string | null>;
  count: number;
}

export interface OpenStoreOptions {
  readonly?: boolean;
}

/**
 * The persistent store behind every command. SQLite is the embedded implementation; a server
 * backend implements the same contract over the same schema.
 */
export interface Store {
  readonly path: string;
  readonly readonly: boolean;
  schemaVersion(): number;
  beginImport(opts: BeginImportOptions): ImportWriter;
  /** The organisation's snapshots (default DEFAULT_ORGANISATION), oldest first. */
  listSnapshots(organisation?: string): SnapshotInfo[];
  /**
   * The organisation's named snapshot, or its latest when no name (or "latest") is given; an
   * InputError when it has none of that name (another organisation's is never found).
   */
  resolveSnapshot(nameOrLatest?: string, organisation?: string): SnapshotInfo;
  /** In input order. */
  devices(snapshotId: number, filter?: DeviceFilter): Device[];
  /** Same as `devices`, reading in pages so a million-device snapshot never sits in memory. */
  iterateDevices(snapshotId: number, filter?: DeviceFilter): IterableIterator<Device>;
  /** One device by its id, undefined when the snapshot has none of that id. */
  device(snapshotId: number, id: string): Device | undefined;
  /** Counts the devices matching `filter` (its limit and offset ignored), grouped by `groupBy`. */
  countDevices(snapshotId: number, groupBy: readonly GroupField[], filter?: DeviceFilter): DeviceCount[];
  sites(snapshotId: number): Site[];
  links(snapshotId: number): Link[];
  flows(snapshotId: number): Flow[];
  imports(snapshotId: number): ImportRecord[];
  close(): void;
}
