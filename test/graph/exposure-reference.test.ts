// Byte-for-byte agreement with ../shared/bench/exposure_ref.cpp (DESIGN section 4), on generated
// workloads and on hand-made edge cases, with 1, 2 and 3 workers.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generate, randInt, referenceBinary, rng, runOurs, runReference, tempDir, writeCase, type PlainCase } from './helpers.js';
import { needsGenerator, needsReference } from './peers.js';

async function agree(dir: string, vendors = 'huawei', workers = [1, 2, 3]): Promise<string> {
  const ref = referenceBinary();
  assert.ok('bin' in ref, 'the C++ reference is compiled (needsReference)');
  const want = runReference(ref.bin, dir, vendors);
  for (const w of workers) assert.equal(await runOurs(dir, vendors, w), want, `${dir} with ${w} worker(s)`);
  return want;
}

describe('exposure vs the C++ reference', needsReference(), () => {
  it('generated workloads, several seeds and sizes', needsGenerator(), async () => {
    const root = tempDir();
    const sizes: Array<[number, number, number, number]> = [
      [50, 5, 60, 1],
      [400, 20, 500, 2],
      [2000, 40, 2000, 3],
      [6000, 30, 3000, 4],
      [1500, 1500, 1500, 5],
    ];
    for (const [V, S, D, seed] of sizes) {
      const dir = join(root, `w${V}-${seed}`);
      generate(dir, V, S, D, seed);
      await agree(dir);
    }
  });

  it('disconnected parts, parallel links, untrusted endpoints, self-flows, isolated nodes', async () => {
    const c: PlainCase = {
      nodes: [
        ['s', 'cisco'], ['a', 'huawei'], ['b', 'nokia'], ['t', 'cisco'], ['u', 'huawei'],
        ['x', 'cisco'], ['y', 'zte'], ['lonely', 'cisco'], ['hub', 'huawei'], ['z', 'juniper'],
      ],
      links: [
        ['s', 'a', 1], ['a', 't', 1], ['s', 'b', 1], ['b', 't', 1], // ECMP diamond: some
        ['s', 'b', 5], ['b', 's', 1], ['s', 'a', 1], // parallel links, both directions
        ['t', 'u', 2], ['u', 't', 7],
        ['x', 'y', ''], ['y', 'x', 3], // separate part, metric column empty → 1
        ['t', 't', 4], // self-loop
        ['hub', 'z', 1],
      ],
      flows: [
        ['f1', 's', 't'], ['f2', 's', 'u'], ['f3', 'u', 's'], ['f4', 's', 'x'], ['f5', 'x', 'y'],
        ['f6', 'y', 'x'], ['f7', 's', 's'], ['f8', 'u', 'u'], ['f9', 'lonely', 'lonely'],
        ['f10', 'lonely', 's'], ['f11', 's', 't'], ['f12', 'a', 'b'], ['f13', 'z', 'hub'], ['f14', 'hub', 'z'],
      ],
    };
    const out = await agree(writeCase(join(tempDir(), 'edge'), c), 'huawei,zte');
    assert.match(out, /^f1,2,some,2$/m);
    assert.match(out, /^f8,0,all,inf$/m);
    assert.match(out, /^f4,inf,unreachable,inf$/m);
  });

  it('ECMP-heavy random graphs (metrics 1-3, dense untrusted, sparse parts)', async () => {
    const root = tempDir();
    for (let seed = 1; seed <= 25; seed++) {
      const r = rng(seed);
      const n = randInt(r, 2, 60);
      const density = r();
      const nodes: PlainCase['nodes'] = Array.from({ length: n }, (_, i) => [`v${i}`, r() < density * 0.6 ? 'huawei' : 'cisco']);
      const links: PlainCase['links'] = [];
      const m = randInt(r, 0, n * 3);
      for (let i = 0; i < m; i++) links.push([`v${randInt(r, 0, n - 1)}`, `v${randInt(r, 0, n - 1)}`, randInt(r, 1, 3)]);
      const flows: PlainCase['flows'] = [];
      const F = randInt(r, 1, 80);
      const sources = Array.from({ length: randInt(r, 1, 6) }, () => `v${randInt(r, 0, n - 1)}`);
      for (let i = 0; i < F; i++) flows.push([`f${i}`, sources[randInt(r, 0, sources.length - 1)]!, `v${randInt(r, 0, n - 1)}`]);
      await agree(writeCase(join(root, `r${seed}`), { nodes, links, flows }), 'huawei', [1, 2]);
    }
  });

  it('large metrics use the heap queue and agree', async () => {
    const r = rng(99);
    const n = 300;
    const nodes: PlainCase['nodes'] = Array.from({ length: n }, (_, i) => [`v${i}`, r() < 0.15 ? 'huawei' : 'cisco']);
    const links: PlainCase['links'] = [];
    for (let i = 0; i < n; i++) {
      links.push([`v${i}`, `v${(i + 1) % n}`, randInt(r, 1, 3) * 1_000_000]);
      links.push([`v${i}`, `v${randInt(r, 0, n - 1)}`, randInt(r, 1, 4) * 1_000_000]);
    }
    const flows: PlainCase['flows'] = Array.from({ length: 400 }, (_, i) => [`f${i}`, `v${i % 7}`, `v${randInt(r, 0, n - 1)}`]);
    await agree(writeCase(join(tempDir(), 'big-metrics'), { nodes, links, flows }));
  });
});
