// Summaries, chokepoints and the kill-switch against brute force on small graphs; the untrusted
// predicates; the loader's errors; results independent of the worker count.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { InputError } from '../../src/model/index.js';
import {
  analyseExposure,
  buildGraph,
  buildKillSet,
  buildUntrusted,
  exposureDocument,
  FLOW_ALREADY_UNREACHABLE,
  FLOW_DISRUPTED,
  killSwitch,
  type FlowInput,
  type NodeInput,
} from '../../src/graph/index.js';
import { readPlainNetwork as loadPlainFiles } from '../../src/ingest/plain/index.js';
import { randInt, rng, tempDir } from './helpers.js';

interface Small {
  nodes: NodeInput[];
  links: Array<{ a: string; b: string; metric: number }>;
  flows: FlowInput[];
}

function randomSmall(seed: number): Small {
  const r = rng(seed);
  const n = randInt(r, 3, 14);
  const nodes: NodeInput[] = Array.from({ length: n }, (_, i) => ({
    id: `v${i}`,
    vendor: r() < 0.3 ? 'huawei' : 'cisco',
    site: `s${i % 4}`,
    layer: r() < 0.5 ? 'core' : 'access',
  }));
  const links = Array.from({ length: randInt(r, 0, n * 2) }, () => ({
    a: `v${randInt(r, 0, n - 1)}`,
    b: `v${randInt(r, 0, n - 1)}`,
    metric: randInt(r, 1, 2),
  }));
  const flows: FlowInput[] = Array.from({ length: randInt(r, 1, 25) }, (_, i) => ({
    id: `f${i}`,
    src: `v${randInt(r, 0, n - 1)}`,
    dst: `v${randInt(r, 0, n - 1)}`,
    class: r() < 0.8 ? 'sensitive' : 'normal',
    volume: randInt(r, 1, 9),
  }));
  return { nodes, links, flows };
}

/** Every shortest path by exhaustive search: fine for a dozen nodes. */
function shortestPaths(c: Small, s: string, t: string): string[][] {
  const adj = new Map<string, Array<[string, number]>>();
  for (const d of c.nodes) adj.set(d.id, []);
  for (const l of c.links) {
    if (l.a === l.b) continue;
    adj.get(l.a)!.push([l.b, l.metric]);
    adj.get(l.b)!.push([l.a, l.metric]);
  }
  let best = Infinity;
  let paths: string[][] = [];
  const walk = (v: string, cost: number, path: string[]): void => {
    if (cost > best) return;
    if (v === t) {
      if (cost < best) {
        best = cost;
        paths = [];
      }
      paths.push([...path]);
      return;
    }
    for (const [w, m] of adj.get(v)!) {
      if (path.includes(w)) continue;
      path.push(w);
      walk(w, cost + m, path);
      path.pop();
    }
  };
  walk(s, 0, [s]);
  return paths;
}

function connected(c: Small, dead: Set<string>, s: string, t: string): boolean {
  if (dead.has(s) || dead.has(t)) return false;
  const seen = new Set([s]);
  const stack = [s];
  while (stack.length) {
    const v = stack.pop()!;
    if (v === t) return true;
    for (const l of c.links) {
      for (const [x, y] of [[l.a, l.b], [l.b, l.a]] as const) {
        if (x === v && !dead.has(y) && !seen.has(y)) {
          seen.add(y);
          stack.push(y);
        }
      }
    }
  }
  return false;
}

describe('chokepoints', () => {
  it('count a device for a flow iff it lies on at least one shortest path (brute force)', async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const c = randomSmall(seed);
      const g = buildGraph(c);
      const U = buildUntrusted(c.nodes, { vendors: ['huawei'] });
      const r = await analyseExposure(g, U, c.flows, { workers: 1, chokepoints: true });
      const want = new Map<string, { flows: number; volume: number; flowsAll: number }>();
      c.flows.forEach((f, i) => {
        const x = r.exposure[i]!;
        if ((f.class ?? 'sensitive') !== 'sensitive' || (x !== 1 && x !== 2)) return;
        const on = new Set(shortestPaths(c, f.src, f.dst).flat());
        for (const id of on) {
          if (!U[g.indexOf.get(id)!]) continue;
          const w = want.get(id) ?? { flows: 0, volume: 0, flowsAll: 0 };
          w.flows++;
          w.volume += f.volume!;
          if (x === 2) w.flowsAll++;
          want.set(id, w);
        }
      });
      const got = new Map(r.summary.chokepoints!.map((p) => [p.id, { flows: p.flows, volume: p.volume, flowsAll: p.flowsAll }]));
      assert.deepEqual(got, want, `seed ${seed}`);
    }
  });

  it('exposure classes agree with path enumeration', async () => {
    for (let seed = 100; seed < 140; seed++) {
      const c = randomSmall(seed);
      const g = buildGraph(c);
      const U = buildUntrusted(c.nodes, { vendors: ['huawei'] });
      const r = await analyseExposure(g, U, c.flows, { workers: 1 });
      c.flows.forEach((f, i) => {
        const paths = shortestPaths(c, f.src, f.dst);
        const dirty = paths.filter((p) => p.some((v) => U[g.indexOf.get(v)!])).length;
        const want = !paths.length ? 3 : dirty === 0 ? 0 : dirty === paths.length ? 2 : 1;
        assert.equal(r.exposure[i], want, `seed ${seed} flow ${f.id}`);
      });
    }
  });
});

