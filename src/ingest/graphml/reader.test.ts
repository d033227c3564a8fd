import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeviceRecord, InputError, Link, Site } from '../../model/index.js';
import { readImport } from '../index.js';
import { sharedData, tempDir } from '../test-support.js';

const tmp = tempDir();
after(() => tmp.cleanup());

const zoo = sharedData('topologyzoo');

test('every Topology Zoo GraphML imports with the node and edge counts of the XML itself', zoo.needs, async () => {
  const dir = zoo.dir;
  const files = readdirSync(dir).filter((f) => f.endsWith('.graphml')).sort();
  assert.ok(files.length >= 260, `expected the Zoo's files, found ${files.length}`);
  let nodes = 0;
  let edges = 0;
  let sites = 0;
  let parallel = 0;
  let selfLoops = 0;
  let external = 0;
  for (const name of files) {
    const path = join(dir, name);
    const xml = readFileSync(path, 'utf8');
    // Independent count: start tags in the raw text, not the importer's parser.
    const wantNodes = (xml.match(/<node[\s/>]/g) ?? []).length;
    const wantEdges = (xml.match(/<edge[\s/>]/g) ?? []).length;
    const b = await readImport(path);
    assert.equal(b.format, 'graphml', name);
    assert.equal(b.devices.length, wantNodes, `${name} nodes`);
    assert.equal(b.links.length, wantEdges, `${name} edges`);
    const pairs = new Set<string>();
    for (const l of b.links) {
      const key = [l.a, l.b].sort().join('\u0000');
      if (pairs.has(key)) parallel++;
      pairs.add(key);
      if (l.a === l.b) selfLoops++;
    }
    external += b.devices.filter((d) => d.extra['Internal'] === '0').length;
    nodes += b.devices.length;
    edges += b.links.length;
    sites += b.sites.length;
  }
  // Validate the records of a few files against the model's schemas (all would be slow-ish).
  for (const name of files.slice(0, 20)) {
    const b = await readImport(join(dir, name));
    for (const d of b.devices) DeviceRecord.parse(d);
    for (const l of b.links) Link.parse(l);
    for (const s of b.sites) Site.parse(s);
  }
  console.log(`topology zoo: ${files.length} files, ${nodes} nodes, ${edges} edges, ${sites} sites with coordinates, ${parallel} parallel edges, ${selfLoops} self-loops, ${external} external (Internal=0) nodes`);
  assert.ok(parallel > 0 && selfLoops > 0 && external > 0);
});

test('a Zoo node: label, coordinates, country mapped to alpha-2, Internal kept, edge speed as capacity', zoo.needs, async () => {
  const b = await readImport(join(zoo.dir, 'Geant2010.graphml'));
  const ams = b.devices.find((d) => d.name === 'NL');
  assert.ok(ams);
  assert.equal(ams.country, 'NL');
  assert.equal(ams.lat, 52.37403);
  assert.equal(ams.extra['Internal'], '1');
  assert.equal(ams.site, ams.id);
  assert.ok(b.sites.some((s) => s.id === ams.id && s.country === 'NL'));
  assert.equal(b.meta['Network'], 'GEANT');
});

const fixture = (keys: string, body: string) =>
  `<?xml version="1.0" encoding="utf-8"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n${keys}\n  <graph edgedefault="undirected">\n${body}\n  </graph>\n</graphml>\n`;

test('key ids are resolved per file; parallel edges, self-loops, nodes without coordinates', async () => {
  const f1 = tmp.write('one.graphml', fixture(
    '  <key attr.name="Latitude" for="node" id="d1"/><key attr.name="Longitude" for="node" id="d2"/><key attr.name="label" for="node" id="d3"/><key attr.name="Country" for="node" id="d4"/><key attr.name="Internal" for="node" id="d5"/><key attr.name="LinkSpeedRaw" for="edge" id="d6"/>',
    '    <node id="0"><data key="d1">45.46</data><data key="d2">9.19</data><data key="d3">Milan</data><data key="d4">Italy</data><data key="d5">1</data></node>\n' +
      '    <node id="1"><data key="d3">Peer &amp; Co</data><data key="d4">Atlantis</data><data key="d5">0</data></node>\n' +
      '    <edge source="0" target="1"><data key="d6">1000000000.0</data></edge>\n' +
      '    <edge source="0" target="1"/>\n' +
      '    <edge source="1" target="1"/>',
  ));
  // Same attributes, ids swapped around: d1 is now the label.
  const f2 = tmp.write('two.graphml', fixture(
    '  <key attr.name="label" for="node" id="d1"/><key attr.name="Latitude" for="node" id="d3"/><key attr.name="Longitude" for="node" id="d2"/>',
    '    <node id="a"><data key="d1">Tokyo</data><data key="d3">35.68</data><data key="d2">139.69</data></node>',
  ));
  const b1 = await readImport(f1);
  assert.deepEqual(b1.devices[0], { id: '0', name: 'Milan', lat: 45.46, lon: 9.19, country: 'IT', site: '0', raw: {}, extra: { Internal: '1' }, source: { file: f1, line: 4 } });
  assert.deepEqual(b1.devices[1], { id: '1', name: 'Peer & Co', raw: {}, extra: { Country: 'Atlantis', Internal: '0' }, source: { file: f1, line: 5 } });
  assert.deepEqual(b1.links.map((l) => [l.a, l.b, l.metric, l.capacity, l.source.line]), [['0', '1', 1, 1e9, 6], ['0', '1', 1, undefined, 7], ['1', '1', 1, undefined, 8]]);
  assert.equal(b1.sites.length, 1);
  const b2 = await readImport(f2);
  assert.deepEqual([b2.devices[0]?.name, b2.devices[0]?.lat, b2.devices[0]?.lon], ['Tokyo', 35.68, 139.69]);
});

test('bad GraphML: truncated file, edge to an unknown node, duplicate node id, entity bomb', async () => {
  const good = fixture('  <key attr.name="label" for="node" id="d0"/>', '    <node id="0"><data key="d0">A</data></node>\n    <node id="1"/>\n    <edge source="0" target="1"/>');
  const cases: Array<[string, string, number, RegExp]> = [
    ['trunc.graphml', good.slice(0, good.indexOf('<edge') + 8), 6, /invalid XML/],
    ['cut.graphml', good.slice(0, good.indexOf('</graph>')), 7, /file ends inside <graphml> > <graph> \(truncated\?\)/],
    ['unknown.graphml', good.replace('target="1"', 'target="9"'), 6, /edge refers to unknown node '9'/],
    ['dupnode.graphml', good.replace('<node id="1"/>', '<node id="0"/>'), 5, /duplicate node id '0' \(first on line 4\)/],
    ['bomb.graphml', `<?xml version="1.0"?>\n<!DOCTYPE g [\n<!ENTITY a "aaaaaaaaaa">\n]>\n<graphml/>`, 3, /entity declarations are not supported/],
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
