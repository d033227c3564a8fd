// GET /api/snapshots/{snapshot}/flows/{id}/paths (issue 18.1) on real topologies: a Topology Zoo
// GraphML and an SNDlib instance imported into the store as they are, vendors assigned by an
// update import, flows added; every flow's paths, total, class and clean cost as the API answers
// them equal NetworkX's all_shortest_paths over the links the store holds. Then the errors: another
// organisation's snapshot and an unknown flow are 404, a bad limit is 400.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FlowPathsAnalysis } from '../../src/analyses/flow-paths.js';
import { importFiles, openStore } from '../../src/store/index.js';
import { DATA, networkxPython } from '../graph/helpers.js';
import { needsNetworkx } from '../graph/peers.js';
import { peer, peers } from '../support/peer.js';
import { buildFixture, json, removeFixture, serve, type Fixture, type Running } from './helpers.js';

const ZOO = join(DATA, 'topologyzoo', 'GtsCe.graphml');
const SNDLIB = join(DATA, 'sndlib', 'xml', 'geant.xml');
const needs = peers(needsNetworkx(), peer('shared-data', (existsSync(ZOO) && existsSync(SNDLIB)) || `${ZOO} or ${SNDLIB} not found`));

// per flow: every shortest path ("a b c", sorted), the class over them, and the clean cost
const NX_SCRIPT = `
import json, sys, networkx as nx
case = json.load(open(sys.argv[1]))
bad = set(case['untrusted'])
g = nx.Graph()
g.add_nodes_from(case['nodes'])
for a, b, m in case['links']:
    if not g.has_edge(a, b) or g[a][b]['weight'] > m:
        g.add_edge(a, b, weight=m)
clean = g.subgraph(n for n in g if n not in bad)
out = {}
for fid, s, d in case['flows']:
    try:
        paths = sorted(' '.join(p) for p in nx.all_shortest_paths(g, s, d, weight='weight'))
    except nx.NetworkXNoPath:
        paths = []
    hit = [any(n in bad for n in p.split(' ')) for p in paths]
    cls = 'unreachable' if not paths else 'all' if all(hit) else 'some' if any(hit) else 'none'
    try:
        cc = nx.shortest_path_length(clean, s, d, weight='weight') if s in clean and d in clean else None
    except nx.NetworkXNoPath:
        cc = None
    out[fid] = {'paths': paths, 'exposure': cls, 'clean': cc}
json.dump(out, sys.stdout)
`;

interface Expected {
  paths: string[];
  exposure: string;
  clean: number | null;
}

let f: Fixture;
let s: Running;

/** Imports `file` as it is, then gives every fifth device Huawei (the rest trusted makers) and adds `flows`. */
async function importWithVendors(file: string, name: string, flowCount: number): Promise<{ nodes: string[]; links: Array<[string, string, number]>; flows: Array<[string, string, string]>; untrusted: string[] }> {
  const store = openStore(f.db);
  try {
    await importFiles(store, [file], { snapshot: `${name}-raw`, organisation: 'alpha' });
    const raw = await store.resolveSnapshot(`${name}-raw`, 'alpha');
    const nodes = (await store.devices(raw.id)).map((d) => d.id);
    const makers = ['cisco', 'juniper', 'nokia', 'ericsson'];
    const vendor = (i: number) => (i % 5 === 2 ? 'huawei' : makers[i % 4]!);
    const vendors = join(f.dir, `${name}-vendors.csv`);
    writeFileSync(vendors, `id,vendor\n${nodes.map((id, i) => `${id},${vendor(i)}`).join('\n')}\n`);
    const files = [vendors];
    // a deterministic spread of endpoint pairs, far apart in input order (long paths, many ties)
    const pairs: Array<[string, string, string]> = [];
    for (let k = 0; k < flowCount; k++) pairs.push([`${name}-f${k}`, nodes[(k * 7) % nodes.length]!, nodes[(k * 13 + Math.floor(nodes.length / 2)) % nodes.length]!]);
    const flowsCsv = join(f.dir, `${name}-flows.csv`);
    writeFileSync(flowsCsv, `id,src,dst\n${pairs.filter(([, a, b]) => a !== b).map((p) => p.join(',')).join('\n')}\n`);
    files.push(flowsCsv);
    await importFiles(store, files, { snapshot: name, base: `${name}-raw`, update: true, organisation: 'alpha' });
    const snap = await store.resolveSnapshot(name, 'alpha');
    const links = (await store.links(snap.id)).map((l): [string, string, number] => [l.a, l.b, l.metric]);
    const flows = (await store.flows(snap.id)).map((x): [string, string, string] => [x.id, x.src, x.dst]);
    const untrusted = (await store.devices(snap.id)).filter((d) => d.vendor === 'huawei').map((d) => d.id);
    return { nodes, links, flows, untrusted };
  } finally {
    await store.close();
  }
}

