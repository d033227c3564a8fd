// Issue 14's first "Done when": a Topology Zoo network completed with the user's own data —
// vendors set by device NAME with `import --base latest --update`, flows named by device NAME —
// gives per-flow exposure byte-identical to the C++ reference on the equivalent plain CSVs (ids).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceBinary, runReference } from '../graph/helpers.js';
import { needsReference } from '../graph/peers.js';
import { peer, peers } from '../support/peer.js';
import { cli, dumpStore, SHARED_DATA, tempDir } from './helpers.js';
import { runInProcess as run } from './in-process.js'; // commands in-process; one stays a real spawn

const ZOO = join(SHARED_DATA, 'topologyzoo', 'Geant2011.graphml');
const needs = peers(peer('shared-data', existsSync(ZOO) || `${ZOO} absent`), needsReference());

interface Zoo {
  nodes: Array<{ id: string; name: string }>;
  edges: Array<[string, string]>;
}

/** The GraphML read by hand (not by our importer): node ids, their labels, edges. */
function readZoo(file: string): Zoo {
  const xml = readFileSync(file, 'utf8');
  const labelKey = /<key attr\.name="label"[^>]*for="node"[^>]*id="(\w+)"/.exec(xml)?.[1];
  assert.ok(labelKey, 'the Zoo file has a node label key');
  const nodes = [...xml.matchAll(/<node id="([^"]+)">([\s\S]*?)<\/node>/g)].map((m) => {
    const name = new RegExp(`<data key="${labelKey}">([^<]*)</data>`).exec(m[2]!)?.[1];
    assert.ok(name, `node ${m[1]} has a label`);
    return { id: m[1]!, name };
  });
  const edges = [...xml.matchAll(/<edge source="([^"]+)" target="([^"]+)"/g)].map((m): [string, string] => [m[1]!, m[2]!]);
  return { nodes, edges };
}

/** About 20% huawei, some zte, the rest trusted makers — fixed by position, so reproducible. */
const vendorOf = (i: number): string => (i % 5 === 0 ? 'huawei' : i % 7 === 3 ? 'zte' : i % 2 === 0 ? 'cisco' : 'juniper');

/** Flows between spread-out pairs of devices, by index. */
function pairs(n: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) for (const step of [7, 13, 19]) if (i !== (i + step) % n) out.push([i, (i + step) % n]);
  return out;
}

test('Zoo topology + vendors by name (--update) + flows by name: exposure identical to the C++ reference', needs, async () => {
  const zoo = readZoo(ZOO);
  const names = zoo.nodes.map((n) => n.name);
  assert.equal(new Set(names).size, names.length, 'names are unique in this file, so every row can name its device');
  assert.ok(zoo.nodes.length >= 30 && zoo.nodes.length <= 60);
  const dir = tempDir();
  const db = join(dir, 'geant.db');
  const step = async (args: string[], code = 0) => {
    const r = await run([...args, '--db', db]);
    assert.equal(r.code, code, `cleanpath ${args.join(' ')}: ${r.stderr}`);
    return r;
  };

  await step(['import', ZOO, '--snapshot', 'zoo']);
  const vendors = join(dir, 'vendors.csv');
  writeFileSync(vendors, 'name,vendor\n' + zoo.nodes.map((n, i) => `${n.name},${vendorOf(i)}`).join('\n') + '\n');
  await step(['import', vendors, '--base', 'latest', '--update', '--snapshot', 'with-vendors']);
  const flowPairs = pairs(zoo.nodes.length);
  const byName = join(dir, 'flows-by-name.csv');
  writeFileSync(byName, 'id,src,dst\n' + flowPairs.map(([a, b], k) => `f${k},${zoo.nodes[a]!.name},${zoo.nodes[b]!.name}`).join('\n') + '\n');
  await step(['import', byName, '--base', 'latest', '--snapshot', 'with-flows']);
  const ours = (await step(['exposure', '--format', 'csv', '--untrusted', 'huawei,zte', '--workers', '2'])).stdout;

  // The same network as the reference's plain files, by id.
  const plain = join(dir, 'plain');
  mkdirSync(plain);
  writeFileSync(join(plain, 'nodes.csv'), 'id,vendor,name\n' + zoo.nodes.map((n, i) => `${n.id},${vendorOf(i)},${n.name}`).join('\n') + '\n');
  writeFileSync(join(plain, 'links.csv'), 'a,b,metric\n' + zoo.edges.map(([a, b]) => `${a},${b},1`).join('\n') + '\n');
  writeFileSync(join(plain, 'flows.csv'), 'id,src,dst\n' + flowPairs.map(([a, b], k) => `f${k},${zoo.nodes[a]!.id},${zoo.nodes[b]!.id}`).join('\n') + '\n');
  const ref = referenceBinary();
  assert.ok('bin' in ref, 'the C++ reference is compiled (needsReference)');
  const want = runReference(ref.bin, plain, 'huawei,zte');
  assert.equal(ours, want);
  const lines = want.trim().split('\n');
  assert.equal(lines.length, 1 + flowPairs.length);
  for (const kind of ['all', 'some', 'none']) assert.ok(lines.some((l) => l.split(',')[2] === kind), `the workload exercises exposure '${kind}'`);

  // Second route, no store: plain nodes with a name column, flows by name.
  const plainByName = await run(['exposure', '--nodes', join(plain, 'nodes.csv'), '--links', join(plain, 'links.csv'), '--flows', byName, '--untrusted', 'huawei,zte', '--workers', '1']);
  assert.equal(plainByName.code, 0, plainByName.stderr);
  assert.equal(plainByName.stdout, want);
});