describe('kill-switch', () => {
  it('disrupted flows match a connectivity search before and after removal', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const c = randomSmall(seed);
      const g = buildGraph(c);
      const removed = buildKillSet(c.nodes, { vendors: ['huawei'] });
      const dead = new Set(c.nodes.filter((_, i) => removed[i]).map((d) => d.id));
      const r = killSwitch(g, c.nodes, c.flows, removed, { top: Infinity });
      let volume = 0;
      c.flows.forEach((f, i) => {
        const before = connected(c, new Set(), f.src, f.dst);
        const after = connected(c, dead, f.src, f.dst);
        const want = !before ? FLOW_ALREADY_UNREACHABLE : after ? 0 : FLOW_DISRUPTED;
        assert.equal(r.flowStatus[i], want, `seed ${seed} flow ${f.id}`);
        if (want === FLOW_DISRUPTED) volume += f.volume!;
      });
      assert.equal(r.disrupted.volume, volume);
      // restoring one device: brute force over every removed device
      for (const cand of r.restore) {
        const without = new Set(dead);
        without.delete(cand.id);
        const back = c.flows.filter((f, i) => r.flowStatus[i] === FLOW_DISRUPTED && connected(c, without, f.src, f.dst));
        assert.equal(cand.flows, back.length, `seed ${seed} restore ${cand.id}`);
      }
      const listed = new Set(r.restore.map((x) => x.id));
      for (const id of dead) {
        if (listed.has(id)) continue;
        const without = new Set(dead);
        without.delete(id);
        assert.ok(!c.flows.some((f, i) => r.flowStatus[i] === FLOW_DISRUPTED && connected(c, without, f.src, f.dst)), `seed ${seed}: ${id} restores flows but is not listed`);
      }
    }
  });

  it('limits by layer and reports sites cut off', () => {
    const nodes: NodeInput[] = [
      { id: 'a', vendor: 'cisco', site: 'hq' },
      { id: 'h1', vendor: 'huawei', layer: 'core', site: 'pop' },
      { id: 'h2', vendor: 'Huawei', layer: 'access', site: 'branch' },
      { id: 'b', vendor: 'nokia', site: 'branch' },
      { id: 'c', vendor: 'nokia', site: 'far' },
    ];
    const links = [
      { a: 'a', b: 'h1', metric: 1 },
      { a: 'h1', b: 'b', metric: 1 },
      { a: 'b', b: 'h2', metric: 1 },
      { a: 'h1', b: 'c', metric: 1 },
      { a: 'a', b: 'c', metric: 5 },
    ];
    const flows: FlowInput[] = [{ id: 'f', src: 'a', dst: 'b', volume: 7 }];
    const g = buildGraph({ nodes, links });
    const core = killSwitch(g, nodes, flows, buildKillSet(nodes, { vendors: ['huawei'], layers: ['core'] }));
    assert.equal(core.removedDevices, 1);
    assert.equal(core.disrupted.flows, 1);
    assert.equal(core.disrupted.sensitiveVolume, 7);
    assert.deepEqual(core.sitesCutOff, [
      { site: 'pop', devices: 1, removed: 1, reason: 'removed' },
      { site: 'branch', devices: 2, removed: 0, reason: 'isolated' },
    ]);
    assert.deepEqual(core.restore.map((x) => [x.id, x.flows]), [['h1', 1]]);
    const all = killSwitch(g, nodes, flows, buildKillSet(nodes, { vendors: ['huawei'] }));
    assert.equal(all.removedDevices, 2);
  });
});

describe('untrusted predicates', () => {
  const nodes: NodeInput[] = [
    { id: '1', vendor: 'Huawei', country: 'cn', operator: 'X', layer: 'core' },
    { id: '2', vendor: 'cisco', country: 'RU', operator: 'Y', layer: 'ran' },
    { id: '3', vendor: null, country: null, operator: 'OpZ', layer: 'core' },
    { id: '4', vendor: 'zte', country: 'GB', operator: 'Y', layer: 'ran' },
  ];
  it('vendors, countries, operators and layers, case-insensitive, combined by any or all', () => {
    assert.deepEqual([...buildUntrusted(nodes, { vendors: ['huawei', 'ZTE'] })], [1, 0, 0, 1]);
    assert.deepEqual([...buildUntrusted(nodes, { countries: ['CN', 'ru'] })], [1, 1, 0, 0]);
    assert.deepEqual([...buildUntrusted(nodes, { operators: ['opz'] })], [0, 0, 1, 0]);
    assert.deepEqual([...buildUntrusted(nodes, { vendors: ['zte'], countries: ['CN'] })], [1, 0, 0, 1]);
    assert.deepEqual([...buildUntrusted(nodes, { vendors: ['huawei', 'zte'], layers: ['ran'], combine: 'all' })], [0, 0, 0, 1]);
    assert.deepEqual([...buildUntrusted(nodes, {})], [0, 0, 0, 0]);
  });
});

