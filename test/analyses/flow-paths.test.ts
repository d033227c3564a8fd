// The flow-paths analysis (src/analyses/flow-paths.ts) on a small imported network: hops carry
// the device's attribution evidence (bounded, the attributed vendor's first, a long sysDescr cut);
// an unreachable flow says so with no paths; an untrusted set matching nothing is "nothing to
// analyse", never a clean answer; the hops table is keyed (route, path, hop).
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { paramsOf } from '../../src/analyses/define.js';
import { flowPathsAnalysis, MAX_HOP_EVIDENCE, type FlowPathsAnalysis } from '../../src/analyses/flow-paths.js';
import { isNothingToAnalyse } from '../../src/model/index.js';
import { importFiles, openStore } from '../../src/store/index.js';
import { tempDir } from '../cli/helpers.js';

const LONG = `Huawei Versatile Routing Platform Software ${'x'.repeat(5000)}`;

describe('flow-paths analysis', () => {
  let dir = '';
  let db = '';
  before(async () => {
    dir = tempDir('cleanpath-flow-paths-analysis-');
    db = join(dir, 'net.db');
    // a - h - c and a - n - c: two equal-cost paths, one through Huawei; z stands alone
    writeFileSync(join(dir, 'inventory.csv'), [
      'id,name,vendor,site,country,sys_descr,mac,sys_object_id',
      'a,Edge A,cisco,s1,DE,,,',
      `h,Core H,huawei,s2,DE,${LONG},00:e0:fc:12:34:56,1.3.6.1.4.1.2011.2.224.30`,
      'n,Core N,nokia,s3,FR,,,',
      'c,Edge C,cisco,s4,FR,,,',
      'z,Island,cisco,s5,IT,,,',
    ].join('\n') + '\n');
    writeFileSync(join(dir, 'links.csv'), 'a,b,metric\na,h,1\nh,c,1\na,n,1\nn,c,1\n');
    writeFileSync(join(dir, 'flows.csv'), 'id,src,dst,class\nf1,a,c,sensitive\nf2,a,z,sensitive\n');
    const store = openStore(db);
    await importFiles(store, ['inventory.csv', 'links.csv', 'flows.csv'].map((f) => join(dir, f)), { snapshot: 'net' }).finally(() => store.close());
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const run = (flow: string, extra: Record<string, unknown> = {}, strict = false): Promise<FlowPathsAnalysis> =>
    flowPathsAnalysis.run({ db }, paramsOf(flowPathsAnalysis, { flow, ...extra }), { strict });

  it('lists both paths, the Huawei hop with its evidence bounded and cut, and the clean alternative at no extra cost', async () => {
    const d = await run('f1');
    assert.equal(d.exposure, 'some');
    assert.equal(d.total, 2);
    assert.deepEqual(d.paths.map((p) => p.hops.map((h) => h.device)), [['a', 'h', 'c'], ['a', 'n', 'c']]);
    const h = d.paths[0]!.hops[1]!;
    assert.equal(h.untrusted, true);
    assert.equal(h.name, 'Core H');
    assert.ok(h.evidence.length > 0 && h.evidence.length <= MAX_HOP_EVIDENCE);
    assert.equal(h.evidence[0]!.vendor, 'huawei', 'evidence for the attributed vendor first');
    const descr = h.evidence.find((e) => e.kind === 'sysdescr')!;
    assert.ok(descr.value.length <= 201 && descr.value.endsWith('…'), 'a long sysDescr is cut');
    assert.match(descr.source, /inventory\.csv:3$/);
    assert.deepEqual(d.clean?.hops.map((x) => x.device), ['a', 'n', 'c']);
    assert.equal(d.clean?.extra, 0);
    const rows = flowPathsAnalysis.tables[0]!.rows(d);
    const keys = rows.map((r) => `${r.route}/${r.path}/${r.hop}`);
    assert.equal(new Set(keys).size, keys.length, 'the hops table is keyed');
    assert.equal(rows.length, 3 + 3 + 3);
  });

  it('an unreachable flow has no paths, no clean alternative and says unreachable', async () => {
    const d = await run('f2');
    assert.deepEqual([d.exposure, d.cost, d.total, d.paths.length, d.clean], ['unreachable', null, 0, 0, null]);
  });

  it('an untrusted set that matches no device is nothing to analyse, never a clean answer', async () => {
    const d = await run('f1', { untrusted: ['zte'] });
    assert.match(d.nothingToAnalyse ?? '', /no device in snapshot net matches/);
    await assert.rejects(run('f1', { untrusted: ['zte'] }, true), (e) => isNothingToAnalyse(e));
  });
});
