// A discovery outcome → what it says about the device: the engine ID parsed by the identify stage
// (enterprise, format, embedded MAC and the MAC's OUI vendor), the attribution with its conflicts,
// boots and time, and the estimated last reboot.
import { combineEvidence, engineIdFindings, parseEngineId, type IdentifyContext } from '../identify/index.js';
import type { Conflict, DeviceRecord, Evidence, SourceRef } from '../model/index.js';
import { toHex } from './ber.js';
import type { ProbeOutcome, ProbeStatus } from './prober.js';
import { USM_STATS_UNKNOWN_ENGINE_IDS } from './snmpv3.js';

export const PROBE_SOURCE = 'snmpv3-discovery';

/** One line of `probe snmp --json`. */
export interface ProbeResult {
  address: string;
  port: number;
  /** What the user wrote that led here (host name, range...). */
  target: string;
  status: ProbeStatus;
  time: string;
  attempts: number;
  rttMs?: number;
  error?: string;
  /** Engine ID as lowercase hex. */
  engineId?: string;
  engineIdValid?: boolean;
  engineIdProblem?: string;
  enterprise?: number;
  registrant?: string;
  format?: string;
  formatByte?: number | null;
  mac?: string;
  /** Organisation of the embedded MAC in the IEEE registry. */
  macOrg?: string | null;
  /** Catalog slug the embedded MAC's OUI names (null: not a catalog vendor). */
  macVendor?: string | null;
  engineIdText?: string;
  engineIdIpv4?: string;
  engineIdIpv6?: string;
  /** Catalog slug of the attributed vendor, or null. */
  vendor?: string | null;
  confidence?: number;
  engineBoots?: number;
  engineTime?: number;
  /** time − engineTime, when engineTime is plausible. */
  lastReboot?: string;
  /** usmStatsUnknownEngineIDs as reported (the probe itself increments it). */
  unknownEngineIds?: string;
  conflicts?: Conflict[];
  evidence?: Evidence[];
  rawHex?: string;
}

const MAX_ENGINE_TIME = 0x7fffffff;

/** Turns one prober outcome into a result: pure, no I/O. */
export function interpretOutcome(o: ProbeOutcome, ctx: IdentifyContext): ProbeResult {
  const t = o.target;
  const r: ProbeResult = { address: t.address, port: t.port, target: t.spec, status: o.status, time: o.time.toISOString(), attempts: o.attempts };
  if (o.rttMs !== undefined) r.rttMs = o.rttMs;
  if (o.error !== undefined) r.error = o.error;
  if (o.rawHex !== undefined) r.rawHex = o.rawHex;
  const reply = o.reply;
  if (reply === undefined) return r;
  r.engineBoots = reply.engineBoots;
  r.engineTime = reply.engineTime;
  if (reply.engineTime >= 0 && reply.engineTime <= MAX_ENGINE_TIME) {
    r.lastReboot = new Date(o.time.getTime() - reply.engineTime * 1000).toISOString();
  }
  const counter = reply.pdu?.varbinds.find((v) => v.oid === USM_STATS_UNKNOWN_ENGINE_IDS);
  if (counter && (counter.value.type === 'counter32' || counter.value.type === 'gauge32')) r.unknownEngineIds = String(counter.value.value);
  if (reply.engineId.length === 0) {
    r.engineId = '';
    r.engineIdValid = false;
    r.engineIdProblem = 'the agent reported an empty engine ID';
    return r;
  }
  const hex = toHex(reply.engineId.subarray(0, 64));
  r.engineId = hex;
  const parsed = parseEngineId(hex);
  if (!parsed.ok) {
    r.engineIdValid = false;
    r.engineIdProblem = parsed.error;
    if (parsed.enterprise !== undefined) r.enterprise = parsed.enterprise;
  } else {
    const e = parsed.value;
    r.engineIdValid = true;
    r.enterprise = e.enterprise;
    r.format = e.format;
    r.formatByte = e.formatByte;
    if (e.mac) {
      r.mac = e.mac.mac;
      r.macOrg = ctx.oui.match(e.mac.hi24, e.mac.lo24)?.org ?? null;
    }
    if (e.text !== undefined) r.engineIdText = e.text;
    if (e.ipv4 !== undefined) r.engineIdIpv4 = e.ipv4;
    if (e.ipv6 !== undefined) r.engineIdIpv6 = e.ipv6;
  }
  const pen = r.enterprise === undefined ? undefined : ctx.catalog.pens.get(r.enterprise);
  if (pen !== undefined) r.registrant = pen.kind === 'vendor' ? pen.pen.registrant : pen.entry.registrant;
  const source = sourceOf(r);
  const evidence: Evidence[] = engineIdFindings(hex, ctx).map((f) => ({ ...f, source }));
  if (r.mac !== undefined) {
    const macEv = evidence.find((e) => e.detail?.startsWith(`MAC ${r.mac}`));
    r.macVendor = macEv?.vendor ?? null;
  }
  const a = combineEvidence(evidence);
  r.vendor = a.vendor;
  r.confidence = a.confidence;
  r.conflicts = a.conflicts;
  r.evidence = a.evidence;
  return r;
}

export function sourceOf(r: Pick<ProbeResult, 'address' | 'port' | 'time'>): SourceRef {
  return { probe: PROBE_SOURCE, address: r.port === 161 ? r.address : formatEndpoint(r.address, r.port), time: r.time };
}

export function formatEndpoint(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/**
 * A replying target as a device record for the store: keyed by its address (and port when not
 * 161), the engine ID as raw evidence, the probe as source.
 */
export function probeDeviceRecord(r: ProbeResult): DeviceRecord | undefined {
  if (r.status !== 'reply' || r.engineId === undefined || r.engineId === '') return undefined;
  const id = r.port === 161 ? r.address : formatEndpoint(r.address, r.port);
  const extra: Record<string, string> = { address: r.address, probe: PROBE_SOURCE };
  if (r.engineBoots !== undefined) extra['engine_boots'] = String(r.engineBoots);
  if (r.engineTime !== undefined) extra['engine_time'] = String(r.engineTime);
  if (r.lastReboot !== undefined) extra['last_reboot'] = r.lastReboot;
  if (r.target !== r.address) extra['target'] = r.target;
  return { id, raw: { engineId: r.engineId }, extra, source: sourceOf(r) };
}
