// A small BER (X.690) encoder and a defensive decoder for the subset SNMP uses: definite lengths,
// single-octet tags, INTEGER, OCTET STRING, NULL, OBJECT IDENTIFIER, SEQUENCE and the SNMP
// application/context types. The decoder faces packets from untrusted agents: every length is
// checked against the bytes that are really there before anything is read or allocated, nesting
// is bounded, and the only thing it throws is BerError.

/** Why a packet could not be decoded, and where. The decoder throws nothing else. */
export class BerError extends Error {
  override readonly name = 'BerError';
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`BER decode error at offset ${offset}: ${reason}`);
  }
}

export const TAG = {
  INTEGER: 0x02,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  SEQUENCE: 0x30,
  IP_ADDRESS: 0x40,
  COUNTER32: 0x41,
  GAUGE32: 0x42,
  TIMETICKS: 0x43,
  OPAQUE: 0x44,
  COUNTER64: 0x46,
  NO_SUCH_OBJECT: 0x80,
  NO_SUCH_INSTANCE: 0x81,
  END_OF_MIB_VIEW: 0x82,
  GET_REQUEST: 0xa0,
  GET_NEXT_REQUEST: 0xa1,
  RESPONSE: 0xa2,
  SET_REQUEST: 0xa3,
  GET_BULK_REQUEST: 0xa5,
  INFORM_REQUEST: 0xa6,
  TRAP_V2: 0xa7,
  REPORT: 0xa8,
} as const;

/** Deepest nesting the decoder follows (an SNMPv3 message needs 6). */
export const MAX_DEPTH = 16;
/** Most sub-identifiers accepted in one OID (RFC 2578 allows 128). */
export const MAX_OID_ARCS = 128;
/** Largest INTEGER content decoded to a number (6 octets stays within 2^53). */
const MAX_INT_OCTETS = 6;

/** One tag-length-value header: the content is buf[contentStart, end). */
export interface Tlv {
  tag: number;
  offset: number;
  contentStart: number;
  length: number;
  end: number;
}

/**
 * Reads the TLV header at `offset`; its content must end at or before `limit`. Rejects
 * multi-octet tags, indefinite lengths, lengths over four octets and lengths past the limit.
 */
export function readTlv(buf: Uint8Array, offset: number, limit: number): Tlv {
  if (offset >= limit) throw new BerError(offset, 'truncated: expected a tag');
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new BerError(offset, `multi-octet tag 0x${tag.toString(16)} not supported`);
  if (offset + 1 >= limit) throw new BerError(offset + 1, 'truncated: expected a length');
  const first = buf[offset + 1]!;
  let length: number;
  let contentStart: number;
  if (first < 0x80) {
    length = first;
    contentStart = offset + 2;
  } else if (first === 0x80) {
    throw new BerError(offset + 1, 'indefinite length not allowed');
  } else {
    const n = first & 0x7f;
    if (n > 4) throw new BerError(offset + 1, `length of ${n} octets is too long`);
    if (offset + 2 + n > limit) throw new BerError(offset + 1, 'truncated: length octets missing');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[offset + 2 + i]!;
    contentStart = offset + 2 + n;
  }
  const end = contentStart + length;
  if (end > limit) throw new BerError(offset, `length ${length} runs past the end of its container (${limit - contentStart} octets left)`);
  return { tag, offset, contentStart, length, end };
}

/**
 * Sequential reader over the content of one constructed value. Children are read in order;
 * `depth` guards against nesting bombs.
 */
export class BerReader {
  private pos: number;
  constructor(
    readonly buf: Uint8Array,
    start: number,
    readonly end: number,
    readonly depth = 0,
  ) {
    if (depth > MAX_DEPTH) throw new BerError(start, `nested deeper than ${MAX_DEPTH} levels`);
    this.pos = start;
  }

  static of(buf: Uint8Array): BerReader {
    return new BerReader(buf, 0, buf.length);
  }

  get offset(): number {
    return this.pos;
  }

  hasMore(): boolean {
    return this.pos < this.end;
  }

  peekTag(): number | undefined {
    return this.pos < this.end ? this.buf[this.pos] : undefined;
  }

  /** The next TLV, whatever its tag. */
  next(): Tlv {
    const t = readTlv(this.buf, this.pos, this.end);
    this.pos = t.end;
    return t;
  }

  private expect(tag: number, what: string): Tlv {
    const at = this.pos;
    const t = this.next();
    if (t.tag !== tag) throw new BerError(at, `expected ${what} (tag 0x${tag.toString(16)}), got tag 0x${t.tag.toString(16)}`);
    return t;
  }

