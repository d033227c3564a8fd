import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../model/index.js';
import { parseColumnMap, readColumnMapFile } from './column-map.js';
import { readImport } from './index.js';
import { tempDir } from './test-support.js';

const tmp = tempDir();
after(() => tmp.cleanup());

function rejects(p: Promise<unknown> | (() => unknown), file: string, line: number | undefined, pattern: RegExp) {
  const run = typeof p === 'function' ? async () => p() : p;
  return assert.rejects(run, (e: unknown) => {
    assert.ok(e instanceof InputError, `expected InputError, got ${String(e)}`);
    assert.equal(e.file, file);
    assert.equal(e.line, line);
    assert.match(e.message, pattern);
    return true;
  });
}

const CMDB = 'Asset Tag,HOSTNAME,Vendor Name,Site,Rack\nr1,core-1,Huawei,FRA,7\nr2,core-2,Cisco,AMS,\n';

test('--map renames a foreign CSV export before it is read; source columns match in any case; the rest stays extra', async () => {
  const file = tmp.write('cmdb.csv', CMDB);
  const columns = parseColumnMap('asset tag=id, Hostname=name,Vendor Name=VENDOR,site=site');
  const b = await readImport(file, { columns });
  assert.equal(b.format, 'inventory-csv');
  assert.deepEqual(b.devices[0], { id: 'r1', name: 'core-1', site: 'FRA', raw: { declaredVendor: 'Huawei' }, extra: { Rack: '7' }, source: { file, line: 2 } });
  assert.deepEqual(b.devices[1]?.raw, { declaredVendor: 'Cisco' });
});

test('a map given with links and flows files leaves them as they are', async () => {
  const links = tmp.write('links.csv', 'a,b\nr1,r2\n');
  const b = await readImport(links, { columns: parseColumnMap('Hostname=name') });
  assert.deepEqual(b.links.map((l) => [l.a, l.b]), [['r1', 'r2']]);
});

test('--map-file: a YAML mapping, also for inventory JSON (keys any device uses)', async () => {
  const map = await readColumnMapFile(tmp.write('map.yaml', '# CMDB export\nAsset Tag: id\nHostname: name\n"Vendor Name": vendor\n'));
  assert.deepEqual(map.entries.map((e) => [e.source, e.target, e.line]), [['Asset Tag', 'id', 2], ['Hostname', 'name', 3], ['Vendor Name', 'vendor', 4]]);
  const file = tmp.write('cmdb.json', JSON.stringify([{ 'Asset Tag': 'r1', Hostname: 'core-1', 'Vendor Name': 'ZTE', Rack: 3 }, { 'Asset Tag': 'r2', hostname: 'core-2' }], null, 1));
  const b = await readImport(file, { columns: map });
  assert.equal(b.format, 'inventory-json');
  assert.deepEqual(b.devices.map((d) => [d.id, d.name, d.raw.declaredVendor, d.extra]), [['r1', 'core-1', 'ZTE', { Rack: '3' }], ['r2', 'core-2', undefined, {}]]);
});

test('map errors: unknown target with a suggestion, source not in the file with a suggestion, collisions, bad syntax', async () => {
  await rejects(() => parseColumnMap('Vendor Name=vendr'), '--map', undefined, /unknown target column 'vendr' for 'Vendor Name'; did you mean vendor\?/);
  await rejects(() => parseColumnMap('Vendor Name'), '--map', undefined, /is not SOURCE=TARGET/);
  await rejects(() => parseColumnMap('A=name,B=name'), '--map', undefined, /two source columns are mapped to 'name'/);
  await rejects(() => parseColumnMap(' , '), '--map', undefined, /empty/);
  const yaml = tmp.write('bad.yaml', 'Hostname: name\nSite: sitee\n');
  await rejects(readColumnMapFile(yaml), yaml, 2, /unknown target column 'sitee' for 'Site'; did you mean site\?/);
  const list = tmp.write('list.yaml', '- Hostname\n');
  await rejects(readColumnMapFile(list), list, 1, /expected a YAML mapping/);
  const file = tmp.write('cmdb2.csv', CMDB);
  await rejects(readImport(file, { columns: parseColumnMap('Asset Tag=id,Vendor Nam=vendor') }), file, 1, /column 'Vendor Nam' \(mapped to vendor by --map\) is not in the file; did you mean Vendor Name\?/);
  const withName = tmp.write('named.csv', 'id,name,Hostname\nr1,a,b\n');
  await rejects(readImport(withName, { columns: parseColumnMap('Hostname=name') }), withName, 1, /already has a column 'name'/);
  const json = tmp.write('cmdb.json', '[{"id": "r1", "Hostname": "x"}]');
  await rejects(readImport(json, { columns: parseColumnMap('Host=name') }), json, 1, /column 'Host' .* is not in the file/);
});

test('countries one way: "Germany", "de", "DE", "DEU" all become DE; an unknown one is a warning with its line, kept in extra', async () => {
  const file = tmp.write('countries.csv', 'id,country\na,Germany\nb,de\nc,DE\nd,deu\ne,Atlantis\nf,\n');
  const b = await readImport(file);
  assert.deepEqual(b.devices.map((d) => d.country), ['DE', 'DE', 'DE', 'DE', undefined, undefined]);
  assert.deepEqual(b.devices[4]?.extra, { country: 'Atlantis' });
  assert.deepEqual(b.warnings.map((w) => [w.file, w.line]), [[file, 6]]);
  assert.match(b.warnings[0]!.message, /unknown country 'Atlantis'.*kept as 'country' in extra/);
  const json = tmp.write('countries.json', '[{"id": "a", "country": "germany"}, {"id": "b", "country": "Narnia"}]');
  const j = await readImport(json);
  assert.deepEqual(j.devices.map((d) => d.country), ['DE', undefined]);
  assert.equal(j.warnings.length, 1);
});
