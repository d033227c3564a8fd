// Collected SNMP data → device records and links for the store. The collected device is keyed by
// the address it was reached at (as probe results are); LLDP neighbours by their management
// address, else their chassis ID, and are resolved to a collected device when one matches.
import { TopologyBuilder } from '../ingest/lldp/neighbors.js';
import type { DeviceRecord, Link, SourceRef } from '../model/index.js';
import { endpointId, type Collected } from './collect.js';

export const COLLECT_SOURCE = 'snmp-collect';

function isUsableMac(mac: string): boolean {
  const first = parseInt(mac.slice(0, 2), 16);
  return (first & 0x03) === 0; // universally administered, unicast: the only kind an OUI names
}

export function collectedSource(c: Collected): SourceRef {
  return { probe: `${COLLECT_SOURCE} v${c.version}`, address: endpointId(c.address, c.port), time: c.time };
}

export function collectedDeviceRecord(c: Collected): DeviceRecord {
  const id = endpointId(c.address, c.port);
  const d: DeviceRecord = { id, raw: {}, extra: { address: c.address, probe: COLLECT_SOURCE }, source: collectedSource(c) };
  if (c.sysName) d.name = c.sysName;
  if (c.sysDescr) d.raw.sysDescr = c.sysDescr;
  if (c.sysObjectId) d.raw.sysObjectId = c.sysObjectId;
  if (c.engineId) d.raw.engineId = c.engineId;
  const lldpMac = c.lldpLocalChassisId && /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(c.lldpLocalChassisId) ? c.lldpLocalChassisId : undefined;
  const mac = lldpMac ?? c.interfaces.find((i) => isUsableMac(i.mac))?.mac;
  if (mac) d.raw.mac = mac;
  if (c.interfaces.length > 0) d.extra['interface_macs'] = c.interfaces.slice(0, 64).map((i) => i.mac).join(' ');
  if (c.lldpLocalChassisId) d.extra['lldp_chassis_id'] = c.lldpLocalChassisId;
  if (c.target !== c.address) d.extra['target'] = c.target;
  return d;
}

/** Devices (collected ones first) and LLDP links of a collection run; failed targets are skipped. */
export function collectedToTopology(all: readonly Collected[]): { devices: DeviceRecord[]; links: Link[] } {
  const b = new TopologyBuilder();
  const ok = all.filter((c) => c.ok);
  // Names by which a collected device may be seen from its neighbours.
  const alias = new Map<string, string>();
  for (const c of ok) {
    const d = collectedDeviceRecord(c);
    b.addDevice(d);
    if (c.lldpLocalChassisId) alias.set(`lldp:${c.lldpLocalChassisId.toLowerCase()}`, d.id);
    for (const i of c.interfaces) alias.set(`lldp:${i.mac}`, d.id);
    alias.set(c.address, d.id);
  }
  for (const c of ok) {
    const localId = endpointId(c.address, c.port);
    const src = collectedSource(c);
    for (const n of c.neighbors) {
      const input = {
        localId,
        chassisIsMac: n.chassisIdSubtype === 4,
        managementAddresses: n.managementAddresses,
        ...(n.localPortId !== undefined ? { localPort: n.localPortId } : { localPort: String(n.localPort) }),
        ...(n.chassisId !== undefined ? { chassisId: n.chassisId } : {}),
        ...(n.portId !== undefined ? { portId: n.portId } : {}),
        ...(n.portDesc !== undefined ? { portDesc: n.portDesc } : {}),
        ...(n.sysName !== undefined ? { sysName: n.sysName } : {}),
        ...(n.sysDesc !== undefined ? { sysDesc: n.sysDesc } : {}),
      };
      const known = [...n.managementAddresses, n.chassisId ? `lldp:${n.chassisId.toLowerCase()}` : ''].map((k) => alias.get(k)).find((x) => x !== undefined);
      if (known !== undefined) {
        const extra: Record<string, string> = { via: 'lldp', a_port: input.localPort };
        if (n.portId !== undefined) extra['b_port'] = n.portId;
        b.addLink(localId, known, extra, src);
      } else b.addNeighbor(input, src);
    }
  }
  return { devices: [...b.devices.values()], links: b.links };
}
