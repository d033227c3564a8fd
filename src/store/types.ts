import type { Device, Flow, ImportWarning, Link, Site } from '../model/index.js';
import type { BeginPathImportOptions, MeasurementSpan, MeasurementWindow, PathImportInfo, PathImportWriter, StoredMeasurement } from './path-types.js';

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
 * `rollback` otherwise. Asynchronous because a server database answers over the network; the
 * SQLite writer finishes each call before its promise resolves.
 */
export interface ImportWriter {
  readonly snapshot: string;
  add(batch: ImportContent): Promise<void>;
  addImportRecord(rec: ImportRecordInput): Promise<void>;
  /**
   * The id and name (null when none) of every device the new snapshot holds so far, base
   * included, in input order: what links and flows may name.
   */
  deviceKeys(): Promise<DeviceKeys>;
  commit(): Promise<SnapshotInfo>;
  /** Safe to call more than once and after a failed `add`. */
  rollback(): Promise<void>;
}

/** Parallel arrays: the i-th device's id and name. */
export interface DeviceKeys {
  ids: string[];
  names: (string | null)[];
}

export interface BeginImportOptions {
  snapshot: string;
  /** Unique within the organisation; "latest" is the organisation's newest snapshot. */
  base?: string;
  /**
   * Devices of the base, changed (`import --update`): each is written in place of the base's
   * device of its id, in that device's position. Every id must be the base's.
   */
  replace?: readonly Device[];
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
  operator?: string[];
  /** Devices whose id is (`in`: true) or is not (`in`: false) one of `ids`: a set computed outside SQL, e.g. by findings status. */
  ids?: { in: boolean; ids: readonly string[] };
  /** Free text: a device whose id, name, model, site, vendor or operator contains it, ASCII letters in any case. */
  text?: string;
  limit?: number;
  /** Matching devices skipped first, in input order. */
  offset?: number;
}

/** The columns a page of devices can be sorted by (`seq`: input order). */
export const DEVICE_SORTS = ['seq', 'id', 'name', 'vendor', 'country', 'layer', 'operator', 'site', 'model', 'confidence'] as const;
export type DeviceSort = (typeof DEVICE_SORTS)[number];

/** One page of a filtered, sorted device list (the devices view, 100k devices). */
export interface DevicePageQuery extends Omit<DeviceFilter, 'limit' | 'offset'> {
  sort?: DeviceSort;
  descending?: boolean;
  limit: number;
  offset: number;
}

export interface DevicePage {
  /** Devices matching the filter, over all pages. */
  total: number;
  devices: Device[];
}

export const GROUP_FIELDS = ['vendor', 'country', 'layer', 'network', 'operator', 'site'] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];

export interface DeviceCount {
  key: Record<string, string | null>;
  count: number;
}

export interface OpenStoreOptions {
  readonly?: boolean;
  /**
   * SQLite: how many seconds a write waits for another process's import to release the store
   * (default DEFAULT_WAIT_SECONDS of write-lock.ts), then StoreBusyError. PostgreSQL imports do
   * not exclude each other.
   */
  wait?: number;
  /** Told once when a write finds the store busy and starts waiting. */
  onBusy?: (message: string) => void;
}

/**
 * The persistent store behind every command: SQLite (a file, the zero-setup default) or
 * PostgreSQL (a postgres:// URL), the same schema and the same answers. Every call is
 * asynchronous: PostgreSQL answers over the network.
 */
export interface Store {
  /** The file, or the URL without its password. */
  readonly path: string;
  readonly readonly: boolean;
  schemaVersion(): Promise<number>;
  beginImport(opts: BeginImportOptions): Promise<ImportWriter>;
  /** The organisation's snapshots (default DEFAULT_ORGANISATION), oldest first. */
  listSnapshots(organisation?: string): Promise<SnapshotInfo[]>;
  /**
   * The organisation's named snapshot, or its latest when no name (or "latest") is given; an
   * InputError when it has none of that name (another organisation's is never found).
   */
  resolveSnapshot(nameOrLatest?: string, organisation?: string): Promise<SnapshotInfo>;
  /** In input order. */
  devices(snapshotId: number, filter?: DeviceFilter): Promise<Device[]>;
  /** Same as `devices`, reading in pages so a million-device snapshot never sits in memory. */
  iterateDevices(snapshotId: number, filter?: DeviceFilter): AsyncIterable<Device>;
  /** One device by its id, undefined when the snapshot has none of that id. */
  device(snapshotId: number, id: string): Promise<Device | undefined>;
  /** The devices whose id is one of `ids` or whose name is one of `names`, in input order. */
  devicesByKey(snapshotId: number, keys: { ids?: readonly string[]; names?: readonly string[] }): Promise<Device[]>;
  /** One page of the devices matching the query, sorted (ties in input order), and how many match. */
  devicePage(snapshotId: number, query: DevicePageQuery): Promise<DevicePage>;
  /** The links with `deviceId` at either end, in input order. */
  deviceLinks(snapshotId: number, deviceId: string): Promise<Link[]>;
  /** Counts the devices matching `filter` (its limit and offset ignored), grouped by `groupBy`. */
  countDevices(snapshotId: number, groupBy: readonly GroupField[], filter?: DeviceFilter): Promise<DeviceCount[]>;
  sites(snapshotId: number): Promise<Site[]>;
  links(snapshotId: number): Promise<Link[]>;
  flows(snapshotId: number): Promise<Flow[]>;
  imports(snapshotId: number): Promise<ImportRecord[]>;

  // Measured paths (path-types.ts): per organisation like snapshots, but in no snapshot.

  /** Opens one path import (one transaction); an InputError when the organisation does not exist. */
  beginPathImport(opts: BeginPathImportOptions): Promise<PathImportWriter>;
  /** How many of the organisation's measurements fall in the window. */
  countMeasurements(window?: MeasurementWindow): Promise<number>;
  /** The time span of the organisation's measurements (default DEFAULT_ORGANISATION), null when it has none. */
  measurementSpan(organisation?: string): Promise<MeasurementSpan | null>;
  /** The window's measurements in (time, import) order, read in pages. */
  iterateMeasurements(window?: MeasurementWindow): AsyncIterable<StoredMeasurement>;
  /** The organisation's path imports, oldest first. */
  pathImports(organisation?: string): Promise<PathImportInfo[]>;
  close(): Promise<void>;
}

/** True for a PostgreSQL connection URL (the store is then PostgreSQL, not an SQLite file). */
export function isPostgresUrl(pathOrUrl: string): boolean {
  return /^postgres(ql)?:\/\//i.test(pathOrUrl);
}
