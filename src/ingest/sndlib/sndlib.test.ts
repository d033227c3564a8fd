import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Flow, InputError, Link } from '../../model/index.js';
import { readImport } from '../index.js';
import { sharedData, tempDir } from '../test-support.js';

const snd = sharedData('sndlib');
const tmp = tempDir();
after(() => tmp.cleanup());

test('nobel-germany: 17 nodes, 26 links, 121 demands, native and XML alike', snd.needs, async () => {
  const native = await readImport(join(snd.dir, 'native', 'nobel-germany.txt'));
  const xml = await readImport(join(snd.dir, 'xml', 'nobel-germany.xml'));
  assert.equal(native.format, 'sndlib-native');
  assert.equal(xml.format, 'sndlib-xml');
  for (const b of [native, xml]) {
    assert.equal(b.devices.length, 17);
    assert.equal(b.links.length, 26);
    assert.equal(b.flows.length, 121);
    assert.equal(b.sites.length, 17);
    const berlin = b.devices.find((d) => d.id === 'Berlin');
    assert.deepEqual([berlin?.lon, berlin?.lat], [13.48, 52.52]);
    const f = b.flows.find((x) => x.id === 'BerlinFrankfurt');
    assert.deepEqual([f?.src, f?.dst, f?.volume], ['Berlin', 'Frankfurt', 12]);
    for (const l of b.links) Link.parse(l);
    for (const x of b.flows) Flow.parse(x);
  }
  assert.deepEqual(native.links.map((l) => [l.id, l.a, l.b]), xml.links.map((l) => [l.id, l.a, l.b]));
  assert.equal(native.devices[0]?.source.line, 9);
});

test('every SNDlib file imports; native and XML agree on counts and on pixel vs geographical', snd.needs, async () => {
  const dir = snd.dir;
  const natives = readdirSync(join(dir, 'native')).filter((f) => f.endsWith('.txt')).sort();
  const xmls = new Set(readdirSync(join(dir, 'xml')).filter((f) => f.endsWith('.xml')));
  const summary: string[] = [];
  for (const f of natives) {
    const n = await readImport(join(dir, 'native', f));
    assert.ok(n.devices.length > 0 && n.links.length > 0 && n.flows.length > 0, f);
    const x = f.replace(/\.txt$/, '.xml');
    if (xmls.has(x)) {
      const b = await readImport(join(dir, 'xml', x));
      assert.deepEqual([b.devices.length, b.links.length, b.flows.length], [n.devices.length, n.links.length, n.flows.length], f);
      assert.equal(n.meta['coordinates'], b.meta['coordinates'], `${f} coordinate type`);
      if (b.meta['coordinates'] === 'pixel') {
        assert.equal(b.sites.length, 0);
        assert.ok(b.devices.every((d) => d.lat === undefined && d.extra['x'] !== undefined), `${x} keeps pixel x/y in extra only`);
      }
      xmls.delete(x);
    }
    summary.push(`${f.replace('.txt', '')} ${n.devices.length}/${n.links.length}/${n.flows.length}`);
  }
  assert.equal(xmls.size, 0, `XML without native: ${[...xmls].join(', ')}`);
  console.log(`sndlib nodes/links/demands: ${summary.join(', ')}`);
});

test('bad SNDlib: truncated native, unknown node, bad number, truncated XML', async () => {
  const native = '?SNDlib native format; type: network; version: 1.0\nNODES (\n  A ( 1.0 2.0 )\n  B ( 3.0 4.0 )\n)\nLINKS (\n  L1 ( A B ) 0.00 0.00 0.00 0.00 ( 10.00 5.00 )\n)\nDEMANDS (\n  D1 ( A B ) 1 4.00 UNLIMITED\n)\n';
  const ok = await readImport(tmp.write('ok.txt', native));
  assert.deepEqual([ok.devices.length, ok.links.length, ok.flows.length, ok.links[0]?.extra['modules']], [2, 1, 1, '10:5']);
  const xml = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<network xmlns="http://sndlib.zib.de/network" version="1.0">\n <networkStructure>\n  <nodes coordinatesType="pixel">\n   <node id="K\xf6ln"><coordinates><x>300</x><y>200</y></coordinates></node>\n  </nodes>\n </networkStructure>\n</network>\n';
  const latin1 = await readImport(tmp.write('latin1.xml', Buffer.from(xml, 'latin1')));
  assert.equal(latin1.devices[0]?.id, 'K\u00f6ln');
  const cases: Array<[string, string | Buffer, number, RegExp]> = [
    ['trunc.txt', native.slice(0, native.indexOf('DEMANDS') + 25), 10, /unexpected end of file/],
    ['unknown.txt', native.replace('D1 ( A B )', 'D1 ( A Z )'), 10, /demand 'D1' refers to unknown node 'Z'/],
    ['number.txt', native.replace('1 4.00 UNLIMITED', '1 four UNLIMITED'), 10, /demand value must be a number, got 'four'/],
    ['trunc.xml', xml.slice(0, xml.indexOf('</coordinates>') + 5), 5, /invalid XML/],
  ];
  for (const [name, text, line, re] of cases) {
    const file = tmp.write(name, text);
    await assert.rejects(readImport(file), (e: unknown) => {
      assert.ok(e instanceof InputError, `${name}: ${String(e)}`);
      assert.match(e.message, re, name);
      assert.equal(e.line, line, `${name}: ${e.message}`);
      return true;
    });
  }
});
