import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCatalog } from './catalog.js';
import { isCatalogVendor, isJunkMakerName, makerLabel, makerNameInDetail, makerPhrase, makerSlug } from './makers.js';

test('a registered name becomes a stable kebab-case slug', () => {
  assert.equal(makerSlug('American Power Conversion Corp.'), 'american-power-conversion');
  assert.equal(makerSlug('AMERICAN POWER CONVERSION CORP'), 'american-power-conversion');
  assert.equal(makerSlug('Panduit Corp'), 'panduit');
  assert.equal(makerSlug('LENOVO(BEIJING)CO., LTD.'), 'lenovo');
  assert.equal(makerSlug('IBM (https://w3.ibm.com/standards )'), 'ibm');
  assert.equal(makerSlug("Alcatel-Lucent Enterprise (previous was 'Alcatel')"), 'alcatel-lucent-enterprise');
  assert.equal(makerSlug('Piarista Gimnázium, Vác'), 'piarista-gimnazium-vac');
  assert.equal(makerSlug('---'), '');
  assert.equal(makerSlug('x'.repeat(500)), '');
});

test('placeholder vendor values are not makers', () => {
  for (const junk of ['', '  ', 'unknown', 'Unknown', 'n/a', 'N/A', '-', '?', 'generic', 'Generic', 'none', 'TBD', '---']) {
    assert.equal(isJunkMakerName(junk), true, junk);
  }
  for (const maker of ['APC', 'Panduit', 'Lenovo', 'Dell Inc.']) assert.equal(isJunkMakerName(maker), false, maker);
});

test('no maker slug collides with a catalog vendor by accident: catalog membership is by slug', () => {
  for (const v of loadCatalog().vendors) assert.equal(isCatalogVendor(v.slug), true);
  assert.equal(isCatalogVendor('american-power-conversion'), false);
  assert.equal(isCatalogVendor(null), false);
});

test('the registered name travels in the evidence detail and comes back for display', () => {
  const name = 'Odd "Quoted" Name, Inc.';
  const detail = `enterprise 1 (IANA: x); ${makerPhrase(name)}; format 3 (mac)`;
  assert.equal(makerNameInDetail(detail), name);
  assert.equal(makerNameInDetail('IEEE MA-L 00E0FC: HUAWEI TECHNOLOGIES CO.,LTD'), undefined);
  const label = makerLabel('odd-quoted-name', [{ vendor: 'odd-quoted-name', detail }]);
  assert.deepEqual(label, { slug: 'odd-quoted-name', name, inCatalog: false });
  assert.deepEqual(makerLabel('huawei'), { slug: 'huawei', name: loadCatalog().vendors.find((v) => v.slug === 'huawei')!.name, inCatalog: true });
  assert.equal(makerLabel(null), null);
});
