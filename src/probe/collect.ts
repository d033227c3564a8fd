// Authenticated SNMP collection (v2c or v3, through the `net-snmp` package): the system group,
// the engine ID, interface MACs and the LLDP-MIB local and remote tables of each target. Every
// walk is bounded (maxRows), every value is clipped, and a failing table is an error string on
// the result, never an exception: one bad agent does not spoil a collection run.
import snmp from 'net-snmp';
import { bigIntToIpv6, type ProbeTarget } from './targets.js';
import { formatEndpoint } from './interpret.js';

export const OIDS = {
  sysDescr: '1.3.6.1.2.1.1.1.0',
  sysObjectID: '1.3.6.1.2.1.1.2.0',
  sysName: '1.3.6.1.2.1.1.5.0',
  snmpEngineID: '1.3.6.1.6.3.10.2.1.1.0',
  ifDescr: '1.3.6.1.2.1.2.2.1.2',
  ifPhysAddress: '1.3.6.1.2.1.2.2.1.6',
  lldpLocChassisIdSubtype: '1.0.8802.1.1.2.1.3.1.0',
  lldpLocChassisId: '1.0.8802.1.1.2.1.3.2.0',
  lldpLocSysName: '1.0.8802.1.1.2.1.3.3.0',
  lldpLocPortTable: '1.0.8802.1.1.2.1.3.7.1',
  lldpRemTable: '1.0.8802.1.1.2.1.4.1.1',
  lldpRemManAddrTable: '1.0.8802.1.1.2.1.4.2.1',
} as const;

export type SnmpCredentials =
  | { version: '2c'; community: string }
  | {
      version: '3';
      user: string;
      level: 'noAuthNoPriv' | 'authNoPriv' | 'authPriv';
      authProtocol?: 'md5' | 'sha' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
      authKey?: string;
      privProtocol?: 'des' | 'aes' | 'aes256b' | 'aes256r';
      privKey?: string;
      context?: string;
    };

export interface CollectOptions {
  timeoutMs?: number;
  retries?: number;
  /** Most rows read from one table walk. Default 10000. */
  maxRows?: number;
}

export interface LldpNeighbor {
  localPort: number;
  localPortId?: string;
  localPortDesc?: string;
  remIndex: number;
  chassisIdSubtype?: number;
  /** A MAC in colon form when the subtype is macAddress(4), else text or hex. */
  chassisId?: string;
  portIdSubtype?: number;
  portId?: string;
  portDesc?: string;
  sysName?: string;
  sysDesc?: string;
  managementAddresses: string[];
}

export interface Collected {
  address: string;
  port: number;
  /** What the user wrote that led here. */
  target: string;
  time: string;
  version: '2c' | '3';
  ok: boolean;
  sysDescr?: string;
  sysObjectId?: string;
  sysName?: string;
  engineId?: string;
  interfaces: { index: number; descr?: string; mac: string }[];
  lldpLocalChassisId?: string;
  lldpLocalSysName?: string;
  neighbors: LldpNeighbor[];
  errors: string[];
}

const MAX_TEXT = 4096;
const MAX_NEIGHBOR_ADDRESSES = 8;

function isBuffer(v: unknown): v is Buffer {
  return Buffer.isBuffer(v);
}

/** An OCTET STRING as text when it is printable UTF-8, else as colon hex. */
export function octetText(b: Buffer): string {
  const clipped = b.subarray(0, MAX_TEXT);
  const s = clipped.toString('utf8');
  // eslint-disable-next-line no-control-regex
  if (!s.includes('\uFFFD') && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s)) return s.replace(/\u0000+$/, '');
  return hexColon(clipped);
}

export function hexColon(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(':');
}

function valueText(v: unknown): string | undefined {
  if (isBuffer(v)) return octetText(v);
  if (typeof v === 'string') return v.slice(0, MAX_TEXT);
  if (typeof v === 'number') return String(v);
  return undefined;
}

function valueNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function macOf(v: unknown): string | undefined {
  if (!isBuffer(v) || v.length !== 6) return undefined;
  if (v.every((x) => x === 0)) return undefined;
  return hexColon(v);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function openSession(t: ProbeTarget, creds: SnmpCredentials, opts: CollectOptions): snmp.Session {
  const options: snmp.SessionOptions = {
    port: t.port,
    retries: opts.retries ?? 1,
    timeout: opts.timeoutMs ?? 3000,
    transport: t.family === 6 ? 'udp6' : 'udp4',
  };
  if (creds.version === '2c') return snmp.createSession(t.address, creds.community, { ...options, version: snmp.Version2c });
  const user: snmp.User = { name: creds.user, level: snmp.SecurityLevel[creds.level] };
  if (creds.level !== 'noAuthNoPriv') {
    if (!creds.authKey) throw new Error('SNMPv3 authNoPriv/authPriv needs an auth key');
    user.authProtocol = snmp.AuthProtocols[creds.authProtocol ?? 'sha'];
    user.authKey = creds.authKey;
  }
  if (creds.level === 'authPriv') {
    if (!creds.privKey) throw new Error('SNMPv3 authPriv needs a privacy key');
    user.privProtocol = snmp.PrivProtocols[creds.privProtocol ?? 'aes'];
    user.privKey = creds.privKey;
  }
  return snmp.createV3Session(t.address, user, { ...options, version: snmp.Version3, context: creds.context ?? '' });
}

function get(session: snmp.Session, oids: string[]): Promise<Map<string, unknown>> {
  return new Promise((resolve, reject) => {
    session.get(oids, (err, vbs) => {
      if (err) return reject(err);
      const out = new Map<string, unknown>();
      for (const vb of vbs) if (!snmp.isVarbindError(vb)) out.set(vb.oid, vb.value);
      resolve(out);
    });
  });
}

/** Walks a subtree; returns (index suffix after `base`, value) rows, at most maxRows. */
function walk(session: snmp.Session, base: string, maxRows: number): Promise<{ rows: [number[], unknown][]; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const rows: [number[], unknown][] = [];
    let truncated = false;
    const prefix = `${base}.`;
    session.subtree(
      base,
      20,
      (vbs) => {
        for (const vb of vbs) {
          if (snmp.isVarbindError(vb) || !vb.oid.startsWith(prefix)) continue;
          if (rows.length >= maxRows) {
            truncated = true;
            return true;
          }
          const suffix = vb.oid.slice(prefix.length).split('.').map(Number);
          if (suffix.some((n) => !Number.isFinite(n))) continue;
          rows.push([suffix, vb.value]);
        }
        return false;
      },
      (err) => (err ? reject(err) : resolve({ rows, truncated })),
    );
  });
}

/** Collects one target. Never throws for agent or network trouble: see `ok` and `errors`. */
export async function collectSnmp(t: ProbeTarget, creds: SnmpCredentials, opts: CollectOptions = {}): Promise<Collected> {
  const maxRows = opts.maxRows ?? 10_000;
  const c: Collected = { address: t.address, port: t.port, target: t.spec, time: new Date().toISOString(), version: creds.version, ok: false, interfaces: [], neighbors: [], errors: [] };
  let session: snmp.Session;
  try {
    session = openSession(t, creds, opts);
  } catch (e) {
    c.errors.push(errorText(e));
    return c;
  }
  session.on('error', (e) => c.errors.push(`session: ${errorText(e)}`));
  try {
    let sys: Map<string, unknown>;
    try {
      sys = await get(session, [OIDS.sysDescr, OIDS.sysObjectID, OIDS.sysName]);
    } catch (e) {
      c.errors.push(`system group: ${errorText(e)}`);
      return c;
    }
    c.ok = true;
    const descr = valueText(sys.get(OIDS.sysDescr));
    if (descr) c.sysDescr = descr;
    const oid = sys.get(OIDS.sysObjectID);
    if (typeof oid === 'string' && /^[\d.]{1,512}$/.test(oid)) c.sysObjectId = oid;
    const name = valueText(sys.get(OIDS.sysName));
    if (name) c.sysName = name;
    // The rest is optional: a part that fails is an error note, and the next part is still asked.
    const optional = async (what: string, f: () => Promise<void>) => {
      try {
        await f();
      } catch (e) {
        c.errors.push(`${what}: ${errorText(e)}`);
      }
    };
    await optional('snmpEngineID', async () => {
      const v = (await get(session, [OIDS.snmpEngineID])).get(OIDS.snmpEngineID);
      if (isBuffer(v) && v.length > 0 && v.length <= 32) c.engineId = v.toString('hex');
    });
    await optional('interfaces', () => collectInterfaces(session, c, maxRows));
    await optional('LLDP local system', () => collectLldpLocal(session, c));
    await optional('LLDP remote table', () => collectLldpRemote(session, c, maxRows));
  } finally {
    session.close();
  }
  return c;
}

