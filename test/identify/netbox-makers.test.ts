// The NetBox demo (../shared/data) through ingest and identification: makers the registries know
// are attributed, only devices without usable evidence stay unknown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { attributeDevice, createIdentifyContext } from '../../src/identify/index.js';
import { readImport } from '../../src/ingest/index.js';
import { sharedData } from '../../src/ingest/test-support.js';
import { isCatalogVendor } from '../../src/vendors/index.js';

const shared = sharedData('netbox');

test('NetBox demo: every device with a manufacturer is attributed to it', shared.needs, async () => {
  const bundle = await readImport(join(shared.dir, 'netbox-demo-v3.6.json'));
  const ctx = createIdentifyContext();
  const devices = bundle.devices.map((r) => attributeDevice(r, ctx).device);
  const unknown = devices.filter((d) => d.vendor === null);
  const counts = new Map<string, number>();
  for (const d of devices) counts.set(d.vendor ?? '(unknown)', (counts.get(d.vendor ?? '(unknown)') ?? 0) + 1);
  console.log(`NetBox demo: ${unknown.length} of ${devices.length} devices unknown (${((100 * unknown.length) / devices.length).toFixed(1)}%); ${[...counts].map(([v, n]) => `${v} ${n}`).join(', ')}`);
  assert.equal(devices.length, 72);
  // Was 33 of 72 before makers outside the catalog were attributed.
  assert.equal(unknown.length, 6);
  for (const d of unknown) {
    // The six left are passive panels whose manufacturer is recorded as "Generic": no maker named.
    assert.deepEqual(d.attribution.evidence.map((e) => e.raw), ['Generic'], d.id);
  }
  for (const slug of ['american-power-conversion', 'panduit', 'lenovo']) {
    assert.ok((counts.get(slug) ?? 0) > 0, slug);
    assert.equal(isCatalogVendor(slug), false);
  }
  assert.equal(counts.get('cisco'), 26);
  assert.equal(counts.get('juniper'), 13);
});