function networkx(c: object): Record<string, Expected> {
  const dir = f.dir;
  writeFileSync(join(dir, 'nx-case.json'), JSON.stringify(c));
  writeFileSync(join(dir, 'nx-paths.py'), NX_SCRIPT);
  const r = spawnSync(networkxPython()!, [join(dir, 'nx-paths.py'), join(dir, 'nx-case.json')], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, Expected>;
}

async function paths(snapshot: string, flow: string, query = '', token = f.tokens.alphaViewer): Promise<Response> {
  return s.get(`/api/snapshots/${encodeURIComponent(snapshot)}/flows/${encodeURIComponent(flow)}/paths${query}`, token);
}

before(async () => {
  f = await buildFixture('cleanpath-server-flow-paths-');
  s = await serve(f, { rateLimit: false });
});
after(async () => {
  await s?.close();
  if (f) removeFixture(f);
});

describe('GET /api/snapshots/{snapshot}/flows/{id}/paths', () => {
  it("equals NetworkX's all_shortest_paths on a Topology Zoo and an SNDlib network imported into the store", needs, async () => {
    let compared = 0;
    for (const [file, name, flowCount] of [[ZOO, 'gtsce', 12], [SNDLIB, 'geant', 0]] as const) {
      const c = await importWithVendors(file, name, flowCount);
      assert.ok(c.untrusted.length > 0 && c.flows.length > 0, name);
      const asked = c.flows.filter((_, i) => i % Math.max(1, Math.floor(c.flows.length / 12)) === 0);
      const want = networkx({ ...c, flows: asked });
      for (const [id, src, dst] of asked) {
        const r = await paths(name, id, '?limit=1000&untrusted=huawei');
        assert.equal(r.status, 200, `${name} ${id}`);
        const d = await json<FlowPathsAnalysis>(r);
        const got = d.paths.map((p) => p.hops.map((h) => h.device).join(' ')).sort();
        assert.deepEqual(got, want[id]!.paths, `${name} ${id}: paths differ from NetworkX`);
        assert.equal(d.total, got.length, `${name} ${id}: total`);
        assert.equal(d.exposure, want[id]!.exposure, `${name} ${id}: class`);
        assert.equal(d.clean?.cost ?? null, want[id]!.clean, `${name} ${id}: clean cost`);
        assert.deepEqual([d.flow.src, d.flow.dst], [src, dst]);
        for (const h of [...d.paths.flatMap((p) => p.hops), ...(d.clean?.hops ?? [])]) {
          assert.equal(h.untrusted, c.untrusted.includes(h.device), `${name} ${id} ${h.device}: untrusted`);
          if (h.untrusted) assert.ok(h.evidence.some((e) => e.vendor === 'huawei' && e.kind === 'declared'), `${name} ${h.device}: its evidence`);
        }
        compared += got.length;
      }
    }
    assert.ok(compared >= 40, `only ${compared} paths compared`);
  });

  it('is the registry\'s flow-paths document; limit bounds the list but not the total', async () => {
    const flows = await json<{ flows: Array<{ id: string; exposure: string }> }>(await s.get('/api/snapshots/demo/exposure', f.tokens.alphaViewer));
    const some = flows.flows.find((x) => x.exposure === 'some')!;
    const viaRoute = await json<FlowPathsAnalysis>(await paths('demo', some.id, '?limit=2'));
    const viaRegistry = await json<FlowPathsAnalysis>(await s.get(`/api/snapshots/demo/flow-paths?flow=${encodeURIComponent(some.id)}&limit=2`, f.tokens.alphaViewer));
    assert.deepEqual(viaRoute, viaRegistry);
    assert.equal(viaRoute.exposure, 'some');
    assert.equal(viaRoute.paths.length, 2);
    assert.ok(viaRoute.total > 2, 'the demo flow has more than two equal-cost paths');
    assert.ok(viaRoute.clean && viaRoute.clean.hops.every((h) => !h.untrusted));
    const openapi = await json<{ paths: Record<string, { get?: { parameters?: Array<{ name: string; in: string }> } }> }>(await s.get('/api/openapi.json'));
    const op = openapi.paths['/api/snapshots/{snapshot}/flows/{id}/paths']?.get;
    assert.ok(op, 'in the OpenAPI document');
    assert.deepEqual(op.parameters!.filter((p) => p.in === 'query').map((p) => p.name).sort(), ['avoidCountry', 'avoidLayer', 'avoidOperator', 'limit', 'untrusted']);
  });

  it("answers 404 for another organisation's snapshot and an unknown flow (naming it), 400 for a bad limit", async () => {
    const flowId = (await json<{ flows: Array<{ id: string }> }>(await s.get('/api/snapshots/demo/exposure', f.tokens.alphaViewer))).flows[0]!.id;
    assert.equal((await paths('demo', flowId, '', f.tokens.betaViewer)).status, 404);
    assert.equal((await paths('demo', flowId, '', '')).status, 401);
    const unknown = await paths('demo', 'no-such-flow');
    assert.equal(unknown.status, 404);
    assert.match((await json<{ error: string }>(unknown)).error, /no flow 'no-such-flow' in snapshot demo/);
    for (const q of ['limit=0', 'limit=abc', 'limit=1001', 'avoidCountry=Atlantis']) {
      const r = await paths('demo', flowId, `?${q}`);
      assert.equal(r.status, 400, q);
      assert.match((await json<{ error: string }>(r)).error, new RegExp(`^query parameter "${q.split('=')[0]}"`), q);
    }
    const missing = await s.get('/api/snapshots/demo/flow-paths', f.tokens.alphaViewer);
    assert.equal(missing.status, 400);
    assert.match((await json<{ error: string }>(missing)).error, /query parameter "flow": name the flow/);
  });
});
