// Agreement with the NetworkX reference (../shared/bench/exposure_nx.py) and the C++ one on real
// topologies: Internet Topology Zoo and SNDlib, vendors and metrics from a seeded generator.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readGraphml, readSndlib, toCase, withoutParallelLinks } from './convert.js';
import { peer, peers } from '../support/peer.js';
import { DATA, referenceBinary, runNetworkx, runOurs, runReference, tempDir, writeCase } from './helpers.js';
import { needsNetworkx, needsReference } from './peers.js';

const ZOO = ['Abilene', 'Aarnet', 'Colt', 'GtsCe', 'Cogentco', 'Kdl'];
const SND = ['abilene', 'geant', 'janos-us-ca', 'ta2'];

const needs = peers(needsNetworkx(), peer('shared-data', existsSync(DATA) || `${DATA} not found`), needsReference());

async function agree(dir: string): Promise<void> {
  const want = runNetworkx(dir, 'huawei');
  assert.equal(await runOurs(dir, 'huawei', 1), want, `${dir} vs NetworkX`);
  assert.equal(await runOurs(dir, 'huawei', 2), want, `${dir} vs NetworkX, 2 workers`);
  const ref = referenceBinary();
  assert.ok('bin' in ref, 'the C++ reference is compiled (needsReference)');
  assert.equal(runReference(ref.bin, dir, 'huawei'), want, `${dir}: the two references disagree`);
}

describe('exposure vs NetworkX on real topologies', needs, () => {
  it('Topology Zoo', async () => {
    const root = tempDir();
    let n = 0;
    for (const [i, name] of ZOO.entries()) {
      const file = join(DATA, 'topologyzoo', `${name}.graphml`);
      if (!existsSync(file)) continue;
      await agree(writeCase(join(root, name), toCase(withoutParallelLinks(readGraphml(file)), 100 + i, 0.15 + 0.05 * (i % 3))));
      n++;
    }
    assert.ok(n >= 4, `only ${n} Topology Zoo files found`);
  });

  it('SNDlib (their traffic demands as flows)', async () => {
    const root = tempDir();
    let n = 0;
    for (const [i, name] of SND.entries()) {
      const file = join(DATA, 'sndlib', 'native', `${name}.txt`);
      if (!existsSync(file)) continue;
      await agree(writeCase(join(root, name), toCase(withoutParallelLinks(readSndlib(file)), 200 + i, 0.25, 2 + (i % 3))));
      n++;
    }
    assert.ok(n >= 3, `only ${n} SNDlib files found`);
  });
});