/** ifDescr and ifPhysAddress: one entry per interface with a MAC. */
async function collectInterfaces(session: snmp.Session, c: Collected, maxRows: number): Promise<void> {
  const descrs = new Map<number, string>();
  const d = await walk(session, OIDS.ifDescr, maxRows);
  for (const [idx, v] of d.rows) {
    const s = valueText(v);
    if (idx.length === 1 && s !== undefined) descrs.set(idx[0]!, s);
  }
  const m = await walk(session, OIDS.ifPhysAddress, maxRows);
  for (const [idx, v] of m.rows) {
    const mac = macOf(v);
    if (idx.length !== 1 || mac === undefined) continue;
    const entry: Collected['interfaces'][number] = { index: idx[0]!, mac };
    const ds = descrs.get(idx[0]!);
    if (ds !== undefined) entry.descr = ds;
    c.interfaces.push(entry);
  }
  if (d.truncated || m.truncated) c.errors.push(`interfaces: more than ${maxRows} rows, rest ignored`);
}

async function collectLldpLocal(session: snmp.Session, c: Collected): Promise<void> {
  const loc = await get(session, [OIDS.lldpLocChassisIdSubtype, OIDS.lldpLocChassisId, OIDS.lldpLocSysName]);
  const sub = valueNumber(loc.get(OIDS.lldpLocChassisIdSubtype));
  const id = loc.get(OIDS.lldpLocChassisId);
  if (isBuffer(id) && id.length > 0) c.lldpLocalChassisId = sub === 4 && id.length === 6 ? hexColon(id) : octetText(id);
  const ln = valueText(loc.get(OIDS.lldpLocSysName));
  if (ln) c.lldpLocalSysName = ln;
}

/** The LLDP neighbours: local port names, remote rows, then their management addresses. */
async function collectLldpRemote(session: snmp.Session, c: Collected, maxRows: number): Promise<void> {
  const localPorts = await lldpLocalPorts(session, maxRows);
  const rem = await walk(session, OIDS.lldpRemTable, maxRows);
  const byKey = lldpNeighbours(rem.rows, localPorts, maxRows);
  const man = await walk(session, OIDS.lldpRemManAddrTable, maxRows);
  addManagementAddresses(man.rows, byKey);
  c.neighbors = [...byKey.values()];
  if (rem.truncated) c.errors.push(`LLDP remote table: more than ${maxRows} rows, rest ignored`);
}

async function lldpLocalPorts(session: snmp.Session, maxRows: number): Promise<Map<number, { id?: string; desc?: string }>> {
  const localPorts = new Map<number, { id?: string; desc?: string }>();
  const lp = await walk(session, OIDS.lldpLocPortTable, maxRows);
  for (const [idx, v] of lp.rows) {
    if (idx.length !== 2) continue;
    const [col, port] = idx as [number, number];
    const e = localPorts.get(port) ?? {};
    if (col === 3) {
      const s = valueText(v);
      if (s !== undefined) e.id = s;
    } else if (col === 4) {
      const s = valueText(v);
      if (s !== undefined) e.desc = s;
    }
    localPorts.set(port, e);
  }
  return localPorts;
}

