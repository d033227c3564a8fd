import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeviceRecord, InputError, Link } from '../../model/index.js';
import { readImport } from '../index.js';
import { sharedData, tempDir } from '../test-support.js';

const nb = sharedData('netbox');
const tmp = tempDir();
after(() => tmp.cleanup());
const demo = () => join(nb.dir, 'netbox-demo-v3.6.json');

test('NetBox demo dumpdata: 72 devices, 14 manufacturers, 26 interface-to-interface cables as links', nb.needs, async () => {
  const b = await readImport(demo());
  assert.equal(b.format, 'netbox-dumpdata');
  assert.equal(b.devices.length, 72);
  assert.equal(b.meta['manufacturers'], 14);
  assert.equal(b.meta['deviceTypes'], 14);
  assert.equal(b.sites.length, 24);
  assert.equal(b.links.length, 26);
  assert.equal(b.meta['interfaceCables'], 26);
  const vendors = new Map<string, number>();
  for (const d of b.devices) vendors.set(d.raw.declaredVendor ?? '?', (vendors.get(d.raw.declaredVendor ?? '?') ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(vendors), { Cisco: 26, Juniper: 13, APC: 13, Panduit: 13, Generic: 6, Lenovo: 1 });
  const r = b.devices.find((d) => d.id === 'dmi01-akron-rtr01');
  assert.equal(r?.raw.declaredVendor, 'Cisco');
  assert.equal(r?.role, 'Router');
  assert.equal(r?.site, 'dm-akron');
  assert.ok(r?.model);
  assert.ok((r?.source.line ?? 0) > 1000);
  const ids = new Set(b.devices.map((d) => d.id));
  assert.equal(ids.size, 72);
  for (const l of b.links) assert.ok(ids.has(l.a) && ids.has(l.b), `link ${l.id} joins known devices`);
  for (const d of b.devices) DeviceRecord.parse(d);
  for (const l of b.links) Link.parse(l);
});

type Row = { model: string; pk: number; fields: Record<string, unknown> };

/** The demo dumpdata rebuilt as the REST API returns it (nested objects, paginated). */
function demoAsApi(): Record<string, unknown> {
  const rows = (JSON.parse(readFileSync(demo(), 'utf8')) as Row[]).filter((r) => r.pk !== undefined);
  const of = (m: string) => rows.filter((r) => r.model === m);
  const byPk = (m: string) => new Map(of(m).map((r) => [r.pk, r]));
  const url = (ep: string, id: number) => `https://demo.netbox.dev/api/dcim/${ep}/${id}/`;
  const mfr = byPk('dcim.manufacturer');
  const types = byPk('dcim.devicetype');
  const roles = byPk('dcim.devicerole');
  const sites = byPk('dcim.site');
  const devices = byPk('dcim.device');
  const interfaces = byPk('dcim.interface');
  const nestedMfr = (pk: unknown) => {
    const m = mfr.get(pk as number);
    return m && { id: m.pk, url: url('manufacturers', m.pk), display: m.fields['name'], name: m.fields['name'], slug: m.fields['slug'] };
  };
  const nestedType = (pk: unknown) => {
    const t = types.get(pk as number);
    return t && { id: t.pk, url: url('device-types', t.pk), manufacturer: nestedMfr(t.fields['manufacturer']), model: t.fields['model'], slug: t.fields['slug'] };
  };
  const pages = (ep: string, results: unknown[], size = 25) => {
    const out = [];
    for (let i = 0; i < results.length; i += size) {
      out.push({ count: results.length, next: i + size < results.length ? `https://demo.netbox.dev/api/dcim/${ep}/?limit=${size}&offset=${i + size}` : null, previous: null, results: results.slice(i, i + size) });
    }
    return out;
  };
  const term = (t: Row) => {
    const itf = interfaces.get(t.fields['termination_id'] as number);
    const type = (t.fields['termination_type'] as string[]).join('.');
    const dev = itf && devices.get(itf.fields['device'] as number);
    return {
      object_type: type,
      object_id: t.fields['termination_id'],
      object: type === 'dcim.interface' && itf && dev ? { id: itf.pk, url: url('interfaces', itf.pk), device: { id: dev.pk, name: dev.fields['name'] }, name: itf.fields['name'] } : { id: t.fields['termination_id'] },
    };
  };
  const terms = of('dcim.cabletermination');
  return {
    manufacturers: pages('manufacturers', of('dcim.manufacturer').map((m) => ({ id: m.pk, url: url('manufacturers', m.pk), name: m.fields['name'], slug: m.fields['slug'], devicetype_count: 1 }))),
    'device-types': pages('device-types', of('dcim.devicetype').map((t) => nestedType(t.pk))),
    sites: pages('sites', of('dcim.site').map((s) => ({ id: s.pk, url: url('sites', s.pk), name: s.fields['name'], slug: s.fields['slug'], status: { value: s.fields['status'], label: 'Active' }, latitude: s.fields['latitude'], longitude: s.fields['longitude'], time_zone: null }))),
    devices: pages('devices', of('dcim.device').map((d) => {
      const role = roles.get(d.fields['role'] as number);
      const site = sites.get(d.fields['site'] as number);
      return {
        id: d.pk, url: url('devices', d.pk), name: d.fields['name'], device_type: nestedType(d.fields['device_type']),
        role: role && { id: role.pk, name: role.fields['name'], slug: role.fields['slug'] },
        site: site && { id: site.pk, name: site.fields['name'], slug: site.fields['slug'] },
        serial: d.fields['serial'], status: { value: d.fields['status'], label: 'Active' },
      };
    })),
    cables: pages('cables', of('dcim.cable').map((c) => ({
      id: c.pk, url: url('cables', c.pk), type: c.fields['type'], status: { value: c.fields['status'], label: 'Connected' }, label: c.fields['label'],
      a_terminations: terms.filter((t) => t.fields['cable'] === c.pk && t.fields['cable_end'] === 'A').map(term),
      b_terminations: terms.filter((t) => t.fields['cable'] === c.pk && t.fields['cable_end'] === 'B').map(term),
    }))),
  };
}

test('NetBox REST API JSON: a bundle and single-endpoint page files give what the dumpdata gives', nb.needs, async () => {
  const dump = await readImport(demo());
  const api = demoAsApi();
  const bundle = await readImport(tmp.write('bundle.json', JSON.stringify(api, null, 2)));
  assert.equal(bundle.format, 'netbox-api');
  const summary = (b: typeof dump) => ({
    devices: b.devices.map((d) => [d.id, d.name, d.raw.declaredVendor, d.model, d.role, d.site, d.raw.serial]),
    links: b.links.map((l) => [l.id, l.a, l.b, l.extra['a_interface'], l.extra['b_interface']]),
    sites: b.sites.map((s) => [s.id, s.name]),
    manufacturers: b.meta['manufacturers'],
  });
  assert.deepEqual(summary(bundle), summary(dump));
  assert.equal(bundle.devices.length, 72);
  assert.equal(bundle.links.length, 26);
  assert.ok((bundle.devices[0]?.source.line ?? 0) > 1, 'records carry their line');

  // One endpoint per file: an array of pages of devices, and a single page of manufacturers.
  const devices = await readImport(tmp.write('devices.json', JSON.stringify(api['devices'], null, 1)));
  assert.equal(devices.format, 'netbox-api');
  assert.equal(devices.devices.length, 72);
  assert.equal(devices.meta['manufacturers'], 6, 'distinct makers named by the devices');
  const mfrPage = (api['manufacturers'] as unknown[])[0];
  const m = await readImport(tmp.write('manufacturers.json', JSON.stringify(mfrPage)));
  assert.equal(m.meta['manufacturers'], 14);
});

test('bad NetBox input: truncated dumpdata, a bundle page without results', async () => {
  const trunc = tmp.write('trunc.json', '[\n{\n  "model": "dcim.manufacturer",\n  "pk": 1,\n  "fields": {"name": "Huawei"');
  await assert.rejects(readImport(trunc), (e: unknown) => e instanceof InputError && e.line === 5 && /invalid JSON/.test(e.message));
  const bad = tmp.write('bad.json', '{"devices": {"count": 1, "next": null, "previous": null, "results": []},\n "cables": {"count": 1,\n "items": []}}');
  await assert.rejects(readImport(bad, { format: 'netbox-api' }), (e: unknown) => e instanceof InputError && e.line === 2 && /expected a NetBox API page/.test(e.message));
});
