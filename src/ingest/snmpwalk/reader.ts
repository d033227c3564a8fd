// `snmpwalk` text output (net-snmp): one walked agent per file, `OID = TYPE: value` per line, in
// any of the OID forms net-snmp prints (`.1.3.6...` with -On, `iso.3.6...` without MIBs,
// `SNMPv2-MIB::sysDescr.0` with them). The system group, engine ID and interface MACs describe
// the walked device; LLDP-MIB remote rows become neighbour devices and links.
//
// The walked device is named by the file: a file called `192.0.2.1.walk` (an address, any
// extension) is the device 192.0.2.1, as a probe of that address would key it; otherwise it is
// keyed by its sysName, else the file name.
import { basename } from 'node:path';
import { isIP } from 'node:net';
import { InputError, emptyBatch } from '../../model/index.js';
import type { DeviceRecord, ImportBatch } from '../../model/index.js';
import type { ImportReader, ReaderOptions } from '../types.js';
import { TopologyBuilder } from '../lldp/neighbors.js';
import { MAX_FIELD_CHARS, MAX_TEXT_ITEMS } from '../limits.js';
import { readWholeFile } from '../util/read-whole.js';
import { quote } from '../util/values.js';
import { WarningSink } from '../util/warnings.js';

export function snmpwalkReader(file: string, _opts: ReaderOptions): ImportReader {
  return {
    format: 'snmpwalk',
    file,
    async *batches() {
      yield readSnmpwalk(file, await readWholeFile(file));
    },
  };
}

/** Longest value (a multi-line STRING or long Hex-STRING) accepted. */
const MAX_VALUE_CHARS = 64 * 1024;
/** Most lines one value may continue over. */
const MAX_CONTINUATION_LINES = 2000;

/** MIB names net-snmp prints for the objects we read, as numeric OIDs. */
const NAMES: Record<string, string> = {
  'SNMPv2-MIB::sysDescr': '1.3.6.1.2.1.1.1',
  'SNMPv2-MIB::sysObjectID': '1.3.6.1.2.1.1.2',
  'SNMPv2-MIB::sysName': '1.3.6.1.2.1.1.5',
  'RFC1213-MIB::sysDescr': '1.3.6.1.2.1.1.1',
  'RFC1213-MIB::sysObjectID': '1.3.6.1.2.1.1.2',
  'RFC1213-MIB::sysName': '1.3.6.1.2.1.1.5',
  'SNMP-FRAMEWORK-MIB::snmpEngineID': '1.3.6.1.6.3.10.2.1.1',
  'IF-MIB::ifDescr': '1.3.6.1.2.1.2.2.1.2',
  'IF-MIB::ifPhysAddress': '1.3.6.1.2.1.2.2.1.6',
  'RFC1213-MIB::ifPhysAddress': '1.3.6.1.2.1.2.2.1.6',
  'LLDP-MIB::lldpLocChassisIdSubtype': '1.0.8802.1.1.2.1.3.1',
  'LLDP-MIB::lldpLocChassisId': '1.0.8802.1.1.2.1.3.2',
  'LLDP-MIB::lldpLocSysName': '1.0.8802.1.1.2.1.3.3',
  'LLDP-MIB::lldpLocPortId': '1.0.8802.1.1.2.1.3.7.1.3',
  'LLDP-MIB::lldpRemChassisIdSubtype': '1.0.8802.1.1.2.1.4.1.1.4',
  'LLDP-MIB::lldpRemChassisId': '1.0.8802.1.1.2.1.4.1.1.5',
  'LLDP-MIB::lldpRemPortIdSubtype': '1.0.8802.1.1.2.1.4.1.1.6',
  'LLDP-MIB::lldpRemPortId': '1.0.8802.1.1.2.1.4.1.1.7',
  'LLDP-MIB::lldpRemPortDesc': '1.0.8802.1.1.2.1.4.1.1.8',
  'LLDP-MIB::lldpRemSysName': '1.0.8802.1.1.2.1.4.1.1.9',
  'LLDP-MIB::lldpRemSysDesc': '1.0.8802.1.1.2.1.4.1.1.10',
  'LLDP-MIB::lldpRemManAddrIfSubtype': '1.0.8802.1.1.2.1.4.2.1.3',
};
const PREFIXES: [string, string][] = [
  ['SNMPv2-SMI::enterprises.', '1.3.6.1.4.1.'],
  ['SNMPv2-SMI::mib-2.', '1.3.6.1.2.1.'],
  ['SNMPv2-SMI::snmpModules.', '1.3.6.1.6.3.'],
  ['SNMPv2-SMI::internet.', '1.3.6.1.'],
  ['iso.', '1.'],
  ['.', ''],
];