/** Remote table rows gathered per neighbour (`localPort.remIndex`), at most maxRows neighbours. */
function lldpNeighbours(rows: readonly [number[], unknown][], localPorts: ReadonlyMap<number, { id?: string; desc?: string }>, maxRows: number): Map<string, LldpNeighbor> {
  const byKey = new Map<string, LldpNeighbor>();
  for (const [idx, v] of rows) {
    // column . timeMark . localPortNum . index
    if (idx.length !== 4) continue;
    const [col, , localPort, remIndex] = idx as [number, number, number, number];
    const key = `${localPort}.${remIndex}`;
    let n = byKey.get(key);
    if (n === undefined) {
      if (byKey.size >= maxRows) continue;
      n = { localPort, remIndex, managementAddresses: [] };
      const l = localPorts.get(localPort);
      if (l?.id !== undefined) n.localPortId = l.id;
      if (l?.desc !== undefined) n.localPortDesc = l.desc;
      byKey.set(key, n);
    }
    switch (col) {
      case 4: { const x = valueNumber(v); if (x !== undefined) n.chassisIdSubtype = x; break; }
      case 5: if (isBuffer(v)) n.chassisId = v.length === 6 ? hexColon(v) : octetText(v); break;
      case 6: { const x = valueNumber(v); if (x !== undefined) n.portIdSubtype = x; break; }
      case 7: if (isBuffer(v)) n.portId = v.length === 6 ? hexColon(v) : octetText(v); break;
      case 8: { const s = valueText(v); if (s) n.portDesc = s; break; }
      case 9: { const s = valueText(v); if (s) n.sysName = s; break; }
      case 10: { const s = valueText(v); if (s) n.sysDesc = s; break; }
    }
  }
  return byKey;
}

/** IPv4 and IPv6 management addresses from the index of lldpRemManAddrTable rows. */
function addManagementAddresses(rows: readonly [number[], unknown][], byKey: ReadonlyMap<string, LldpNeighbor>): void {
  for (const [idx] of rows) {
    // column . timeMark . localPortNum . index . addrSubtype . addrLen . addr...
    if (idx.length < 7) continue;
    const [, , localPort, remIndex, subtype, len] = idx as [number, number, number, number, number, number];
    const bytes = idx.slice(6);
    const n = byKey.get(`${localPort}.${remIndex}`);
    if (n === undefined || bytes.length !== len || n.managementAddresses.length >= MAX_NEIGHBOR_ADDRESSES) continue;
    let a: string | undefined;
    if (subtype === 1 && len === 4 && bytes.every((b) => b >= 0 && b <= 255)) a = bytes.join('.');
    else if (subtype === 2 && len === 16 && bytes.every((b) => b >= 0 && b <= 255)) {
      let v = 0n;
      for (const x of bytes) v = (v << 8n) | BigInt(x);
      a = bigIntToIpv6(v);
    }
    if (a !== undefined && !n.managementAddresses.includes(a)) n.managementAddresses.push(a);
  }
}

/** Collects targets with at most `concurrency` sessions open at once, yielding in completion order. */
export async function* collectTargets(
  targets: AsyncIterable<ProbeTarget | { spec: string; error: string }>,
  creds: SnmpCredentials,
  opts: CollectOptions & { concurrency?: number } = {},
): AsyncGenerator<Collected> {
  const limit = Math.max(1, opts.concurrency ?? 16);
  const running = new Map<number, Promise<{ id: number; c: Collected }>>();
  let nextId = 0;
  for await (const t of targets) {
    if ('error' in t) {
      yield { address: '', port: 0, target: t.spec, time: new Date().toISOString(), version: creds.version, ok: false, interfaces: [], neighbors: [], errors: [t.error] };
      continue;
    }
    const id = nextId++;
    running.set(id, collectSnmp(t, creds, opts).then((c) => ({ id, c })));
    if (running.size >= limit) {
      const done = await Promise.race(running.values());
      running.delete(done.id);
      yield done.c;
    }
  }
  while (running.size > 0) {
    const done = await Promise.race(running.values());
    running.delete(done.id);
    yield done.c;
  }
}

export function endpointId(address: string, port: number): string {
  return port === 161 ? address : formatEndpoint(address, port);
}
