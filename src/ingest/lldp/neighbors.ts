// LLDP neighbours → devices and links, shared by every source of LLDP data (lldpcli JSON,
// snmpwalk of LLDP-MIB, live SNMP collection). A neighbour is keyed by its management address
// when it advertises one (the same key probes and collections use), else by its chassis ID.
import type { DeviceRecord, Link, SourceRef } from '../../model/index.js';

export interface LldpNeighborInput {
  /** Id of the device that saw the neighbour. */
  localId: string;
  localPort?: string;
  /** true when the chassis ID is a MAC address (subtype macAddress). */
  chassisIsMac?: boolean;
  chassisId?: string;
  portId?: string;
  portDesc?: string;
  sysName?: string;
  sysDesc?: string;
  managementAddresses?: readonly string[];
  capabilities?: readonly string[];
}

const MAX_TEXT = 4096;

function clip(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  return t === '' ? undefined : t.length > MAX_TEXT ? t.slice(0, MAX_TEXT) : t;
}

/** The device id a neighbour gets, or undefined when it names itself in no usable way. */
export function lldpNeighborId(n: LldpNeighborInput): string | undefined {
  const addr = n.managementAddresses?.find((a) => a.trim() !== '');
  if (addr !== undefined) return addr.trim();
  const chassis = clip(n.chassisId);
  if (chassis !== undefined) return `lldp:${chassis.toLowerCase()}`;
  const name = clip(n.sysName);
  return name === undefined ? undefined : `lldp-name:${name}`;
}

/** The neighbour as a device record: LLDP system description and chassis MAC as raw evidence. */
export function lldpNeighborRecord(id: string, n: LldpNeighborInput, source: SourceRef): DeviceRecord {
  const d: DeviceRecord = { id, raw: {}, extra: { seen_via: 'lldp', seen_by: n.localId }, source };
  const name = clip(n.sysName);
  if (name !== undefined) d.name = name;
  const desc = clip(n.sysDesc);
  const chassis = clip(n.chassisId);
  if (desc !== undefined) d.raw.lldp = desc;
  else if (chassis !== undefined) d.raw.lldp = chassis;
  if (chassis !== undefined) {
    if (n.chassisIsMac) d.raw.mac = chassis;
    d.extra['lldp_chassis_id'] = chassis;
  }
  if (n.managementAddresses && n.managementAddresses.length > 0) d.extra['management_addresses'] = n.managementAddresses.slice(0, 8).join(' ');
  if (n.capabilities && n.capabilities.length > 0) d.extra['capabilities'] = n.capabilities.slice(0, 16).join(' ');
  return d;
}

/**
 * Collects devices and links from several observations: a device seen twice is kept once (the
 * first record wins, later ones only fill in a missing name), and a link reported from both of
 * its ends is kept once.
 */
export class TopologyBuilder {
  readonly devices = new Map<string, DeviceRecord>();
  readonly links: Link[] = [];
  private readonly linkKeys = new Set<string>();

  addDevice(d: DeviceRecord): void {
    const prev = this.devices.get(d.id);
    if (prev === undefined) {
      this.devices.set(d.id, d);
      return;
    }
    if (prev.name === undefined && d.name !== undefined) prev.name = d.name;
    for (const [k, v] of Object.entries(d.raw) as [keyof DeviceRecord['raw'], string | undefined][]) {
      if (v !== undefined && prev.raw[k] === undefined) prev.raw[k] = v;
    }
  }

  /** Adds a neighbour (device and link from the local device); returns its id, if it has one. */
  addNeighbor(n: LldpNeighborInput, source: SourceRef): string | undefined {
    const id = lldpNeighborId(n);
    if (id === undefined) return undefined;
    this.addDevice(lldpNeighborRecord(id, n, source));
    const extra: Record<string, string> = { via: 'lldp' };
    const lp = clip(n.localPort);
    const rp = clip(n.portId);
    if (lp !== undefined) extra['a_port'] = lp;
    if (rp !== undefined) extra['b_port'] = rp;
    const pd = clip(n.portDesc);
    if (pd !== undefined) extra['b_port_descr'] = pd;
    this.addLink(n.localId, id, extra, source);
    return id;
  }

  addLink(a: string, b: string, extra: Record<string, string>, source: SourceRef): void {
    const pa = extra['a_port'] ?? '';
    const pb = extra['b_port'] ?? '';
    const key = a < b ? `${a}\u0000${pa}\u0000${b}\u0000${pb}` : `${b}\u0000${pb}\u0000${a}\u0000${pa}`;
    // The far end often reports no port we can match; fall back to the device pair.
    const pairKey = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    if (this.linkKeys.has(key) || (this.linkKeys.has(`pair:${pairKey}`) && (pa === '' || pb === ''))) return;
    this.linkKeys.add(key);
    this.linkKeys.add(`pair:${pairKey}`);
    this.links.push({ a, b, metric: 1, extra, source });
  }
}
