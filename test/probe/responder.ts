// A scriptable UDP responder on loopback: answers each discovery probe with whatever `reply`
// returns for it (a well-formed Report, garbage, nothing...).
import { createSocket, type Socket } from 'node:dgram';
import { TAG, encodeInteger, encodeOctets, encodeOid, encodeSequence, encodeTlv } from '../../src/probe/ber.js';
import { parseDiscoveryReply } from '../../src/probe/snmpv3.js';

export interface Responder {
  port: number;
  received: number;
  close(): Promise<void>;
}

/** The msgID of a request as the prober sends it (its requests decode like any SNMPv3 message). */
export function requestMsgId(packet: Uint8Array): number {
  return parseDiscoveryReply(packet).msgId;
}

/** A Report as an agent sends it. */
export function makeReport(msgId: number, engineIdHex: string, boots = 7, time = 3600): Uint8Array {
  const eid = Buffer.from(engineIdHex, 'hex');
  const usm = encodeSequence([encodeOctets(eid), encodeInteger(boots), encodeInteger(time), encodeOctets(''), encodeOctets(''), encodeOctets('')]);
  const vb = encodeSequence([encodeSequence([encodeOid('1.3.6.1.6.3.15.1.1.4.0'), encodeInteger(1, TAG.COUNTER32)])]);
  const pdu = encodeSequence([encodeInteger(msgId), encodeInteger(0), encodeInteger(0), vb], TAG.REPORT);
  const scoped = encodeSequence([encodeOctets(eid), encodeOctets(''), pdu]);
  const header = encodeSequence([encodeInteger(msgId), encodeInteger(65507), encodeOctets(Uint8Array.of(0)), encodeInteger(3)]);
  return encodeSequence([encodeInteger(3), header, encodeOctets(usm), scoped]);
}

export { encodeTlv };

export async function startResponder(reply: (msgId: number, n: number) => Uint8Array[] | null, family: 'udp4' | 'udp6' = 'udp4'): Promise<Responder> {
  const sock: Socket = createSocket(family);
  const r: Responder = {
    port: 0,
    received: 0,
    close: () => new Promise((res) => sock.close(() => res())),
  };
  sock.on('message', (msg, rinfo) => {
    const n = r.received++;
    let id: number;
    try {
      id = requestMsgId(msg);
    } catch {
      return;
    }
    const out = reply(id, n);
    for (const p of out ?? []) sock.send(p, rinfo.port, rinfo.address);
  });
  await new Promise<void>((res) => sock.bind(0, family === 'udp4' ? '127.0.0.1' : '::1', () => res()));
  r.port = sock.address().port;
  return r;
}
