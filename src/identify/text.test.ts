import { test } from 'node:test';
import assert from 'node:assert/strict';
import { declaredFindings, matchCompanyName, textFindings } from './text.js';
import { parseGponSerial, serialFindings } from './serial.js';
import { testContext } from './test-context.js';

const VRP = 'S6720-30C-EI-24S-AC Huawei Versatile Routing Platform Software VRP (R) software,Version 5.160 (S6720 V200R009C00SPC500) Copyright (C) 2007 Huawei Technologies Co., Ltd.';
const VRP2 = 'Huawei Versatile Routing Platform Software\r\nVRP (R) software, Version 5.170 (S5720 V200R011C10SPC600)\r\nCopyright (C) 2000-2018 HUAWEI TECH Co., Ltd.';
const ZXR10 = [
  'ZXR10 ROS Version V4.8.11.01 ZXR10 T64G Software, Version V2.6.02.a.26 Copyright (c) 2001-2009 by ZTE Corporation Compiled',
  'ZXR10 M6000-08, ZTE ZXR10 Software Version: M6000v1.00.30(1.0.76)',
  'ZTE ZXR10 8905E Software, 8900&8900E Version: V3.01.01.B15, RELEASE SOFTWARE',
  'ZTE Ethernet Switch ZXR10 2928E, Version: V2.05.10B18',
  'ZXR10 ROS Version V4.8.35 Software, Version (null) ZXA10 C300 V1.3.0',
];

test('VRP sysDescr strings from the reference are Huawei', () => {
  const ctx = testContext();
  for (const s of [VRP, VRP2, 'Huawei YunShan OS 1.22.0.1', 'Quidway S3900', 'HUAWEI TECH. INC. SNMP AGENT FOR MA5300']) {
    const f = textFindings('sysdescr', s, ctx);
    assert.equal(f.length, 1, s);
    assert.equal(f[0]!.vendor, 'huawei', s);
    assert.ok(f[0]!.confidence >= 0.8, s);
  }
});

test('ZXR10 / ZXA10 sysDescr strings from the reference are ZTE', () => {
  const ctx = testContext();
  for (const s of ZXR10) assert.deepEqual(textFindings('sysdescr', s, ctx).map((f) => f.vendor), ['zte'], s);
});

test('Comware is H3C; an unknown sysDescr is read but names nobody', () => {
  const ctx = testContext();
  assert.equal(textFindings('sysdescr', 'H3C Comware Platform Software, Software Version 5.20 Release 2208', ctx)[0]!.vendor, 'h3c');
  const none = textFindings('sysdescr', 'Linux core-1 5.10.0 #1 SMP x86_64', ctx);
  assert.equal(none[0]!.vendor, null);
  assert.equal(none[0]!.valid, true);
});

test('SSH banners; SSH-2.0-- is weak Huawei evidence', () => {
  const ctx = testContext();
  assert.equal(textFindings('banner', 'SSH-2.0-HUAWEI-1.5', ctx)[0]!.vendor, 'huawei');
  assert.equal(textFindings('banner', 'SSH-2.0-ZTE_SSH.2.0', ctx)[0]!.vendor, 'zte');
  assert.equal(textFindings('banner', 'SSH-2.0-Comware-7.1.064', ctx)[0]!.vendor, 'h3c');
  const weak = textFindings('banner', 'SSH-2.0--', ctx)[0]!;
  assert.equal(weak.vendor, 'huawei');
  assert.ok(weak.confidence <= 0.3);
  assert.equal(textFindings('banner', 'SSH-2.0-OpenSSH_9.2p1', ctx)[0]!.vendor, null);
});

test('company names with legal suffixes, aliases and subsidiaries', () => {
  const ctx = testContext();
  assert.equal(matchCompanyName('HUAWEI TECHNOLOGIES CO.,LTD', ctx)?.vendor, 'huawei');
  assert.equal(matchCompanyName('Huawei Tech. Co. Ltd', ctx)?.vendor, 'huawei');
  assert.equal(matchCompanyName('Futurewei Technologies, Inc.', ctx)?.vendor, 'huawei');
  assert.equal(matchCompanyName('zte', ctx)?.vendor, 'zte');
  assert.equal(matchCompanyName('Honor Device Co., Ltd.', ctx)?.vendor, 'honor');
  assert.equal(matchCompanyName('Huawei Technologies Experts Club', ctx), null);
  assert.equal(declaredFindings('Huawei', ctx)[0]!.vendor, 'huawei');
  // Not a catalog name: the declared maker itself, outside the catalog.
  assert.equal(declaredFindings('Acme Widgets Ltd', ctx)[0]!.vendor, 'acme-widgets');
});

test('hostile long strings return quickly', () => {
  const ctx = testContext();
  const hostile = [
    'VRP '.repeat(500_000),
    'SSH-2.0-' + '-'.repeat(1_000_000),
    'Copyright (C) ' + '1-'.repeat(500_000),
    'a'.repeat(2_000_000) + ' Huawei Versatile Routing Platform',
    'ZTE corp '.repeat(200_000),
  ];
  // their time is measured by `npm run bench -- hostile` (bench/hostile-input.ts)
  for (const s of hostile) {
    assert.ok(Array.isArray(textFindings('sysdescr', s, ctx)), s.slice(0, 20));
    assert.ok(Array.isArray(declaredFindings(s, ctx)), s.slice(0, 20));
  }
  // Patterns only see the first 4 KiB: a match beyond it is not found.
  assert.equal(textFindings('sysdescr', 'a'.repeat(5000) + ' ZXR10', ctx)[0]!.vendor, null);
});

test('GPON serials: HWTC, ZTEG, FHTT (unverified), hex form', () => {
  const ctx = testContext();
  assert.equal(serialFindings('HWTC1234ABCD', ctx)[0]!.vendor, 'huawei');
  assert.equal(serialFindings('ZTEGC0FFEE01', ctx)[0]!.vendor, 'zte');
  const fh = serialFindings('FHTT12345678', ctx)[0]!;
  assert.equal(fh.vendor, 'fiberhome');
  assert.ok(fh.confidence <= 0.5);
  assert.match(fh.detail!, /not verified/);
  assert.equal(parseGponSerial('485754431234ABCD')!.vendorId, 'HWTC');
  assert.equal(serialFindings('485754431234ABCD', ctx)[0]!.vendor, 'huawei');
  assert.equal(serialFindings('XXXX12345678', ctx)[0]!.vendor, null);
  assert.deepEqual(serialFindings('2102351931DMJ7000123', ctx), []);
});

test('a brand named as a whole word in free text is medium evidence; substrings and common words are not', () => {
  const ctx = testContext();
  const [hw] = textFindings('sysdescr', 'HUAWEI BTS5900 SRAN18.1 Huawei Technologies Co., Ltd.', ctx);
  assert.equal(hw!.vendor, 'huawei');
  assert.equal(hw!.confidence, 0.6);
  assert.equal(textFindings('sysdescr', 'NEC iPASOLINK iX Version 4.2.03', ctx)[0]!.vendor, 'nec');
  assert.equal(textFindings('sysdescr', 'ztevision camera firmware 2.1', ctx)[0]!.vendor, null);
  assert.equal(textFindings('banner', 'With honor and pride, firmware 1.0', ctx)[0]!.vendor, null);
});
