// The SNMPv3 discovery exchange of RFC 3414 §4: an unauthenticated, reportable GetRequest with
// empty engine ID, user and varbinds; the agent answers with a Report that carries its
// snmpEngineID, snmpEngineBoots and snmpEngineTime in the USM security parameters.
import {
  BerError,
  BerReader,
  copyOut,
  TAG,
  decodeValue,
  encodeInteger,
  encodeOctets,
  encodeSequence,
  type SnmpValue,
} from './ber.js';

/** usmStatsUnknownEngineIDs.0: the counter a discovery Report carries. */
export const USM_STATS_UNKNOWN_ENGINE_IDS = '1.3.6.1.6.3.15.1.1.4.0';
/** Most varbinds decoded from one reply (a Report carries one). */
const MAX_VARBINDS = 64;
/** msgMaxSize we announce: 65507, the largest UDP payload over IPv4. */
const MSG_MAX_SIZE = 65507;

/**
 * The discovery request. With msgId 0x4a69 and requestId 0x37f0 it is byte for byte the 60-octet
 * probe nmap ships (`payload_SNMPv3GetRequest`).
 */
export function buildDiscoveryProbe(msgId: number, requestId: number): Uint8Array {
  if (!Number.isInteger(msgId) || msgId < 0 || msgId > 0x7fffffff) throw new RangeError(`msgId out of range: ${msgId}`);
  if (!Number.isInteger(requestId) || requestId < -0x80000000 || requestId > 0x7fffffff) throw new RangeError(`requestId out of range: ${requestId}`);
  // The prober sends thousands of these a second: only msgID and request-id differ, so a template
  // per pair of INTEGER widths is encoded once and copied with the two values patched in.
  const lm = intWidth(msgId);
  const lr = intWidth(requestId);
  let t = templates[lm * 5 + lr];
  if (t === undefined) t = templates[lm * 5 + lr] = encodeDiscoveryProbe(lm === 1 ? 0 : 2 ** (8 * (lm - 1) - 1), lr === 1 ? 0 : 2 ** (8 * (lr - 1) - 1));
  const out = t.slice();
  putInt(out, 9, lm, msgId); // 30 L | 02 01 03 | 30 L | 02 lm msgID
  putInt(out, out.length - 8 - lr, lr, requestId); // ... 02 lr request-id | 02 01 00 | 02 01 00 | 30 00
  return out;
}

const templates: (Uint8Array | undefined)[] = [];

/** Octets of the minimal two's-complement encoding of a 32-bit integer. */
function intWidth(n: number): number {
  return n >= -0x80 && n < 0x80 ? 1 : n >= -0x8000 && n < 0x8000 ? 2 : n >= -0x800000 && n < 0x800000 ? 3 : 4;
}

function putInt(out: Uint8Array, at: number, width: number, n: number): void {
  let v = n | 0;
  for (let k = width - 1; k >= 0; k--) {
    out[at + k] = v & 0xff;
    v >>= 8;
  }
}

/** The discovery request encoded field by field (the templates above come from here). */
export function encodeDiscoveryProbe(msgId: number, requestId: number): Uint8Array {
  const header = encodeSequence([encodeInteger(msgId), encodeInteger(MSG_MAX_SIZE), encodeOctets(Uint8Array.of(0x04)), encodeInteger(3)]);
  const usm = encodeSequence([
    encodeOctets(new Uint8Array(0)), // msgAuthoritativeEngineID
    encodeInteger(0), // boots
    encodeInteger(0), // time
    encodeOctets(new Uint8Array(0)), // user name
    encodeOctets(new Uint8Array(0)), // auth params
    encodeOctets(new Uint8Array(0)), // priv params
  ]);
  const pdu = encodeSequence([encodeInteger(requestId), encodeInteger(0), encodeInteger(0), encodeSequence([])], TAG.GET_REQUEST);
  const scoped = encodeSequence([encodeOctets(new Uint8Array(0)), encodeOctets(new Uint8Array(0)), pdu]);
  return encodeSequence([encodeInteger(3), header, encodeOctets(usm), scoped]);
}

export interface VarBind {
  oid: string;
  value: SnmpValue;
}

