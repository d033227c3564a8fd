import { test } from 'node:test';
import assert from 'node:assert/strict';
import { combineEvidence } from './combine.js';
import { engineIdFindings, parseEngineId } from './engine-id.js';
import { testContext } from './test-context.js';

const attribute = (raw: string) => combineEvidence(engineIdFindings(raw, testContext()).map((f) => ({ ...f, source: {} })));

test('0x800007DB03 + a Huawei MAC is Huawei with high confidence', () => {
  for (const raw of ['0x800007DB0300E0FC123456', '80:00:07:db:03:00:e0:fc:12:34:56', '800007db0300e0fc123456']) {
    const p = parseEngineId(raw);
    assert.ok(p.ok, raw);
    assert.equal(p.value.enterprise, 2011);
    assert.equal(p.value.format, 'mac');
    assert.equal(p.value.mac!.mac, '00:e0:fc:12:34:56');
    const a = attribute(raw);
    assert.equal(a.vendor, 'huawei');
    assert.ok(a.confidence >= 0.9, `confidence ${a.confidence}`);
    assert.deepEqual(a.conflicts, []);
  }
});

test('a ZTE MAC inside a Huawei engine ID is a conflict; the MAC wins', () => {
  const a = attribute('0x800007DB03101081ABCDEF'); // 10:10:81 = zte corporation
  assert.equal(a.vendor, 'zte');
  assert.equal(a.conflicts.length, 1);
  assert.deepEqual(a.conflicts[0]!.vendors, ['zte', 'huawei']);
  assert.ok(a.confidence < 0.85);
});

test('net-snmp engine IDs name the software, not a vendor', () => {
  const ctx = testContext();
  // Default net-snmp: format 128, 4 random octets + 8-octet time_t (17 octets in all).
  const p = parseEngineId('80001F88801A2B3C4D0000000065A1B2C3');
  assert.ok(p.ok);
  assert.equal(p.value.enterprise, 8072);
  assert.equal(p.value.formatByte, 128);
  assert.match(p.value.netSnmpCreated!, /^2024-/);
  const f = engineIdFindings('80001F8804487561776569456d75', ctx);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.vendor, null);
  assert.match(f[0]!.detail!, /software/);
  assert.equal(attribute('80001F8804487561776569456d75').vendor, null);
});

test('formats: IPv4, IPv6, text, Cisco flag + MAC, RFC 1910', () => {
  const v4 = parseEngineId('800007DB01C0A80001');
  assert.ok(v4.ok && v4.value.ipv4 === '192.168.0.1');
  const v6 = parseEngineId('800007DB02' + '20010db8000000000000000000000001');
  assert.ok(v6.ok && v6.value.ipv6 === '2001:db8:0:0:0:0:0:1');
  const txt = parseEngineId('800007DB04' + Buffer.from('core-1').toString('hex'));
  assert.ok(txt.ok && txt.value.text === 'core-1');
  const cisco = parseEngineId('80000009030000000C123456');
  assert.ok(cisco.ok && cisco.value.ciscoFlag === 0 && cisco.value.mac!.mac === '00:00:0c:12:34:56');
  assert.equal(attribute('80000009030000000C123456').vendor, 'cisco');
  const old = parseEngineId('000007DB0102030405060708');
  assert.ok(old.ok && old.value.format === 'rfc1910' && old.value.enterprise === 2011);
});

test('malformed engine IDs are rejected with the reason', () => {
  const cases: [string, RegExp][] = [
    ['80000007', /too short/],
    ['80' + '11'.repeat(32), /too long/],
    ['0000000000', /all zeros/],
    ['ffffffffff', /all ff/],
    ['800007DB0300E0FC12', /MAC/],
    ['800007DB01C0A8', /IPv4/],
    ['000007DB01020304', /RFC 1910.*12 octets/],
    ['0x80zz', /not hexadecimal/],
    ['800', /odd number/],
  ];
  for (const [raw, why] of cases) {
    const p = parseEngineId(raw);
    assert.equal(p.ok, false, raw);
    if (!p.ok) assert.match(p.error, why, raw);
    assert.equal(engineIdFindings(raw, testContext())[0]!.valid, false);
  }
});
