// Probe and collection results → one new snapshot: identified like imported devices (the identify
// stage turns raw engine IDs, sysObjectIDs, sysDescrs, MACs and LLDP text into evidence), written
// in one transaction through the store's ImportWriter.
import { attributeDevice, createIdentifyContext, type IdentifyContext } from '../identify/index.js';
import { InputError, type Device, type DeviceRecord, type ImportWarning, type Link } from '../model/index.js';
import { defaultSnapshotName, type ImportWriter, type SnapshotInfo, type Store } from '../store/index.js';

export interface StoreResultsOptions {
  snapshot?: string;
  base?: string;
  note?: string;
  /** Recorded as the import's "file" (e.g. `probe snmp 10.0.0.0/24`). */
  label: string;
  /** Recorded as the import's format (e.g. `snmpv3-discovery`). */
  format: string;
  ctx?: IdentifyContext;
}

export interface StoreResultsSummary {
  snapshot: SnapshotInfo;
  devices: number;
  links: number;
  warnings: ImportWarning[];
}

export async function storeResults(store: Store, content: { devices: DeviceRecord[]; links?: Link[] }, opts: StoreResultsOptions): Promise<StoreResultsSummary> {
  const ctx = opts.ctx ?? createIdentifyContext();
  const devices: Device[] = [];
  const warnings: ImportWarning[] = [];
  for (const rec of content.devices) {
    const r = attributeDevice(rec, ctx);
    devices.push(r.device);
    warnings.push(...r.warnings);
  }
  const links = content.links ?? [];
  const name = opts.snapshot ?? defaultSnapshotName(new Date(), new Set((await store.listSnapshots()).map((s) => s.name))).replace(/^import-/, `${opts.format}-`);
  const writer = await store.beginImport({ snapshot: name, ...(opts.base !== undefined ? { base: opts.base } : {}), ...(opts.note !== undefined ? { note: opts.note } : {}) });
  try {
    await writer.add({ devices, sites: [], links: [], flows: [] });
    if (links.length > 0) {
      await refuseDanglingLinks(writer, links, opts.label);
      await writer.add({ devices: [], sites: [], links, flows: [] });
    }
    await writer.addImportRecord({ file: opts.label, format: opts.format, records: devices.length + links.length, warnings, devices: devices.length, links: links.length, sites: 0, flows: 0 });
    const snapshot = await writer.commit();
    return { snapshot, devices: devices.length, links: links.length, warnings };
  } catch (e) {
    await writer.rollback();
    throw e;
  }
}

/**
 * The store never holds a link to a device it does not have (an analysis would route a "clean"
 * path through it): every LLDP neighbour is a device of the run or of the base snapshot.
 */
async function refuseDanglingLinks(writer: ImportWriter, links: readonly Link[], label: string): Promise<void> {
  const known = new Set((await writer.deviceKeys()).ids);
  for (const l of links) {
    const missing = [l.a, l.b].find((id) => !known.has(id));
    if (missing !== undefined) throw new InputError(label, undefined, `link ${l.a} – ${l.b} names device ${missing}, which is neither collected nor in the base snapshot: nothing was stored`);
  }
}
