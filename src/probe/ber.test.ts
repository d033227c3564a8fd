import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BerError, BerReader, TAG, decodeOid, encodeInteger, encodeOctets, encodeOid, encodeSequence, encodeTlv, readTlv, toHex } from './ber.js';
import { buildDiscoveryProbe, parseDiscoveryReply } from './snmpv3.js';

/** The discovery probe of the reference notes (nmap's payload), verified on the wire. */
const PROBE_HEX = '303a020103300f02024a69020300ffe30401040201030410300e0400020100020100040004000400301204000400a00c020237f00201000201003000';
/** The 99-octet Report net-snmp 5.9.3 sent back with exactEngineID 0x800007DB03001122334455. */
const REPLY_HEX =
  '3061020103300f02024a69020300ffe3040100020103041b3019040b800007db0300112233445502010102010e040004000400' +
  '302e040b800007db030011223344550400a81d020237f0020100020100301130' + '0f060a2b060106030f0101040041010' + '1';

test('the discovery probe is byte for byte the 60-octet reference packet', () => {
  const p = buildDiscoveryProbe(0x4a69, 0x37f0);
  assert.equal(p.length, 60);
  assert.equal(toHex(p), PROBE_HEX);
});

test('the reference Report decodes to engine ID, boots, time and usmStatsUnknownEngineIDs', () => {
  const buf = Buffer.from(REPLY_HEX, 'hex');
  assert.equal(buf.length, 99);
  const r = parseDiscoveryReply(buf);
  assert.equal(r.msgId, 0x4a69);
  assert.equal(r.msgFlags, 0);
  assert.equal(r.securityModel, 3);
  assert.equal(toHex(r.engineId), '800007db03001122334455');
  assert.equal(r.engineBoots, 1);
  assert.equal(r.engineTime, 14);
  assert.equal(r.pdu?.type, TAG.REPORT);
  assert.equal(r.pdu?.requestId, 0x37f0);
  assert.deepEqual(r.pdu?.varbinds, [{ oid: '1.3.6.1.6.3.15.1.1.4.0', value: { type: 'counter32', value: 1n } }]);
  // Octet strings are copies: the packet buffer is not pinned by the result.
  assert.notEqual(r.engineId.buffer, buf.buffer);
});

test('integers and OIDs round-trip through the encoder and decoder', () => {
  for (const n of [0, 1, -1, 127, 128, -128, -129, 255, 256, 65507, 0x7fffffff, -0x80000000, 2 ** 40]) {
    const r = BerReader.of(encodeInteger(n));
    assert.equal(r.integer(), n, String(n));
  }
  for (const oid of ['1.3.6.1.6.3.15.1.1.4.0', '1.0.8802.1.1.2.1.4.1.1.9.0.5.1', '2.999.4294967295', '0.0']) {
    const enc = encodeOid(oid);
    assert.equal(decodeOid(enc, readTlv(enc, 0, enc.length)), oid);
  }
  assert.equal(toHex(encodeTlv(0x04, new Uint8Array(300))).slice(0, 8), '0482012c');
});

test('malformed BER is refused with a BerError that says why', () => {
  const cases: [string, RegExp][] = [
    ['', /truncated/],
    ['30', /truncated: expected a length/],
    ['3080020103', /indefinite length/],
    ['3085ffffffffff', /too long/],
    ['3084ffffffff020103', /runs past the end/],
    ['3003020103ff', /unexpected octets/],
    ['1f01', /multi-octet tag/],
    ['3005020203', /runs past the end/],
    ['300302010402', /unexpected octets/],
    ['3003020104', /not SNMPv3/],
  ];
  for (const [hex, re] of cases) {
    assert.throws(() => parseDiscoveryReply(Buffer.from(hex, 'hex')), (e: unknown) => e instanceof BerError && re.test(e.message), hex);
  }
  // An OID sub-identifier beyond 2^32 and one never terminated.
  assert.throws(() => decodeOid(Buffer.from('0606ffffffffff7f', 'hex'), readTlv(Buffer.from('0606ffffffffff7f', 'hex'), 0, 8)), BerError);
  assert.throws(() => decodeOid(Buffer.from('06022b86', 'hex'), readTlv(Buffer.from('06022b86', 'hex'), 0, 4)), BerError);
});

test('deep nesting is bounded', () => {
  let nest: Uint8Array = encodeOctets('x');
  for (let i = 0; i < 100; i++) nest = encodeSequence([nest]);
  let r = BerReader.of(nest);
  assert.throws(() => {
    for (;;) r = r.sequence();
  }, (e: unknown) => e instanceof BerError && /nested deeper|expected SEQUENCE/.test(e.message));
});

