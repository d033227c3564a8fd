import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../model/index.js';
import { FORMATS, FORMAT_IDS, detectFormat, openImport } from './index.js';
import { tempDir } from './test-support.js';

const tmp = tempDir();
after(() => tmp.cleanup());

test('detects every format from content', () => {
  const cases: Array<[string, string, string]> = [
    ['id,vendor\nn0,cisco\n', 'nodes.csv', 'inventory-csv'],
    ['a,b,metric\nn0,n1,3\n', 'links.csv', 'links-csv'],
    ['id,src,dst\nf0,n1,n2\n', 'flows.csv', 'flows-csv'],
    ['id\nr1\n', 'x.csv', 'inventory-csv'],
    ['[{"id":"r1"}]', 'x.json', 'inventory-json'],
    ['{"devices":[{"id":"r1"}]}', 'x.json', 'inventory-json'],
    ['<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph/></graphml>', 'x.xml', 'graphml'],
    ['<?xml version="1.0"?>\n<network xmlns="http://sndlib.zib.de/network" version="1.0">', 'x.xml', 'sndlib-xml'],
    ['?SNDlib native format; type: network; version: 1.0\n# network x\nNODES (\n', 'x.txt', 'sndlib-native'],
    ['[\n{\n  "model": "contenttypes.contenttype",\n  "fields": {"app_label": "admin"}\n}', 'x.json', 'netbox-dumpdata'],
    ['{"count": 1, "next": null, "previous": null, "results": [{"id": 1}]}', 'x.json', 'netbox-api'],
    ['{"devices": {"count": 1, "next": null, "previous": null, "results": []}}', 'x.json', 'netbox-api'],
  ];
  for (const [head, name, want] of cases) assert.equal(detectFormat(head, name), want, head.slice(0, 40));
});

test('unknown format: InputError listing the formats', async () => {
  for (const [head, name] of [['hello world\n', 'notes.txt'], ['<html><body/></html>', 'x.html'], ['\u0000\u0001binary', 'x.bin']]) {
    assert.throws(() => detectFormat(head as string, name as string), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.match(e.message, /unknown format: .*known formats: inventory-csv, inventory-json, links-csv/);
      return true;
    });
  }
  await assert.rejects(openImport(tmp.write('notes.txt', 'just some words\n')), (e: unknown) => e instanceof InputError && /notes\.txt: unknown format/.test(e.message));
  await assert.rejects(openImport(`${tmp.dir}/missing.csv`), /missing\.csv: cannot read file: no such file/);
  await assert.rejects(openImport(tmp.dir), /not a regular file/);
});

test('the registry describes every format once', () => {
  assert.deepEqual(FORMATS.map((f) => f.id), [...FORMAT_IDS]);
  for (const f of FORMATS) assert.ok(f.description.length > 10 && f.example.length > 5, f.id);
});
