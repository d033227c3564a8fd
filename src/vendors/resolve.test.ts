import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../model/index.js';
import { createVendorResolver, resolveVendorList, slugOf, splitVendorList } from './resolve.js';

test('slugs, legal names, aliases and affiliates resolve whatever the case, punctuation or legal form', () => {
  const r = createVendorResolver();
  assert.equal(r.resolve('huawei'), 'huawei');
  assert.equal(r.resolve('HUAWEI'), 'huawei');
  assert.equal(r.resolve('Huawei Technologies Co., Ltd.'), 'huawei');
  assert.equal(r.resolve('  zte corporation '), 'zte');
  assert.equal(r.resolve('Juniper Networks'), 'juniper');
  assert.equal(r.resolve('Huawei-3Com'), 'h3c');
  assert.equal(r.resolve('hauwei'), undefined);
  assert.equal(r.resolve(''), undefined);
});

test('an unknown vendor is refused with the nearest slug and where to look', () => {
  const r = createVendorResolver();
  assert.equal(r.unknownMessage('huawai'), "unknown vendor 'huawai'; did you mean huawei? (cleanpath vendors lists them)");
  assert.match(r.unknownMessage('hauwei'), /did you mean huawei\?/);
  assert.match(r.unknownMessage('Huawei Technolgies Co'), /did you mean huawei\?/);
  assert.equal(r.unknownMessage('xyzzy'), "unknown vendor 'xyzzy' (cleanpath vendors lists them)");
});

test('vendors outside the catalog are accepted when the caller knows them', () => {
  const r = createVendorResolver(['american-power-conversion', 'Acme Widgets', null]);
  assert.equal(r.resolve('american-power-conversion'), 'american-power-conversion');
  assert.equal(r.resolve('American Power Conversion Corp.'), 'american-power-conversion');
  assert.equal(r.resolve('ACME WIDGETS'), 'acme widgets');
  assert.match(r.unknownMessage('american-power-convrsion'), /did you mean american-power-conversion\?/);
  assert.equal(slugOf('American Power Conversion Corp.'), 'american-power-conversion');
});

test('a list resolves to distinct slugs; the first unknown name is an InputError where it was given', () => {
  assert.deepEqual(resolveVendorList(['HUAWEI', 'zte', 'Huawei Technologies Co., Ltd.'], { file: '--untrusted' }), ['huawei', 'zte']);
  assert.throws(
    () => resolveVendorList(['huawai', 'zte'], { file: '--untrusted' }),
    (e: unknown) => e instanceof InputError && e.message === "--untrusted: unknown vendor 'huawai'; did you mean huawei? (cleanpath vendors lists them)",
  );
  assert.throws(() => resolveVendorList(['zte', 'hauwei'], { file: 'rules.yaml', line: 7 }), /rules\.yaml:7: unknown vendor 'hauwei'/);
});

test('a vendor list keeps the commas of legal names', () => {
  assert.deepEqual(splitVendorList('Huawei Technologies Co., Ltd.,zte'), ['Huawei Technologies Co., Ltd.', 'zte']);
  assert.deepEqual(splitVendorList(' huawei , ,ZTE Corporation, Inc'), ['huawei', 'ZTE Corporation, Inc']);
  assert.deepEqual(splitVendorList('huawai,zte'), ['huawai', 'zte']);
});