  /** Enters a constructed value with the given tag (SEQUENCE by default). */
  sequence(tag: number = TAG.SEQUENCE, what = 'SEQUENCE'): BerReader {
    const t = this.expect(tag, what);
    return new BerReader(this.buf, t.contentStart, t.end, this.depth + 1);
  }

  /** Enters an OCTET STRING that itself holds BER (USM security parameters). */
  nested(what: string): BerReader {
    const t = this.expect(TAG.OCTET_STRING, what);
    return new BerReader(this.buf, t.contentStart, t.end, this.depth + 1);
  }

  integer(what = 'INTEGER'): number {
    const t = this.expect(TAG.INTEGER, what);
    return decodeInteger(this.buf, t);
  }

  octets(what = 'OCTET STRING'): Uint8Array {
    const t = this.expect(TAG.OCTET_STRING, what);
    return this.buf.subarray(t.contentStart, t.end);
  }

  oid(what = 'OBJECT IDENTIFIER'): string {
    const t = this.expect(TAG.OID, what);
    return decodeOid(this.buf, t);
  }

  /** Fails unless every octet of this container has been read. */
  done(what: string): void {
    if (this.pos !== this.end) throw new BerError(this.pos, `${this.end - this.pos} unexpected octets after ${what}`);
  }
}

/** Signed two's-complement INTEGER of at most 6 content octets. */
export function decodeInteger(buf: Uint8Array, t: Tlv): number {
  if (t.length === 0) throw new BerError(t.offset, 'INTEGER with no content');
  if (t.length > MAX_INT_OCTETS) throw new BerError(t.offset, `INTEGER of ${t.length} octets is too large`);
  let v = buf[t.contentStart]! & 0x80 ? -1 : 0;
  for (let i = t.contentStart; i < t.end; i++) v = v * 256 + buf[i]!;
  return v;
}

/** Unsigned value (Counter32, Gauge32, TimeTicks, Counter64) of at most 9 content octets. */
export function decodeUnsigned(buf: Uint8Array, t: Tlv): bigint {
  if (t.length === 0) throw new BerError(t.offset, 'unsigned integer with no content');
  if (t.length > 9) throw new BerError(t.offset, `unsigned integer of ${t.length} octets is too large`);
  let v = 0n;
  for (let i = t.contentStart; i < t.end; i++) v = (v << 8n) | BigInt(buf[i]!);
  // A leading 1 bit would be negative in BER; SNMP agents that forget the 00 pad are common, so
  // the value is read as unsigned within its width.
  return v;
}

export function decodeOid(buf: Uint8Array, t: Tlv): string {
  if (t.length === 0) throw new BerError(t.offset, 'empty OBJECT IDENTIFIER');
  // Built as a string directly (no array of arcs and join): a reply can hold 64 OIDs of 128 arcs.
  let out = '';
  let arcs = 0;
  let v = 0;
  let inArc = false;
  for (let i = t.contentStart; i < t.end; i++) {
    const b = buf[i]!;
    if (!inArc && b === 0x80) throw new BerError(i, 'OID sub-identifier with a leading 0x80 octet');
    v = v * 128 + (b & 0x7f);
    if (v > 0xffffffff) throw new BerError(i, 'OID sub-identifier larger than 2^32-1');
    inArc = (b & 0x80) !== 0;
    if (!inArc) {
      if (arcs === 0) {
        const first = v < 40 ? 0 : v < 80 ? 1 : 2;
        out = `${first}.${v - first * 40}`;
        arcs = 2;
      } else {
        out += '.' + v;
        arcs++;
      }
      if (arcs > MAX_OID_ARCS) throw new BerError(i, `OID longer than ${MAX_OID_ARCS} sub-identifiers`);
      v = 0;
    }
  }
  if (inArc) throw new BerError(t.end - 1, 'OID ends inside a sub-identifier');
  return out;
}

/** A decoded SNMP value. Octet strings are copied out, so they never pin a packet buffer. */
export type SnmpValue =
  | { type: 'integer'; value: number }
  | { type: 'octets'; value: Uint8Array }
  | { type: 'null' }
  | { type: 'oid'; value: string }
  | { type: 'ipaddress'; value: string }
  | { type: 'counter32' | 'gauge32' | 'timeticks' | 'counter64'; value: bigint }
  | { type: 'opaque'; value: Uint8Array }
  | { type: 'noSuchObject' | 'noSuchInstance' | 'endOfMibView' }
  | { type: 'unknown'; tag: number; value: Uint8Array };

/** Largest octet string copied out of a packet (a UDP datagram cannot carry more anyway). */
const MAX_VALUE_OCTETS = 65535;

