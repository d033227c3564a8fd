import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oidFindings, parseOid } from './oid.js';
import { testContext } from './test-context.js';

test('sysObjectID spellings all reach the enterprise number', () => {
  for (const s of ['1.3.6.1.4.1.2011.2.6.6.1', '.1.3.6.1.4.1.2011.2.6.6.1', 'iso.3.6.1.4.1.2011.2.6.6.1', 'SNMPv2-SMI::enterprises.2011.2.6.6.1', 'enterprises.2011.2.6.6.1']) {
    const r = parseOid(s);
    assert.ok(r.ok, s);
    assert.equal(r.value.oid, '1.3.6.1.4.1.2011.2.6.6.1');
    assert.equal(r.value.enterprise, 2011);
  }
  assert.equal(parseOid('1.3.6.1.2.1.1').ok && (parseOid('1.3.6.1.2.1.1') as { value: { enterprise: number | null } }).value.enterprise, null);
  assert.equal(parseOid('1.3.6.x').ok, false);
});

test('Huawei, ZTE and H3C enterprise trees', () => {
  const ctx = testContext();
  const mk = (s: string) => oidFindings(s, ctx)[0]!;
  assert.equal(mk('1.3.6.1.4.1.2011.2.123').vendor, 'huawei'); // MA5603T
  assert.equal(mk('1.3.6.1.4.1.2011.2.123').confidence, 0.9);
  assert.equal(mk('1.3.6.1.4.1.3902.1015.320.1.2').vendor, 'zte'); // ZXPON C320
  assert.equal(mk('1.3.6.1.4.1.25506.1.246').vendor, 'h3c');
});

test('early H3C under Huawei 2011.2.23: huawei, lower confidence, flagged', () => {
  const f = oidFindings('.1.3.6.1.4.1.2011.2.23.306', testContext())[0]!;
  assert.equal(f.vendor, 'huawei');
  assert.ok(f.confidence < 0.9);
  assert.match(f.detail!, /legacy H3C/);
});

test('Dahua non-IANA 1004849, Scildon 50001, net-snmp 8072', () => {
  const ctx = testContext();
  const dahua = oidFindings('1.3.6.1.4.1.1004849.2.1', ctx)[0]!;
  assert.equal(dahua.vendor, 'dahua');
  assert.match(dahua.detail!, /not an IANA assignment/);
  const scildon = oidFindings('1.3.6.1.4.1.50001.1.1', ctx)[0]!;
  assert.equal(scildon.vendor, null);
  assert.match(scildon.detail!, /Scildon/);
  const netsnmp = oidFindings('1.3.6.1.4.1.8072.3.2.10', ctx)[0]!;
  assert.equal(netsnmp.vendor, null);
  assert.match(netsnmp.detail!, /software/);
});

// How fast a hostile OID is rejected: `npm run bench -- hostile` (bench/hostile-input.ts).
test('malformed OIDs are invalid; a hostile length is rejected', () => {
  const ctx = testContext();
  assert.equal(oidFindings('1.3.6.1.4.1.two', ctx)[0]!.valid, false);
  const f = oidFindings('1.'.repeat(500_000) + '1', ctx)[0]!;
  assert.equal(f.valid, false);
});