/** Numeric form of an OID as snmpwalk prints it, or undefined for a name we do not know. */
export function numericOid(s: string): string | undefined {
  let t = s.trim();
  for (const [p, r] of PREFIXES) {
    if (t.startsWith(p)) {
      t = r + t.slice(p.length);
      break;
    }
  }
  if (/^\d+(\.\d+)*$/.test(t)) return t;
  const m = /^([A-Za-z][\w-]*::[A-Za-z][\w-]*)((?:\.\d+)*)$/.exec(t);
  if (m && NAMES[m[1]!] !== undefined) return NAMES[m[1]!] + m[2]!;
  return undefined;
}

const LINE = /^(\.?\d+(?:\.\d+)+|iso(?:\.\d+)+|[A-Za-z][\w-]*::[\w.-]+)\s+=\s+(.*)$/;

/** True when `line` looks like one line of snmpwalk output (used by format detection). */
export function isSnmpwalkLine(line: string): boolean {
  return LINE.test(line);
}

interface Entry {
  oid: string | undefined;
  name: string;
  type: string;
  value: string;
  line: number;
  continuation: number;
}

type Value = { kind: 'text'; text: string } | { kind: 'bytes'; bytes: number[] } | { kind: 'number'; n: number } | { kind: 'oid'; oid: string };

