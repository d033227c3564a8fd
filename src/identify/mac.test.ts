import { test } from 'node:test';
import assert from 'node:assert/strict';
import { macFindings, parseMac } from './mac.js';
import { testContext } from './test-context.js';

test('every common notation, upper and lower case', () => {
  for (const s of ['00:E0:FC:12:34:56', '00:e0:fc:12:34:56', '00-E0-FC-12-34-56', '00e0.fc12.3456', '00E0.FC12.3456', '00e0-fc12-3456', '00e0fc-123456', '00E0FC123456', '  00e0fc123456  ']) {
    const p = parseMac(s);
    assert.ok(p, s);
    assert.equal(p.mac, '00:e0:fc:12:34:56', s);
  }
  assert.equal(parseMac('00e0.fc12.3456')!.notation, 'dotted');
  assert.equal(parseMac('00:e0:fc:12:34:56:78'), null);
});

test('locally administered and multicast MACs are unidentifiable', () => {
  const ctx = testContext();
  const local = macFindings('02:e0:fc:12:34:56', ctx)[0]!;
  assert.equal(local.vendor, null);
  assert.equal(local.valid, true);
  assert.match(local.detail!, /locally administered/);
  const mcast = macFindings('01:00:5e:00:00:01', ctx)[0]!;
  assert.equal(mcast.vendor, null);
  assert.match(mcast.detail!, /multicast/);
  assert.equal(parseMac('03:00:00:00:00:00')!.multicast, true);
});

test('a Huawei MAC names Huawei; an unparseable one is invalid evidence', () => {
  const ctx = testContext();
  const ok = macFindings('00e0.fc12.3456', ctx)[0]!;
  assert.equal(ok.vendor, 'huawei');
  assert.ok(ok.confidence > 0.5);
  const bad = macFindings('00:e0:fc:zz:34:56', ctx)[0]!;
  assert.equal(bad.valid, false);
  assert.match(bad.detail!, /not a MAC address/);
});
