// Conversion between domain objects and table rows. Absent optional fields are stored as NULL
// and left out again when read, so a Device read back equals the one written.
import type { Conflict, Device, Evidence, Flow, ImportWarning, Link, Site, SourceRef } from '../model/index.js';
import type { ImportRecord, SnapshotInfo } from './types.js';

export type SqlValue = string | number | null;
type Row = Record<string, unknown>;

export const DEVICE_COLUMNS = [
  'snapshot', 'seq', 'id', 'name', 'vendor', 'attribution_vendor', 'confidence', 'model', 'role', 'layer',
  'technology', 'site', 'country', 'operator', 'network', 'installed', 'cost', 'lat', 'lon', 'raw', 'extra',
  'conflicts', 'evidence', 'source_file', 'source_line', 'source', 'supplier', 'reseller', 'maintainer',
] as const;
/** Positions inside a device row's values, for naming the culprit of a constraint failure. */
export const DEVICE_ID_AT = 2;
export const DEVICE_NAME_AT = 3;
export const DEVICE_FILE_AT = 23;
export const DEVICE_LINE_AT = 24;
export const DEVICE_WIDTH = DEVICE_COLUMNS.length;

export const SITE_COLUMNS = ['snapshot', 'seq', 'id', 'name', 'country', 'lat', 'lon', 'kind', 'operator', 'source_file', 'source_line', 'source'] as const;
export const LINK_COLUMNS = ['snapshot', 'seq', 'id', 'a', 'b', 'metric', 'latency', 'capacity', 'operator', 'extra', 'source_file', 'source_line', 'source'] as const;
export const FLOW_COLUMNS = ['snapshot', 'seq', 'id', 'src', 'dst', 'class', 'volume', 'latency_bound', 'extra', 'source_file', 'source_line', 'source'] as const;

const v = (x: string | number | undefined): SqlValue => (x === undefined ? null : x);

function jsonOrNull(o: object): string | null {
  for (const _ in o) return JSON.stringify(o);
  return null;
}

/** file and line get columns of their own; a probe's address and time go to a JSON column. */
function sourceRest(s: SourceRef): string | null {
  if (s.probe === undefined && s.address === undefined && s.time === undefined) return null;
  const { file: _f, line: _l, ...rest } = s;
  return JSON.stringify(rest);
}

function sameSource(a: SourceRef, b: SourceRef): boolean {
  return a.file === b.file && a.line === b.line && a.probe === b.probe && a.address === b.address && a.time === b.time
    && Object.keys(a).length === Object.keys(b).length;
}

/**
 * Device.vendor and attribution.vendor are the same in practice; the second column is NULL then,
 * and '' stands for an attribution vendor of null under a non-null device vendor.
 */
function encodeAttributionVendor(d: Device): string | null {
  const a = d.attribution.vendor;
  if (a === d.vendor) return null;
  return a ?? '';
}

/** Appends the device's column values to `out` (one flat array for a multi-row INSERT). */
export function pushDeviceValues(out: SqlValue[], snapshot: number, seq: number, d: Device): void {
  const a = d.attribution;
  const conflicts = a.conflicts;
  const src = d.source;
  out.push(
    snapshot, seq, d.id, v(d.name), d.vendor, encodeAttributionVendor(d), a.confidence, v(d.model), v(d.role),
    v(d.layer), v(d.technology), v(d.site), v(d.country), v(d.operator), v(d.network), v(d.installed), v(d.cost),
    v(d.lat), v(d.lon), jsonOrNull(d.raw), jsonOrNull(d.extra), conflicts.length ? JSON.stringify(conflicts) : null,
    evidenceJson(a.evidence, src), v(src.file), v(src.line), sourceRest(src), v(d.supplier), v(d.reseller), v(d.maintainer),
  );
}

/**
 * A device's evidence as one JSON array in its own row (one value to write instead of a row per
 * piece), each piece a compact array rather than a keyed object (a third fewer bytes to copy,
 * bind and store): [kind, raw, vendor, confidence, valid as 1/0, detail, source], trailing
 * absent ones left off. A piece whose source is the device's own (the usual case) leaves
 * `source` out; a missing detail before a source is null.
 */
function evidenceJson(evs: readonly Evidence[], deviceSource: SourceRef): string | null {
  const n = evs.length;
  if (n === 0) return null;
  let s = '[';
  for (let i = 0; i < n; i++) {
    const e = evs[i]!;
    if (i > 0) s += ',';
    s += `[${JSON.stringify(e.kind)},${JSON.stringify(e.raw)},${e.vendor === null ? 'null' : JSON.stringify(e.vendor)},${JSON.stringify(e.confidence)},${e.valid ? 1 : 0}`;
    const own = sameSource(e.source, deviceSource);
    if (e.detail !== undefined) s += `,${JSON.stringify(e.detail)}`;
    else if (!own) s += ',null';
    if (!own) s += `,${JSON.stringify(e.source)}`;
    s += ']';
  }
  return `${s}]`;
}

export function pushSiteValues(out: SqlValue[], snapshot: number, seq: number, s: Site): void {
  out.push(snapshot, seq, s.id, v(s.name), v(s.country), v(s.lat), v(s.lon), v(s.kind), v(s.operator), v(s.source.file), v(s.source.line), sourceRest(s.source));
}

export function pushLinkValues(out: SqlValue[], snapshot: number, seq: number, l: Link): void {
  out.push(
    snapshot, seq, v(l.id), l.a, l.b, l.metric, v(l.latency), v(l.capacity), v(l.operator), jsonOrNull(l.extra),
    v(l.source.file), v(l.source.line), sourceRest(l.source),
  );
}

