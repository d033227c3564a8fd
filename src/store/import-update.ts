// `import --update`: each device row of the files changes one device of the base snapshot,
// matched by id, or by name when the row has no id (a file without an id column). Only the
// columns a row fills change; changed identifiers are identified afresh, with the row's file
// and line as their source, and replace the base's evidence of the same kind, so a vendor set
// this way is `declared` evidence that replaces any earlier declaration.
import { combineEvidence } from '../identify/index.js';
import { InputError, type Device, type DeviceRecord, type EvidenceKind, type ImportWarning, type RawIdentifiers } from '../model/index.js';
import type { Store } from './types.js';

type Identify = (rec: DeviceRecord) => { device: Device; warnings: ImportWarning[] };

/** Which kind of evidence each raw identifier gives (src/identify/attribute.ts). */
const EVIDENCE_OF: Record<keyof RawIdentifiers, EvidenceKind> = {
  declaredVendor: 'declared',
  mac: 'oui',
  sysObjectId: 'sysobjectid',
  sysDescr: 'sysdescr',
  engineId: 'engineid',
  lldp: 'lldp',
  banner: 'banner',
  imei: 'tac',
  serial: 'serial',
};

const FIELDS = [
  'name', 'model', 'role', 'layer', 'technology', 'site', 'country', 'operator', 'network', 'installed', 'cost', 'lat', 'lon',
  'supplier', 'reseller', 'maintainer',
] as const;

export interface PreparedUpdate {
  /** The changed devices, each once, in the order first changed. */
  replace: Device[];
  /** Identification's warnings about the rows' identifiers, by file and line. */
  warnings: ImportWarning[];
}

/**
 * The base's devices changed by `rows` (in order: a later row changing the same device sees the
 * earlier change). An InputError at the row's file and line when it matches no device of the
 * base, or (by name) several.
 */
export async function prepareUpdate(store: Store, base: { id: number; name: string }, rows: readonly DeviceRecord[], identify: Identify): Promise<PreparedUpdate> {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const r of rows) {
    if (r.id !== '') ids.add(r.id);
    else if (r.name !== undefined) names.add(r.name);
  }
  const found = await store.devicesByKey(base.id, { ids: [...ids], names: [...names] });
  const byId = new Map<string, Device>();
  const byName = new Map<string, Device[]>();
  for (const d of found) {
    byId.set(d.id, d);
    if (d.name !== undefined) byName.set(d.name, [...(byName.get(d.name) ?? []), d]);
  }
  const changed = new Map<string, Device>();
  const warnings: ImportWarning[] = [];
  for (const r of rows) {
    const target = match(r, byId, byName, base.name);
    const merged = applyUpdate(changed.get(target.id) ?? target, r, identify);
    changed.set(target.id, merged.device);
    for (const w of merged.warnings) warnings.push(w);
  }
  return { replace: [...changed.values()], warnings };
}

function match(r: DeviceRecord, byId: ReadonlyMap<string, Device>, byName: ReadonlyMap<string, Device[]>, base: string): Device {
  const where = (m: string): InputError => new InputError(r.source.file ?? '(input)', r.source.line, m);
  if (r.id !== '') {
    const d = byId.get(r.id);
    if (!d) throw where(`no device with id "${r.id}" in base snapshot "${base}" to update`);
    return d;
  }
  if (r.name === undefined) throw where('a row to update needs an id or a name');
  const ds = byName.get(r.name) ?? [];
  if (ds.length === 0) throw where(`no device named "${r.name}" in base snapshot "${base}" to update`);
  if (ds.length > 1) {
    const list = ds.slice(0, 5).map((d) => d.id).join(', ') + (ds.length > 5 ? ', ...' : '');
    throw where(`the name "${r.name}" is ambiguous: ${ds.length} devices of base snapshot "${base}" have it (${list}); add an id column to say which`);
  }
  return ds[0]!;
}

/** `d` with the row's non-empty columns, re-attributed from its evidence. */
export function applyUpdate(d: Device, r: DeviceRecord, identify: Identify): { device: Device; warnings: ImportWarning[] } {
  const out: Device = { ...d, raw: { ...d.raw }, extra: { ...d.extra, ...r.extra } };
  for (const k of FIELDS) {
    const v = r[k];
    // Each field keeps its own type: the record and the device share these fields.
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  const changedRaw: RawIdentifiers = {};
  const replaced = new Set<EvidenceKind>();
  for (const key of Object.keys(EVIDENCE_OF) as (keyof RawIdentifiers)[]) {
    const v = r.raw[key];
    if (v === undefined || v.trim() === '') continue;
    changedRaw[key] = v;
    out.raw[key] = v;
    replaced.add(EVIDENCE_OF[key]);
  }
  if (replaced.size === 0) return { device: out, warnings: [] };
  // The row's identifiers alone, so that their evidence names the row's file and line.
  const fresh = identify({ id: d.id, raw: changedRaw, extra: {}, source: r.source });
  const kept = d.attribution.evidence.filter((e) => !replaced.has(e.kind));
  out.attribution = combineEvidence([...kept, ...fresh.device.attribution.evidence]);
  out.vendor = out.attribution.vendor;
  return { device: out, warnings: fresh.warnings };
}
