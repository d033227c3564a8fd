import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeviceRecord } from '../model/index.js';
import { isCatalogVendor, makerLabel } from '../vendors/index.js';
import { attributeDevice } from './attribute.js';
import { identifyValue } from './identify-value.js';
import { testContext } from './test-context.js';

function attribute(raw: DeviceRecord['raw']) {
  return attributeDevice({ id: 'd', raw, extra: {}, source: { file: 'inventory.csv', line: 2 } }, testContext());
}

// Real IEEE assignments (oui-data) and IANA enterprise numbers of makers outside the catalog.
const MAKERS: [string, string, string][] = [
  ['00:C0:B7:01:02:03', 'american-power-conversion', 'AMERICAN POWER CONVERSION CORP'],
  ['00:0F:9C:01:02:03', 'panduit', 'Panduit Corp'],
  ['10:C5:95:01:02:03', 'lenovo', 'Lenovo'],
  ['1.3.6.1.4.1.318.1.3.27', 'american-power-conversion', 'American Power Conversion Corp.'],
  ['1.3.6.1.4.1.19536.1.1', 'panduit', 'Panduit Corp.'],
  ['1.3.6.1.4.1.19046.11.1', 'lenovo-enterprise-business-group', 'Lenovo Enterprise Business Group'],
  ['0x8000013E0400414243', 'american-power-conversion', 'American Power Conversion Corp.'],
];

test('MACs, sysObjectIDs and engine IDs of makers outside the catalog name those makers', () => {
  const ctx = testContext();
  for (const [value, slug, name] of MAKERS) {
    const r = identifyValue(value, ctx);
    assert.equal(r.attribution.vendor, slug, value);
    assert.equal(isCatalogVendor(slug), false);
    assert.deepEqual(makerLabel(r.attribution.vendor, r.attribution.evidence), { slug, name, inCatalog: false }, value);
    assert.ok(r.attribution.confidence > 0);
  }
});

test('catalog vendors are still themselves', () => {
  const ctx = testContext();
  assert.equal(identifyValue('00:E0:FC:12:34:56', ctx).attribution.vendor, 'huawei');
  assert.equal(identifyValue('1.3.6.1.4.1.2011.2.23.306', ctx).attribution.vendor, 'huawei');
  assert.equal(identifyValue('1.3.6.1.4.1.3902.1015', ctx).attribution.vendor, 'zte');
  assert.equal(identifyValue('1.3.6.1.4.1.9.1.1', ctx).attribution.vendor, 'cisco');
});

test('a NIC maker\'s MAC never outvotes a catalog vendor; it stays visible as a conflict', () => {
  const alone = attribute({ sysDescr: 'Huawei Versatile Routing Platform Software' }).device;
  const withIntel = attribute({ sysDescr: 'Huawei Versatile Routing Platform Software', mac: '00:12:F0:01:02:03' }).device;
  assert.equal(withIntel.vendor, 'huawei');
  assert.equal(withIntel.attribution.confidence, alone.attribution.confidence, 'a component maker does not discount the vendor');
  assert.equal(withIntel.attribution.conflicts.length, 1);
  assert.deepEqual(withIntel.attribution.conflicts[0]!.vendors, ['huawei', 'intel-corporate']);
  // The declared vendor (0.7) is weaker than a MAC (0.8), yet the catalog vendor wins as before.
  const declared = attribute({ declaredVendor: 'Huawei', mac: '00:12:F0:01:02:03' }).device;
  assert.equal(declared.vendor, 'huawei');
  // Between makers outside the catalog, an inventory's manufacturer beats a NIC's MAC.
  const dell = attribute({ declaredVendor: 'Dell Inc.', mac: '00:12:F0:01:02:03' }).device;
  assert.equal(dell.vendor, 'dell');
  assert.equal(dell.attribution.conflicts.length, 1);
});

test('declared makers: names are makers, placeholders are not, near misses of catalog names are refused', () => {
  // APC is the brand; the registry also names it AMERICAN POWER CONVERSION CORP: one maker (data/maker-aliases.json).
  assert.equal(attribute({ declaredVendor: 'APC' }).device.vendor, 'american-power-conversion');
  assert.equal(attribute({ mac: '00:C0:B7:01:02:03' }).device.vendor, 'american-power-conversion');
  assert.equal(attribute({ declaredVendor: 'Dell EMC' }).device.vendor, 'dell');
  assert.equal(attribute({ declaredVendor: 'Panduit' }).device.vendor, 'panduit');
  for (const junk of ['unknown', 'n/a', '-', 'Generic', 'N/A']) {
    const { device, warnings } = attribute({ declaredVendor: junk });
    assert.equal(device.vendor, null, junk);
    assert.deepEqual(warnings, []);
  }
  const typo = attribute({ declaredVendor: 'Hauwei' });
  assert.equal(typo.device.vendor, null);
  assert.equal(typo.warnings.length, 1);
  assert.match(typo.warnings[0]!.message, /close to huawei/);
});

test('only a device without usable evidence is unknown', () => {
  assert.equal(attribute({}).device.vendor, null);
  assert.equal(attribute({ mac: '02:00:00:00:00:01' }).device.vendor, null, 'locally administered MAC names no maker');
  assert.equal(attribute({ sysObjectId: '1.3.6.1.4.1.8072.3.2.10' }).device.vendor, null, 'net-snmp names software, not a maker');
  assert.equal(attribute({ sysObjectId: '1.3.6.1.4.1.3999999999.1' }).device.vendor, null, 'unassigned enterprise');
});