export function pushFlowValues(out: SqlValue[], snapshot: number, seq: number, f: Flow): void {
  out.push(
    snapshot, seq, f.id, f.src, f.dst, f.class, f.volume, v(f.latencyBound), jsonOrNull(f.extra),
    v(f.source.file), v(f.source.line), sourceRest(f.source),
  );
}

// ---- reading ----

function setString(o: Row, key: string, x: unknown): void {
  if (x !== null && x !== undefined) o[key] = x;
}

function readSource(r: Row): SourceRef {
  const s: SourceRef = r.source ? (JSON.parse(r.source as string) as SourceRef) : {};
  if (r.source_file !== null) s.file = r.source_file as string;
  if (r.source_line !== null) s.line = r.source_line as number;
  return s;
}

/** One piece of evidence as evidenceJson writes it. */
type StoredEvidence = [Evidence['kind'], string, string | null, number, 0 | 1, (string | null)?, SourceRef?];

function readEvidence(json: unknown, deviceSource: SourceRef): Evidence[] {
  if (typeof json !== 'string') return [];
  return (JSON.parse(json) as StoredEvidence[]).map((x) => {
    const e: Evidence = {
      kind: x[0],
      raw: x[1],
      vendor: x[2],
      confidence: x[3],
      valid: x[4] === 1,
      source: x[6] ?? { ...deviceSource },
    };
    const detail = x[5];
    if (detail !== undefined && detail !== null) e.detail = detail;
    return e;
  });
}

const DEVICE_OPTIONAL = [
  'name', 'model', 'role', 'layer', 'technology', 'site', 'country', 'operator', 'network', 'installed', 'cost', 'lat', 'lon',
  'supplier', 'reseller', 'maintainer',
] as const;

/** A device from its row. */
export function readDevice(r: Row): Device {
  const vendor = r.vendor as string | null;
  const av = r.attribution_vendor as string | null;
  const d: Row = { id: r.id };
  for (const k of DEVICE_OPTIONAL) setString(d, k, r[k]);
  d.raw = r.raw ? JSON.parse(r.raw as string) : {};
  d.extra = r.extra ? JSON.parse(r.extra as string) : {};
  const source = readSource(r);
  d.source = source;
  d.vendor = vendor;
  d.attribution = {
    vendor: av === null ? vendor : av === '' ? null : av,
    confidence: r.confidence as number,
    evidence: readEvidence(r.evidence, source),
    conflicts: r.conflicts ? (JSON.parse(r.conflicts as string) as Conflict[]) : [],
  };
  // The row was written from a Device by pushDeviceValues; its shape is that of a Device.
  return d as unknown as Device;
}

export function readSite(r: Row): Site {
  const s: Row = { id: r.id };
  for (const k of ['name', 'country', 'lat', 'lon', 'kind', 'operator'] as const) setString(s, k, r[k]);
  s.source = readSource(r);
  return s as unknown as Site;
}

export function readLink(r: Row): Link {
  const l: Row = {};
  setString(l, 'id', r.id);
  l.a = r.a;
  l.b = r.b;
  l.metric = r.metric;
  for (const k of ['latency', 'capacity', 'operator'] as const) setString(l, k, r[k]);
  l.extra = r.extra ? JSON.parse(r.extra as string) : {};
  l.source = readSource(r);
  return l as unknown as Link;
}

export function readFlow(r: Row): Flow {
  const f: Row = { id: r.id, src: r.src, dst: r.dst, class: r.class, volume: r.volume };
  setString(f, 'latencyBound', r.latency_bound);
  f.extra = r.extra ? JSON.parse(r.extra as string) : {};
  f.source = readSource(r);
  return f as unknown as Flow;
}

// ---- snapshots and import records: the same SQL and row shape on both backends ----

/** Every snapshot read: the snapshot and its base's name. */
export const SNAPSHOT_SELECT = `SELECT s.id, s.name, s.created_at, s.note, b.name AS base_name, s.device_count, s.site_count, s.link_count, s.flow_count
  FROM snapshots s LEFT JOIN snapshots b ON b.id = s.base`;
/** Names are unique per organisation only, and one organisation never learns another's names. */
export const SNAPSHOT_IN_ORGANISATION = 's.organisation = (SELECT id FROM organisations WHERE name = ?)';

export function readSnapshotInfo(r: Row): SnapshotInfo {
  const info: SnapshotInfo = {
    id: r.id as number,
    name: r.name as string,
    createdAt: r.created_at as string,
    devices: r.device_count as number,
    sites: r.site_count as number,
    links: r.link_count as number,
    flows: r.flow_count as number,
  };
  if (r.note !== null) info.note = r.note as string;
  if (r.base_name !== null) info.base = r.base_name as string;
  return info;
}

/** A snapshot's import records in order, with the snapshot each was first imported into. */
export const IMPORTS_SELECT = 'SELECT i.*, o.name AS origin_name FROM imports i JOIN snapshots o ON o.id = i.origin WHERE i.snapshot = ? ORDER BY i.seq';

export function readImportRecord(r: Row): ImportRecord {
  const rec: ImportRecord = {
    file: r.file as string,
    format: r.format as string,
    records: r.records as number,
    warnings: JSON.parse(r.warnings as string) as ImportWarning[],
    importedInto: r.origin_name as string,
  };
  for (const k of ['devices', 'sites', 'links', 'flows'] as const) if (r[k] !== null) rec[k] = r[k] as number;
  return rec;
}