function parseValue(e: Entry): Value | undefined {
  const v = e.value;
  switch (e.type) {
    case 'STRING': {
      const s = v.startsWith('"') ? v.slice(1, v.endsWith('"') && v.length > 1 ? -1 : undefined) : v;
      return { kind: 'text', text: s.replace(/\\"/g, '"') };
    }
    case 'Hex-STRING': {
      const bytes = v.trim().split(/\s+/).filter(Boolean).map((h) => parseInt(h, 16));
      if (bytes.some((b) => !Number.isInteger(b) || b < 0 || b > 255)) return undefined;
      return { kind: 'bytes', bytes };
    }
    case 'INTEGER': {
      // "4" or "macAddress(4)"; anchored, since unanchored the pattern is retried at every digit of
      // a long run (a 1 MiB INTEGER value would take hours to refuse).
      const m = /^(?:[^()]*\()?\s*(-?\d+)\)?\s*$/.exec(v);
      return m ? { kind: 'number', n: Number(m[1]) } : undefined;
    }
    case 'OID': {
      const oid = numericOid(v);
      return oid === undefined ? undefined : { kind: 'oid', oid };
    }
    case '':
      return v === '""' ? { kind: 'text', text: '' } : undefined;
    default:
      return { kind: 'text', text: v };
  }
}

const MAC_TEXT = /^[0-9a-fA-F]{1,2}(?::[0-9a-fA-F]{1,2}){5}$/;

function macOfValue(v: Value | undefined): string | undefined {
  if (v?.kind === 'bytes' && v.bytes.length === 6 && v.bytes.some((b) => b !== 0)) return v.bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
  if (v?.kind === 'text' && MAC_TEXT.test(v.text.trim())) return v.text.trim().split(':').map((h) => h.padStart(2, '0').toLowerCase()).join(':');
  return undefined;
}

function textOfValue(v: Value | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (v.kind === 'text') return v.text;
  if (v.kind === 'bytes') {
    const printable = v.bytes.every((b) => b >= 0x20 && b < 0x7f);
    return printable ? String.fromCharCode(...v.bytes) : v.bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
  }
  if (v.kind === 'number') return String(v.n);
  return v.oid;
}

export function readSnmpwalk(file: string, text: string): ImportBatch {
  const entries: Entry[] = [];
  const warnings = new WarningSink(file);
  let cur: Entry | undefined;
  let inQuote = false;
  // Line by line without split: half a gigabyte of short lines would be tens of millions of strings.
  for (let at = 0, lineNo = 1; at <= text.length; lineNo++) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl;
    if (end - at > MAX_FIELD_CHARS) throw new InputError(file, lineNo, `line longer than ${MAX_FIELD_CHARS} characters`);
    const raw = text.slice(at, end).replace(/\r$/, '');
    at = end + 1;
    if (entries.length >= MAX_TEXT_ITEMS) throw new InputError(file, lineNo, `more than ${MAX_TEXT_ITEMS} OIDs in one walk`);
    const m = inQuote ? null : LINE.exec(raw);
    if (m) {
      const rhs = m[2]!;
      const typed = /^([A-Za-z][\w -]*?):\s?(.*)$/.exec(rhs);
      const e: Entry = { oid: numericOid(m[1]!), name: m[1]!, type: typed ? typed[1]! : '', value: typed ? typed[2]! : rhs, line: lineNo, continuation: 0 };
      if (!typed && rhs !== '""') {
        // "No Such Object available ...", "No more variables left in this MIB View ..."
        warnings.warn(lineNo, `${m[1]}: ${rhs.slice(0, 100)}`);
        cur = undefined;
        continue;
      }
      entries.push(e);
      cur = e;
      inQuote = e.type === 'STRING' && e.value.startsWith('"') && !closesQuote(e.value.slice(1));
      continue;
    }
    if (raw.trim() === '' && !inQuote) continue;
    if (cur === undefined) {
      if (/^(Timeout|End of MIB|No Response|Error in packet|snmpwalk:)/i.test(raw.trim())) {
        warnings.warn(lineNo, raw.trim().slice(0, 120));
        continue;
      }
      throw new InputError(file, lineNo, `expected 'OID = TYPE: value' (snmpwalk output), got ${quote(raw)}`);
    }
    // A continuation: the rest of a multi-line STRING, or more octets of a long Hex-STRING.
    if (++cur.continuation > MAX_CONTINUATION_LINES || cur.value.length + raw.length > MAX_VALUE_CHARS) {
      throw new InputError(file, cur.line, `value of ${quote(cur.name)} runs over more than ${MAX_CONTINUATION_LINES} lines or ${MAX_VALUE_CHARS} characters`);
    }
    cur.value += cur.type === 'Hex-STRING' ? ` ${raw}` : `\n${raw}`;
    if (inQuote && closesQuote(raw)) inQuote = false;
  }
  if (inQuote && cur) throw new InputError(file, cur.line, `unterminated quoted STRING of ${quote(cur.name)} (truncated?)`);
  if (entries.length === 0) throw new InputError(file, 1, 'no snmpwalk lines (OID = TYPE: value) found');
  return toBatch(file, entries, warnings);
}

function closesQuote(s: string): boolean {
  // An unescaped closing quote at the end of the text.
  const t = s.trimEnd();
  return t.endsWith('"') && !t.endsWith('\\"');
}

function toBatch(file: string, entries: Entry[], warnings: WarningSink): ImportBatch {
  const batch = emptyBatch('snmpwalk', file);
  const get = new Map<string, Entry>();
  for (const e of entries) if (e.oid !== undefined && !get.has(e.oid)) get.set(e.oid, e);
  const val = (oid: string) => {
    const e = get.get(oid);
    return e === undefined ? undefined : parseValue(e);
  };
  const device = systemDevice(file, entries, get, val);
  const engineId = engineIdOf(get.get(ENGINE_ID_OID), warnings);
  if (engineId !== undefined) device.raw.engineId = engineId;
  const t = walkTables(entries);
  const locChassis = val('1.0.8802.1.1.2.1.3.2.0');
  const locMac = macOfValue(locChassis);
  const mac = locMac ?? t.ifMacs.find((m) => (parseInt(m.slice(0, 2), 16) & 3) === 0);
  if (mac) device.raw.mac = mac;
  if (t.ifMacs.length > 0) device.extra['interface_macs'] = t.ifMacs.slice(0, 64).join(' ');
  const b = new TopologyBuilder();
  b.addDevice(device);
  addLldpNeighbours(b, device.id, t, file, warnings);
  batch.devices = [...b.devices.values()];
  batch.links = b.links;
  batch.meta['oids'] = entries.length;
  batch.warnings = warnings.take(true);
  return batch;
}

/** The walked device from the system group: keyed by the file's address stem, else sysName, else the stem. */
function systemDevice(file: string, entries: readonly Entry[], get: ReadonlyMap<string, Entry>, val: (oid: string) => ReturnType<typeof parseValue> | undefined): DeviceRecord {
  const sysDescr = textOfValue(val('1.3.6.1.2.1.1.1.0'));
  const sysObj = val('1.3.6.1.2.1.1.2.0');
  const sysName = textOfValue(val('1.3.6.1.2.1.1.5.0'))?.trim();
  const stem = basename(file).replace(/\.(txt|walk|snmpwalk|out|log)$/i, '');
  const id = isIP(stem) ? stem : sysName || stem;
  const first = entries[0]!.line;
  const device: DeviceRecord = { id, raw: {}, extra: { walked: 'true' }, source: { file, line: get.get('1.3.6.1.2.1.1.1.0')?.line ?? first } };
  if (sysName) device.name = sysName;
  if (sysDescr) device.raw.sysDescr = sysDescr.slice(0, 4096);
  if (sysObj?.kind === 'oid') device.raw.sysObjectId = sysObj.oid;
  return device;
}

const ENGINE_ID_OID = '1.3.6.1.6.3.10.2.1.1.0';

/**
 * The engine ID as hex, or undefined with a warning at its line when it is not octets: net-snmp
 * prints it as a Hex-STRING, so anything else is a damaged or edited walk, and dropping it
 * silently would hide evidence (and pass --strict).
 */
function engineIdOf(e: Entry | undefined, warnings: WarningSink): string | undefined {
  if (e === undefined) return undefined;
  const v = parseValue(e);
  if (v?.kind === 'bytes' && v.bytes.length > 0) return v.bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  const shown = e.type === '' ? quote(e.value) : `${e.type} ${quote(e.value.trim())}`;
  const why = e.type === 'Hex-STRING' ? 'is not hexadecimal octets' : 'is not a Hex-STRING';
  warnings.warn(e.line, `snmpEngineID ${shown} ${why}; engine ID dropped`);
  return undefined;
}

/** Interface MACs and the LLDP tables: remote rows by `timeMark.index`, their management addresses, local port names. */
interface WalkTables {
  ifMacs: string[];
  rem: Map<string, Map<number, Entry>>;
  manAddr: Map<string, string[]>;
  localPorts: Map<number, string>;
}

function walkTables(entries: readonly Entry[]): WalkTables {
  const ifMacs: string[] = [];
  const rem = new Map<string, Map<number, Entry>>();
  const manAddr = new Map<string, string[]>();
  const localPorts = new Map<number, string>();
  for (const e of entries) {
    const o = e.oid;
    if (o === undefined) continue;
    if (o.startsWith('1.3.6.1.2.1.2.2.1.6.')) {
      const mac = macOfValue(parseValue(e));
      if (mac !== undefined && ifMacs.length < 256) ifMacs.push(mac);
    } else if (o.startsWith('1.0.8802.1.1.2.1.3.7.1.3.')) {
      const port = Number(o.slice('1.0.8802.1.1.2.1.3.7.1.3.'.length));
      const t = textOfValue(parseValue(e));
      if (Number.isInteger(port) && t !== undefined) localPorts.set(port, t);
    } else if (o.startsWith('1.0.8802.1.1.2.1.4.1.1.')) {
      const idx = o.slice('1.0.8802.1.1.2.1.4.1.1.'.length).split('.').map(Number);
      if (idx.length !== 4) continue;
      const key = `${idx[2]}.${idx[3]}`;
      let row = rem.get(key);
      if (row === undefined) {
        if (rem.size >= 100_000) continue;
        rem.set(key, (row = new Map()));
      }
      row.set(idx[0]!, e);
    } else if (o.startsWith('1.0.8802.1.1.2.1.4.2.1.')) {
      const idx = o.slice('1.0.8802.1.1.2.1.4.2.1.'.length).split('.').map(Number);
      // column . timeMark . localPort . index . subtype . len . octets
      if (idx.length >= 7 && idx[4] === 1 && idx[5] === 4 && idx.length === 10) {
        const key = `${idx[2]}.${idx[3]}`;
        const list = manAddr.get(key) ?? [];
        const a = idx.slice(6).join('.');
        if (!list.includes(a) && list.length < 8) list.push(a);
        manAddr.set(key, list);
      }
    }
  }
  return { ifMacs, rem, manAddr, localPorts };
}

/** One neighbour (device and link) per LLDP remote row; a row naming nobody is a warning. */
function addLldpNeighbours(b: TopologyBuilder, id: string, t: WalkTables, file: string, warnings: WarningSink): void {
  for (const [key, row] of t.rem) {
    const col = (c: number) => {
      const e = row.get(c);
      return e === undefined ? undefined : parseValue(e);
    };
    const localPort = Number(key.split('.')[0]);
    const chassisSub = col(4);
    const chassisVal = col(5);
    const chassisIsMac = chassisSub?.kind === 'number' && chassisSub.n === 4;
    const chassisId = chassisIsMac ? (macOfValue(chassisVal) ?? textOfValue(chassisVal)) : textOfValue(chassisVal);
    const line = Math.min(...[...row.values()].map((e) => e.line));
    const n = {
      localId: id,
      localPort: t.localPorts.get(localPort) ?? String(localPort),
      chassisIsMac,
      managementAddresses: t.manAddr.get(key) ?? [],
      ...opt('chassisId', chassisId),
      ...opt('portId', textOfValue(col(7))),
      ...opt('portDesc', textOfValue(col(8))),
      ...opt('sysName', textOfValue(col(9))),
      ...opt('sysDesc', textOfValue(col(10))),
    };
    if (b.addNeighbor(n, { file, line }) === undefined) warnings.warn(line, `LLDP neighbour on local port ${localPort} has no chassis ID, name or address; skipped`);
  }
}

function opt<K extends string>(k: K, v: string | undefined): { [P in K]?: string } {
  return (v === undefined || v.trim() === '' ? {} : { [k]: v }) as { [P in K]?: string };
}