test('import --map renames a foreign export; a bad map is exit 2 with a suggestion and the store unchanged', async () => {
  const dir = tempDir();
  const db = join(dir, 'map.db');
  const inv = join(dir, 'cmdb.csv');
  writeFileSync(inv, 'Asset,Hostname,Vendor Name,Country\nr1,core-1,Huawei,Germany\nr2,core-2,Cisco,de\nr3,core-3,ZTE,Atlantis\n');
  const ok = await run(['import', inv, '--map', 'Asset=id,Hostname=name,Vendor Name=vendor,Country=country', '--db', db]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stderr, /cmdb\.csv:4: unknown country 'Atlantis'/);
  const devices = JSON.parse((await run(['devices', '--db', db, '--json'])).stdout) as Array<{ id: string; name?: string; vendor: string | null; country?: string | null }>;
  assert.deepEqual(devices.map((d) => [d.id, d.name, d.vendor, d.country ?? undefined]), [['r1', 'core-1', 'huawei', 'DE'], ['r2', 'core-2', 'cisco', 'DE'], ['r3', 'core-3', 'zte', undefined]]);

  const before = dumpStore(db);
  const badTarget = await run(['import', inv, '--map', 'Asset=id,Vendor Name=vendr', '--db', db]);
  assert.equal(badTarget.code, 2);
  assert.match(badTarget.stderr, /--map: unknown target column 'vendr' for 'Vendor Name'; did you mean vendor\?/);
  const mapFile = join(dir, 'map.yaml');
  writeFileSync(mapFile, 'Asset: id\nVendor: vendor\n');
  const badSource = await run(['import', inv, '--map-file', mapFile, '--db', db]);
  assert.equal(badSource.code, 2);
  assert.match(badSource.stderr, /cmdb\.csv:1: column 'Vendor' \(mapped to vendor by .*map\.yaml:2\) is not in the file/);
  assert.doesNotMatch(badSource.stderr + badTarget.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(dumpStore(db), before);
});

test('--topology with a link to a device the file does not have: exit 2 at file:line', () => {
  const dir = tempDir();
  const topo = join(dir, 'topo.json');
  writeFileSync(topo, '{"devices": [{"id": "a", "vendor": "cisco"}, {"id": "b"}],\n "links": [\n  {"a": "a", "b": "b"},\n  {"a": "b", "b": "ghost"}\n ]}\n');
  const r = cli(['exposure', '--topology', topo]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /topo\.json:4: link 'b'-'ghost' names 'ghost', which is not a device of/);
});
