import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Device, type DeviceRecord } from '../model/index.js';
import { attributeDevice } from './attribute.js';
import { testContext } from './test-context.js';

function rec(id: string, raw: DeviceRecord['raw'], line = 2): DeviceRecord {
  return { id, raw, extra: {}, source: { file: 'inventory.csv', line } };
}

test('a device with no raw identifiers gets an empty attribution', () => {
  const { device, warnings } = attributeDevice(rec('d0', {}), testContext());
  assert.equal(device.vendor, null);
  assert.equal(device.attribution.confidence, 0);
  assert.deepEqual(device.attribution.evidence, []);
  assert.deepEqual(warnings, []);
  assert.ok(Device.safeParse(device).success);
});

test('agreeing evidence from several identifiers raises confidence', () => {
  const { device, warnings } = attributeDevice(
    rec('d1', {
      mac: '00:e0:fc:12:34:56',
      sysObjectId: '1.3.6.1.4.1.2011.2.123',
      engineId: '0x800007DB0300E0FC123456',
      sysDescr: 'Huawei Integrated Access Software (MA5600T)',
    }),
    testContext(),
  );
  assert.equal(device.vendor, 'huawei');
  assert.ok(device.attribution.confidence > 0.99);
  assert.equal(device.attribution.evidence.length, 5);
  for (const e of device.attribution.evidence) assert.deepEqual(e.source, { file: 'inventory.csv', line: 2 });
  assert.deepEqual(device.attribution.conflicts, []);
  assert.deepEqual(warnings, []);
  assert.ok(Device.safeParse(device).success);
});

test('disagreeing evidence is kept as a conflict, never dropped', () => {
  const { device } = attributeDevice(
    rec('d2', { declaredVendor: 'Cisco', mac: '10:10:81:00:00:01', sysObjectId: '1.3.6.1.4.1.3902.1015.320.1.2' }),
    testContext(),
  );
  assert.equal(device.vendor, 'zte');
  assert.equal(device.attribution.conflicts.length, 1);
  const c = device.attribution.conflicts[0]!;
  assert.deepEqual(c.vendors, ['zte', 'cisco']);
  assert.ok(c.evidence.includes(0), 'the declared (cisco) piece is referenced');
  assert.ok(device.attribution.confidence < 0.98);
});

test('invalid raw values become invalid evidence plus a warning naming file:line', () => {
  const { device, warnings } = attributeDevice(
    rec('d3', { mac: 'zz:zz:zz:zz:zz:zz', imei: '260531793113838', engineId: '0x8000', sysObjectId: '1.3.6.1.4.1.2011.2.23.306' }, 17),
    testContext(),
  );
  assert.equal(device.vendor, 'huawei');
  const invalid = device.attribution.evidence.filter((e) => !e.valid);
  assert.equal(invalid.length, 3);
  assert.equal(warnings.length, 3);
  for (const w of warnings) {
    assert.equal(w.file, 'inventory.csv');
    assert.equal(w.line, 17);
  }
  assert.match(warnings.map((w) => w.message).join('\n'), /mac "zz:zz:zz:zz:zz:zz": not a MAC address/);
  assert.match(warnings.map((w) => w.message).join('\n'), /imei "260531793113838": IMEI check digit 8 does not match the Luhn digit 7/);
  assert.match(warnings.map((w) => w.message).join('\n'), /engine_id "0x8000": engine ID too short/);
});

test('blank fields are ignored; LLDP accepts a chassis MAC or a description', () => {
  const ctx = testContext();
  const a = attributeDevice(rec('d4', { mac: '  ', lldp: '00e0.fc11.2233' }), ctx).device;
  assert.equal(a.vendor, 'huawei');
  assert.equal(a.attribution.evidence.length, 1);
  assert.equal(a.attribution.evidence[0]!.kind, 'lldp');
  const b = attributeDevice(rec('d5', { lldp: 'S5720-52P-LI-AC Huawei Versatile Routing Platform Software VRP (R) software, Version 5.170' }), ctx).device;
  assert.equal(b.vendor, 'huawei');
});

test('attribution over many records with repeated values stays consistent (speed lives in npm run bench)', () => {
  const ctx = testContext();
  const N = 100_000;
  const descrs = ['Huawei Versatile Routing Platform Software VRP (R) software, Version 5.170', 'ZXR10 M6000-08, ZTE ZXR10 Software Version: M6000v1.00.30(1.0.76)', ''];
  const recs: DeviceRecord[] = [];
  for (let i = 0; i < N; i++) {
    const hex = (i * 2654435761 >>> 8).toString(16).padStart(6, '0').slice(-6);
    recs.push(rec(`d${i}`, { mac: `00e0fc${hex}`, sysDescr: descrs[i % 3]!, sysObjectId: i % 2 ? '1.3.6.1.4.1.2011.2.23.306' : '' }, i + 2));
  }
  let huawei = 0;
  let zteWithConflict = 0;
  for (const r of recs) {
    const d = attributeDevice(r, ctx).device;
    if (d.vendor === 'huawei') huawei++;
    if (d.vendor === 'zte' && d.attribution.conflicts.length === 1) zteWithConflict++;
  }
  // A ZTE sysDescr outweighs a lone Huawei MAC (i % 6 === 4) but never silently: the MAC stays as a conflict.
  const zteRows = recs.filter((_, i) => i % 6 === 4).length;
  assert.equal(zteWithConflict, zteRows);
  assert.equal(huawei, N - zteRows);
});