/** Deterministic PRNG (LCG) so a failing mutation reproduces. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

// Decode time per input (under 1 ms) is measured by `npm run bench -- fuzz` (bench/fuzz-ber.ts), not here.
test('fuzz: 30,000 mutations of real packets only ever yield a reply or a BerError', () => {
  const rand = rng(0xc1ea9);
  const usm = encodeSequence([encodeOctets(Buffer.from('80000f3e03001e73445566', 'hex')), encodeInteger(3), encodeInteger(86400), encodeOctets(''), encodeOctets(''), encodeOctets('')]);
  const header = encodeSequence([encodeInteger(77), encodeInteger(65507), encodeOctets(Uint8Array.of(0)), encodeInteger(3)]);
  const vb = encodeSequence([encodeSequence([encodeOid('1.3.6.1.6.3.15.1.1.4.0'), encodeInteger(9, TAG.COUNTER32)]), encodeSequence([encodeOid('1.3.6.1.2.1.1.1.0'), encodeOctets('VRP')])]);
  const zte = encodeSequence([encodeInteger(3), header, encodeOctets(usm), encodeSequence([encodeOctets(''), encodeOctets(''), encodeSequence([encodeInteger(77), encodeInteger(0), encodeInteger(0), vb], TAG.REPORT)])]);
  const seeds = [Buffer.from(REPLY_HEX, 'hex'), Buffer.from(PROBE_HEX, 'hex'), Buffer.from(zte)];
  const interesting = [0x00, 0x01, 0x7f, 0x80, 0x81, 0x82, 0x84, 0x85, 0xff, 0x30, 0x04, 0x02, 0x06, 0xa8];
  let ok = 0;
  let refused = 0;
  const N = 30_000;
  for (let i = 0; i < N; i++) {
    const seed = seeds[i % seeds.length]!;
    let b = Buffer.from(seed);
    const edits = 1 + Math.floor(rand() * 4);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(rand() * b.length);
      const k = rand();
      if (k < 0.35) b[at] = Math.floor(rand() * 256);
      else if (k < 0.6) b[at] = interesting[Math.floor(rand() * interesting.length)]!;
      else if (k < 0.75) b = b.subarray(0, at);
      else if (k < 0.85) b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + Math.floor(rand() * 4))]);
      else if (k < 0.95) b = Buffer.concat([b.subarray(0, at), Buffer.from([Math.floor(rand() * 256)]), b.subarray(at)]);
      else b = Buffer.concat([b, b.subarray(0, Math.floor(rand() * b.length))]);
    }
    try {
      parseDiscoveryReply(b);
      ok++;
    } catch (e) {
      if (!(e instanceof BerError)) assert.fail(`mutation ${i} threw ${String(e)} for ${b.toString('hex')}`);
      refused++;
    }
  }
  // Pure random packets too.
  for (let i = 0; i < 5_000; i++) {
    const b = Buffer.alloc(1 + Math.floor(rand() * 200));
    for (let j = 0; j < b.length; j++) b[j] = Math.floor(rand() * 256);
    if (rand() < 0.5) b[0] = 0x30;
    try {
      parseDiscoveryReply(b);
    } catch (e) {
      if (!(e instanceof BerError)) assert.fail(`random packet threw ${String(e)}`);
    }
  }
  console.log(`BER fuzz: ${ok} mutated packets decoded, ${refused} refused with BerError`);
  assert.ok(ok > 0 && refused > 0);
});

test('the patched discovery-probe templates equal the field-by-field encoding', async () => {
  const { encodeDiscoveryProbe } = await import('./snmpv3.js');
  const rand = rng(0x7e51);
  const edge = [0, 1, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x7fffff, 0x800000, 0xffffff, 0x1000000, 0x7ffffffe, 0x7fffffff];
  const ids = [...edge, ...Array.from({ length: 2000 }, () => Math.floor(rand() * 0x80000000))];
  const reqs = [...ids, -1, -0x80, -0x81, -0x8000, -0x8001, -0x800000, -0x800001, -0x80000000];
  for (let i = 0; i < ids.length; i++) {
    for (const r of [ids[i]!, reqs[(i * 7) % reqs.length]!, reqs[reqs.length - 1 - (i % 8)]!]) {
      assert.equal(toHex(buildDiscoveryProbe(ids[i]!, r)), toHex(encodeDiscoveryProbe(ids[i]!, r)), `${ids[i]} ${r}`);
    }
  }
  // Each call returns its own buffer.
  const a = buildDiscoveryProbe(5, 5);
  a[0] = 0;
  assert.equal(buildDiscoveryProbe(5, 5)[0], 0x30);
});
