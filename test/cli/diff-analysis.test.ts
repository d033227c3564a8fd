// Issue 15's "Done when": `cleanpath diff A B --analysis exposure` on two snapshots of a real
// topology lists exactly the flows whose (cost, exposure, clean_cost) changed, checked against the
// C++ reference run on both snapshots' equivalent plain files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceBinary, runReference } from '../graph/helpers.js';
import { needsReference } from '../graph/peers.js';
import { peer, peers } from '../support/peer.js';
import { cli, SHARED_DATA, tempDir } from './helpers.js';
import { runInProcess as run } from './in-process.js'; // commands in-process; one stays a real spawn

const ZOO = join(SHARED_DATA, 'topologyzoo', 'Geant2011.graphml');
const needs = peers(peer('shared-data', existsSync(ZOO) || `${ZOO} absent`), needsReference());

function readZoo(file: string): { nodes: Array<{ id: string; name: string }>; edges: Array<[string, string]> } {
  const xml = readFileSync(file, 'utf8');
  const labelKey = /<key attr\.name="label"[^>]*for="node"[^>]*id="(\w+)"/.exec(xml)![1];
  const nodes = [...xml.matchAll(/<node id="([^"]+)">([\s\S]*?)<\/node>/g)].map((m) => ({ id: m[1]!, name: new RegExp(`<data key="${labelKey}">([^<]*)</data>`).exec(m[2]!)![1]! }));
  const edges = [...xml.matchAll(/<edge source="([^"]+)" target="([^"]+)"/g)].map((m): [string, string] => [m[1]!, m[2]!]);
  return { nodes, edges };
}

/** Quarter 3: about a fifth Huawei, some ZTE. Quarter 4: some Huawei replaced, one new. */
const q3 = (i: number): string => (i % 5 === 0 ? 'huawei' : i % 7 === 3 ? 'zte' : i % 2 === 0 ? 'cisco' : 'juniper');
const q4 = (i: number): string => (i % 10 === 0 ? 'nokia' : i === 11 ? 'huawei' : q3(i));

type Triple = { cost: number | null; exposure: string; clean_cost: number | null };

function parseReference(csv: string): Map<string, Triple> {
  const num = (s: string) => (s === 'inf' ? null : Number(s));
  const rows = csv.trim().split('\n').slice(1).map((l) => l.split(','));
  return new Map(rows.map(([id, cost, exposure, clean]) => [id!, { cost: num(cost!), exposure: exposure!, clean_cost: num(clean!) }]));
}

test('diff --analysis exposure on two snapshots of GÉANT lists exactly the flows the C++ reference says changed', needs, async () => {
  const zoo = readZoo(ZOO);
  const dir = tempDir();
  const db = join(dir, 'geant.db');
  const step = async (args: string[]) => {
    const r = await run([...args, '--db', db]);
    assert.equal(r.code, 0, `cleanpath ${args.join(' ')}: ${r.stderr}`);
    return r;
  };
  const n = zoo.nodes.length;
  const flows = zoo.nodes.flatMap((_, i) => [7, 13, 19].map((s) => [i, (i + s) % n] as const)).filter(([a, b]) => a !== b);
  await step(['import', ZOO, '--snapshot', 'zoo']);
  const vendors = (f: (i: number) => string, name: string) => {
    const file = join(dir, `${name}.csv`);
    writeFileSync(file, 'name,vendor\n' + zoo.nodes.map((x, i) => `${x.name},${f(i)}`).join('\n') + '\n');
    return file;
  };
  const flowsFile = join(dir, 'flows.csv');
  writeFileSync(flowsFile, 'id,src,dst\n' + flows.map(([a, b], k) => `f${k},${zoo.nodes[a]!.name},${zoo.nodes[b]!.name}`).join('\n') + '\n');
  await step(['import', vendors(q3, 'v3'), '--base', 'zoo', '--update', '--snapshot', 'q3-vendors']);
  await step(['import', flowsFile, '--base', 'q3-vendors', '--snapshot', 'q3']);
  await step(['import', vendors(q4, 'v4'), '--base', 'q3', '--update', '--snapshot', 'q4']);

  const diff = JSON.parse((await step(['diff', 'q3', 'q4', '--analysis', 'exposure', '--untrusted', 'huawei,zte', '--format', 'json'])).stdout) as {
    analysis: string; table: string; added: unknown[]; removed: unknown[]; changed: Array<{ key: { id: string }; before: Partial<Triple>; after: Partial<Triple> }>;
  };
  assert.equal(diff.analysis, 'exposure');
  assert.equal(diff.table, 'flows');

  const ref = referenceBinary();
  assert.ok('bin' in ref, 'the C++ reference is compiled (needsReference)');
  const reference = (f: (i: number) => string, name: string) => {
    const plain = join(dir, name);
    mkdirSync(plain);
    writeFileSync(join(plain, 'nodes.csv'), 'id,vendor\n' + zoo.nodes.map((x, i) => `${x.id},${f(i)}`).join('\n') + '\n');
    writeFileSync(join(plain, 'links.csv'), 'a,b,metric\n' + zoo.edges.map(([a, b]) => `${a},${b},1`).join('\n') + '\n');
    writeFileSync(join(plain, 'flows.csv'), 'id,src,dst\n' + flows.map(([a, b], k) => `f${k},${zoo.nodes[a]!.id},${zoo.nodes[b]!.id}`).join('\n') + '\n');
    return parseReference(runReference(ref.bin, plain, 'huawei,zte'));
  };
  const before = reference(q3, 'plain-q3');
  const after = reference(q4, 'plain-q4');
  const expected = new Map<string, { before: Partial<Triple>; after: Partial<Triple> }>();
  for (const [id, a] of after) {
    const b = before.get(id)!;
    const cols = (['cost', 'exposure', 'clean_cost'] as const).filter((c) => b[c] !== a[c]);
    if (cols.length) expected.set(id, { before: Object.fromEntries(cols.map((c) => [c, b[c]])), after: Object.fromEntries(cols.map((c) => [c, a[c]])) });
  }
  assert.ok(expected.size >= 5, `the vendor changes move some flows (${expected.size})`);
  assert.ok(expected.size < flows.length, 'and leave others as they were');
  assert.deepEqual(diff.added, []);
  assert.deepEqual(diff.removed, []);
  assert.deepEqual(new Map(diff.changed.map((c) => [c.key.id, { before: c.before, after: c.after }])), expected);

  // the same diff as CSV (defused, one row per changed flow) and as a table that says the counts
  const csv = (await step(['diff', 'q3', 'q4', '--analysis', 'exposure', '--format', 'csv'])).stdout.trim().split('\n');
  assert.equal(csv[0], 'change,id,cost_before,cost_after,exposure_before,exposure_after,clean_cost_before,clean_cost_after');
  assert.equal(csv.length, 1 + expected.size);
  assert.match((await step(['diff', 'q3', 'q4', '--analysis', 'exposure'])).stdout, new RegExp(`Exposure — Flows: 0 added, 0 removed, ${expected.size} changed \\(q3 -> q4\\)`));
  // an option of another analysis is refused by name
  const wrong = cli(['diff', 'q3', 'q4', '--analysis', 'findings', '--untrusted', 'huawei', '--db', db]);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /--untrusted: is not a parameter of findings/);
});