/** Everything a discovery reply says, as decoded; interpretation is `interpretReply`'s. */
export interface DiscoveryReply {
  msgId: number;
  msgMaxSize: number;
  msgFlags: number;
  securityModel: number;
  engineId: Uint8Array;
  engineBoots: number;
  engineTime: number;
  userName: Uint8Array;
  /** Absent when the scoped PDU is encrypted (a Report never should be). */
  pdu?: {
    type: number;
    contextEngineId: Uint8Array;
    contextName: Uint8Array;
    requestId: number;
    errorStatus: number;
    errorIndex: number;
    varbinds: VarBind[];
  };
}

/**
 * Decodes an SNMPv3 message as a discovery reply. Throws BerError (and nothing else) for
 * anything malformed, including a version other than 3 or a security model other than USM.
 */
export function parseDiscoveryReply(buf: Uint8Array): DiscoveryReply {
  try {
    return parse(buf);
  } catch (e) {
    if (e instanceof BerError) throw e;
    // Unreachable by design; kept so a bug can never let another error type escape to callers.
    throw new BerError(0, `internal decoder error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function parse(buf: Uint8Array): DiscoveryReply {
  const top = BerReader.of(buf);
  const msg = top.sequence(TAG.SEQUENCE, 'SNMPv3Message');
  top.done('the message');
  const versionAt = msg.offset;
  const version = msg.integer('msgVersion');
  if (version !== 3) throw new BerError(versionAt, `not SNMPv3 (msgVersion ${version})`);
  const hdr = msg.sequence(TAG.SEQUENCE, 'msgGlobalData');
  const msgId = hdr.integer('msgID');
  const msgMaxSize = hdr.integer('msgMaxSize');
  const flagsAt = hdr.offset;
  const flags = hdr.octets('msgFlags');
  if (flags.length !== 1) throw new BerError(flagsAt, `msgFlags of ${flags.length} octets`);
  const msgFlags = flags[0]!;
  const smAt = hdr.offset;
  const securityModel = hdr.integer('msgSecurityModel');
  hdr.done('msgGlobalData');
  if (securityModel !== 3) throw new BerError(smAt, `security model ${securityModel} is not USM (3)`);
  const sp = msg.nested('msgSecurityParameters');
  const usm = sp.sequence(TAG.SEQUENCE, 'UsmSecurityParameters');
  sp.done('msgSecurityParameters');
  const engineId = copyOut(usm.octets('msgAuthoritativeEngineID'));
  const engineBoots = usm.integer('msgAuthoritativeEngineBoots');
  const engineTime = usm.integer('msgAuthoritativeEngineTime');
  const userName = copyOut(usm.octets('msgUserName').subarray(0, 64));
  usm.octets('msgAuthenticationParameters');
  usm.octets('msgPrivacyParameters');
  usm.done('UsmSecurityParameters');
  const reply: DiscoveryReply = { msgId, msgMaxSize, msgFlags, securityModel, engineId, engineBoots, engineTime, userName };
  if (msg.peekTag() === TAG.OCTET_STRING) {
    msg.octets('encryptedPDU');
  } else {
    const scoped = msg.sequence(TAG.SEQUENCE, 'ScopedPDU');
    const contextEngineId = copyOut(scoped.octets('contextEngineID').subarray(0, 32));
    const contextName = copyOut(scoped.octets('contextName').subarray(0, 64));
    const pduAt = scoped.offset;
    const pduTlv = scoped.next();
    if (pduTlv.tag < 0xa0 || pduTlv.tag > 0xa8) throw new BerError(pduAt, `tag 0x${pduTlv.tag.toString(16)} is not an SNMP PDU`);
    scoped.done('ScopedPDU');
    const pdu = new BerReader(buf, pduTlv.contentStart, pduTlv.end, scoped.depth + 1);
    const requestId = pdu.integer('request-id');
    const errorStatus = pdu.integer('error-status');
    const errorIndex = pdu.integer('error-index');
    const list = pdu.sequence(TAG.SEQUENCE, 'variable-bindings');
    pdu.done('the PDU');
    const varbinds: VarBind[] = [];
    while (list.hasMore()) {
      if (varbinds.length >= MAX_VARBINDS) throw new BerError(list.offset, `more than ${MAX_VARBINDS} varbinds`);
      const vb = list.sequence(TAG.SEQUENCE, 'VarBind');
      const oid = vb.oid('VarBind name');
      const value = decodeValue(buf, vb.next());
      vb.done('VarBind');
      varbinds.push({ oid, value });
    }
    reply.pdu = { type: pduTlv.tag, contextEngineId, contextName, requestId, errorStatus, errorIndex, varbinds };
  }
  msg.done('SNMPv3Message');
  return reply;
}
