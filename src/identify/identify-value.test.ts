import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatIdentifyResult, identifyValue } from './identify-value.js';
import { testContext } from './test-context.js';

test('auto-detects each kind of value', () => {
  const ctx = testContext();
  const kinds: [string, string][] = [
    ['00:E0:FC:12:34:56', 'mac'],
    ['00e0.fc12.3456', 'mac'],
    ['00E0FC123456', 'mac'],
    ['.1.3.6.1.4.1.2011.2.23.306', 'oid'],
    ['SNMPv2-SMI::enterprises.3902.1015', 'oid'],
    ['0x800007DB0300E0FC123456', 'engine-id'],
    ['80:00:07:db:03:00:e0:fc:12:34:56', 'engine-id'],
    ['80001F8804487561776569456d75', 'engine-id'],
    ['260531793113837', 'imei'],
    ['2605317931138301', 'imeisv'],
    ['HWTC1234ABCD', 'gpon-serial'],
    ['HUAWEI TECHNOLOGIES CO.,LTD', 'text'],
    ['SSH-2.0-ZTE_SSH.2.0', 'text'],
  ];
  for (const [v, k] of kinds) assert.equal(identifyValue(v, ctx).kind, k, v);
});

test('details carry the parsed fields and the result is plain JSON', () => {
  const ctx = testContext();
  const mac = identifyValue('8C:1F:64:AF:41:23', ctx);
  assert.equal(mac.details.block, 'MA-S');
  assert.equal(mac.details.registryOrg, 'Nokia Bell Labs');
  assert.equal(mac.attribution.vendor, 'nokia');
  const other = identifyValue('40:2c:76:10:00:00', ctx);
  assert.equal(other.details.registryOrg, 'Shanghai Dahua Scale Factory');
  // A maker outside the catalog under its own slug, never Dahua by a shared word.
  assert.equal(other.attribution.vendor, 'shanghai-dahua-scale-factory');
  const eng = identifyValue('0x800007DB03101081ABCDEF', ctx);
  assert.equal(eng.details.enterprise, 2011);
  assert.equal(eng.details.format, 'mac');
  assert.equal(eng.details.macRegistryOrg, 'zte corporation');
  assert.equal(eng.attribution.vendor, 'zte');
  assert.equal(eng.attribution.conflicts.length, 1);
  const imei = identifyValue('260531793113837', ctx);
  assert.equal(imei.details.tac, '26053179');
  assert.equal(imei.details.checkDigit, 7);
  for (const r of [mac, other, eng, imei]) assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
});

test('invalid values say what is wrong', () => {
  const ctx = testContext();
  const bad = identifyValue('260531793113838', ctx);
  assert.equal(bad.details.valid, false);
  assert.match(String(bad.details.problem), /Luhn/);
  assert.equal(bad.attribution.evidence[0]!.valid, false);
  const short = identifyValue('0x80000007', ctx);
  assert.equal(short.kind, 'engine-id');
  assert.match(String(short.details.problem), /too short/);
});

test('human text shows vendor, details, evidence and conflicts', () => {
  const ctx = testContext();
  const text = formatIdentifyResult(identifyValue('0x800007DB03101081ABCDEF', ctx));
  assert.match(text, /SNMPv3 engine ID/);
  assert.match(text, /vendor: zte/);
  assert.match(text, /conflicts:/);
  assert.match(formatIdentifyResult(identifyValue('no such vendor text', ctx)), /vendor: unknown/);
});