export function decodeValue(buf: Uint8Array, t: Tlv): SnmpValue {
  const content = (): Uint8Array => copyOut(buf.subarray(t.contentStart, Math.min(t.end, t.contentStart + MAX_VALUE_OCTETS)));
  switch (t.tag) {
    case TAG.INTEGER:
      return { type: 'integer', value: decodeInteger(buf, t) };
    case TAG.OCTET_STRING:
      return { type: 'octets', value: content() };
    case TAG.NULL:
      if (t.length !== 0) throw new BerError(t.offset, 'NULL with content');
      return { type: 'null' };
    case TAG.OID:
      return { type: 'oid', value: decodeOid(buf, t) };
    case TAG.IP_ADDRESS:
      if (t.length !== 4) throw new BerError(t.offset, `IpAddress of ${t.length} octets`);
      return { type: 'ipaddress', value: Array.from(buf.subarray(t.contentStart, t.end)).join('.') };
    case TAG.COUNTER32:
      return { type: 'counter32', value: decodeUnsigned(buf, t) };
    case TAG.GAUGE32:
      return { type: 'gauge32', value: decodeUnsigned(buf, t) };
    case TAG.TIMETICKS:
      return { type: 'timeticks', value: decodeUnsigned(buf, t) };
    case TAG.COUNTER64:
      return { type: 'counter64', value: decodeUnsigned(buf, t) };
    case TAG.OPAQUE:
      return { type: 'opaque', value: content() };
    case TAG.NO_SUCH_OBJECT:
      return { type: 'noSuchObject' };
    case TAG.NO_SUCH_INSTANCE:
      return { type: 'noSuchInstance' };
    case TAG.END_OF_MIB_VIEW:
      return { type: 'endOfMibView' };
    default:
      return { type: 'unknown', tag: t.tag, value: content() };
  }
}

/** A copy (Buffer#slice would return a view that keeps the whole packet alive). */
export function copyOut(b: Uint8Array): Uint8Array {
  return Uint8Array.from(b);
}

// ---------------------------------------------------------------------------------------------
// Encoder

function lengthOctets(n: number): number[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`bad BER length ${n}`);
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

/** tag + definite length + content. */
export function encodeTlv(tag: number, content: Uint8Array): Uint8Array {
  const len = lengthOctets(content.length);
  const out = new Uint8Array(1 + len.length + content.length);
  out[0] = tag;
  out.set(len, 1);
  out.set(content, 1 + len.length);
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function encodeSequence(parts: readonly Uint8Array[], tag: number = TAG.SEQUENCE): Uint8Array {
  return encodeTlv(tag, concat(parts));
}

/** Minimal two's-complement INTEGER (a 00 pad keeps a positive value's sign bit clear). */
export function encodeInteger(n: number, tag: number = TAG.INTEGER): Uint8Array {
  if (!Number.isSafeInteger(n)) throw new RangeError(`INTEGER ${n} is not a safe integer`);
  const bytes: number[] = [];
  let v = BigInt(n);
  for (;;) {
    const b = Number(v & 0xffn);
    bytes.unshift(b);
    v >>= 8n; // arithmetic shift: a negative value tends to -1
    if ((v === 0n && (b & 0x80) === 0) || (v === -1n && (b & 0x80) !== 0)) break;
  }
  return encodeTlv(tag, Uint8Array.from(bytes));
}

export function encodeOctets(b: Uint8Array | string): Uint8Array {
  return encodeTlv(TAG.OCTET_STRING, typeof b === 'string' ? new TextEncoder().encode(b) : b);
}

export function encodeNull(): Uint8Array {
  return Uint8Array.of(TAG.NULL, 0);
}

export function encodeOid(oid: string): Uint8Array {
  const arcs = oid.replace(/^\./, '').split('.').map((s) => {
    if (!/^\d{1,10}$/.test(s)) throw new RangeError(`bad OID ${oid}`);
    const v = Number(s);
    if (v > 0xffffffff) throw new RangeError(`OID arc too large in ${oid}`);
    return v;
  });
  if (arcs.length < 2 || arcs[0]! > 2 || (arcs[0]! < 2 && arcs[1]! >= 40)) throw new RangeError(`bad OID ${oid}`);
  const out: number[] = [];
  const push = (v: number) => {
    const tmp: number[] = [v & 0x7f];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) tmp.unshift(0x80 | (x & 0x7f));
    out.push(...tmp);
  };
  push(arcs[0]! * 40 + arcs[1]!);
  for (const a of arcs.slice(2)) push(a);
  return encodeTlv(TAG.OID, Uint8Array.from(out));
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}