describe('plain-file loader', () => {
  const dir = tempDir();
  const write = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  it('reads extra columns, quotes, CRLF, blank lines, class and volume', async () => {
    const net = await loadPlainFiles({
      nodes: write('n.csv', '\ufeffid,vendor,country,site\r\n"a,1",huawei,CN,x\r\n\r\nb,cisco,,y\r\n'),
      links: write('l.csv', 'a,b\n"a,1",b\n'),
      flows: write('f.csv', 'id,src,dst,class,volume\nf1,"a,1",b,normal,2.5\nf2,b,"a,1",,\n'),
    });
    assert.deepEqual(net.nodes[0], { id: 'a,1', vendor: 'huawei', country: 'CN', operator: null, layer: null, site: 'x', role: null, cost: null });
    assert.equal(net.nodes[1]!.country, null);
    assert.deepEqual([...net.links.metric], [1]);
    assert.deepEqual(net.flows, [
      { id: 'f1', src: 'a,1', dst: 'b', class: 'normal', volume: 2.5 },
      { id: 'f2', src: 'b', dst: 'a,1' },
    ]);
  });

  const bad = async (files: { n?: string; l?: string; f?: string }, where: RegExp): Promise<void> => {
    await assert.rejects(
      loadPlainFiles({
        nodes: write('bn.csv', files.n ?? 'id,vendor\na,x\nb,y\n'),
        links: write('bl.csv', files.l ?? 'a,b,metric\na,b,1\n'),
        flows: write('bf.csv', files.f ?? 'id,src,dst\nf,a,b\n'),
      }),
      (e: unknown) => e instanceof InputError && where.test(e.message),
    );
  };
  it('reports bad input as file:line: message', async () => {
    await bad({ n: 'id,vendor\na,x\na,y\n' }, /bn\.csv:3: duplicate node id "a"/);
    await bad({ l: 'a,b,metric\na,zz,1\n' }, /bl\.csv:2: unknown node "zz"/);
    await bad({ l: 'a,b,metric\na,b,0\n' }, /bl\.csv:2: metric must be an integer/);
    await bad({ l: 'a,b,metric\na,b,1.5\n' }, /bl\.csv:2: metric/);
    await bad({ l: 'x,y\n' }, /bl\.csv:1: missing column "a"/);
    await bad({ f: 'id,src,dst\nf,a,q\n' }, /bf\.csv:2: unknown destination node "q"/);
    await bad({ f: 'id,src,dst,class\nf,a,b,secret\n' }, /bf\.csv:2: class must be one of/);
    await bad({ f: 'id,src,dst,volume\nf,a,b,-1\n' }, /bf\.csv:2: volume/);
    await bad({ n: 'id,vendor\n"a,x\n' }, /bn\.csv:2: unterminated/);
    await bad({ n: '' }, /bn\.csv:1: empty file/);
    await assert.rejects(loadPlainFiles({ nodes: join(dir, 'missing.csv'), links: join(dir, 'missing.csv') }), InputError);
  });
});

describe('workers', () => {
  it('1, 2 and 3 workers give the same JSON document, summary and chokepoints included', async () => {
    const r = rng(5);
    const n = 800;
    const nodes: NodeInput[] = Array.from({ length: n }, (_, i) => ({ id: `v${i}`, vendor: r() < 0.2 ? 'huawei' : 'cisco' }));
    const links = Array.from({ length: n * 3 }, (_, i) => ({ a: `v${i % n}`, b: `v${randInt(r, 0, n - 1)}`, metric: randInt(r, 1, 4) }));
    const flows: FlowInput[] = Array.from({ length: 3000 }, (_, i) => ({
      id: `f${i}`,
      src: `v${randInt(r, 0, 40)}`,
      dst: `v${randInt(r, 0, n - 1)}`,
      class: i % 5 ? 'sensitive' : 'normal',
      volume: r() * 10,
    }));
    const g = buildGraph({ nodes, links });
    const U = buildUntrusted(nodes, { vendors: ['huawei'] });
    const docs: string[] = [];
    for (const workers of [1, 2, 3]) {
      docs.push(JSON.stringify(exposureDocument(await analyseExposure(g, U, flows, { workers, chokepoints: true }))));
    }
    assert.equal(docs[1], docs[0]);
    assert.equal(docs[2], docs[0]);
  });
});
