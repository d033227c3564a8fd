// Stretch bounds (heuristic repair, violations reported) and the `plan` command end to end.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildGraph, buildUntrusted, type NodeInput } from '../../src/graph/index.js';
import { parseCostTable } from '../../src/ingest/plain/index.js';
import { CostTable, DEFAULT_COST_TABLE, nodeCosts, planReplacement } from '../../src/plan/index.js';

function detour() {
  const nodes: NodeInput[] = [{ id: 'a', vendor: 'nokia' }, { id: 'U', vendor: 'huawei' }, { id: 'c', vendor: 'nokia' }, { id: 'T', vendor: 'nokia' }];
  const g = buildGraph({ nodes, links: [{ a: 'a', b: 'U', metric: 1 }, { a: 'U', b: 'c', metric: 1 }, { a: 'a', b: 'T', metric: 10 }, { a: 'T', b: 'c', metric: 10 }] });
  return { g, untrusted: buildUntrusted(nodes, { vendors: ['huawei'] }), cost: Float64Array.from([0, 100, 0, 0]), flows: [{ id: 'f', src: 'a', dst: 'c' }] };
}

test('stretch bound: a clean detour 10x longer is repaired by replacing the short path', async () => {
  const free = await planReplacement(detour(), {});
  assert.equal(free.totalCost, 0);
  assert.equal(free.flows[0]!.stretch, 10);
  const bounded = await planReplacement(detour(), { maxStretch: 2 });
  assert.deepEqual(bounded.devices.map((d) => [d.id, d.reasons]), [['U', ['stretch']]]);
  assert.equal(bounded.flows[0]!.stretch, 1);
  assert.equal(bounded.flows[0]!.stretchViolated, false);
  assert.ok(bounded.lowerBound <= bounded.totalCost);
  const loose = await planReplacement(detour(), { flowStretch: new Map([['f', 12]]), maxStretch: 1.5 });
  assert.equal(loose.totalCost, 0, 'the per-flow bound overrides the global one');
});

test('costs: inventory cost first, else the table by layer+role > role > layer > default; user table overrides', () => {
  const user = parseCostTable('layer,role,cost\ncore,,700000\n*,switch,1000\n', 'costs.csv');
  const t = new CostTable(DEFAULT_COST_TABLE, user);
  const { cost, fromTable } = nodeCosts(
    [{ cost: 5 }, { layer: 'core' }, { layer: 'core', role: 'router' }, { role: 'switch', layer: 'access' }, { layer: 'nothing' }, undefined],
    t,
  );
  assert.deepEqual([...cost], [5, 700000, 650000, 1000, 50000, 50000]);
  assert.equal(fromTable, 5);
  assert.throws(() => parseCostTable('layer,cost\ncore,lots\n', 'c.csv'), /c\.csv:2/);
});

const REPO = join(import.meta.dirname, '..', '..');
function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'test', 'plan', 'cli-entry.ts'), ...args], { cwd: REPO, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test('cleanpath plan on plain files: JSON, CSV, table, budget phases, forced file, bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cleanpath-plan-cli-'));
  writeFileSync(join(dir, 'nodes.csv'), 'id,vendor,layer,cost\na,nokia,core,\nX,huawei,core,100\nb,nokia,core,\nY,huawei,transport,\nc,nokia,core,\nZ,huawei,core,300\nW,zte,access,50\n');
  writeFileSync(join(dir, 'links.csv'), 'a,b,metric\na,X,1\nX,b,1\nb,Y,1\nY,c,1\na,Z,5\nZ,c,5\nc,W,1\n');
  writeFileSync(join(dir, 'flows.csv'), 'id,src,dst,class,volume\nf1,a,b,sensitive,10\nf2,b,c,,5\nf3,a,c,normal,1\n');
  writeFileSync(join(dir, 'forced.csv'), 'id,deadline,reason\nW,2026-12-31,rule A\n');
  writeFileSync(join(dir, 'costs.csv'), 'layer,role,cost\ntransport,,120\n');
  const base = ['plan', '--nodes', join(dir, 'nodes.csv'), '--links', join(dir, 'links.csv'), '--flows', join(dir, 'flows.csv')];
  const j = cli([...base, '--json', '--exact', '--cost-table', join(dir, 'costs.csv'), '--forced', join(dir, 'forced.csv'), '--budget', '150/year', '--budget-start', '2026-01-01']);
  assert.equal(j.code, 0, j.stderr);
  const doc = JSON.parse(j.stdout) as { totalCost: number; lowerBound: number; gap: number; status: string; devices: { id: string; cost: number }[]; phasing: { phases: { devices: string[] }[] } };
  assert.equal(doc.status, 'optimal');
  assert.equal(doc.totalCost, 270); // X 100 + Y 120 (user table, transport) + W 50 (forced)
  assert.equal(doc.lowerBound, 270);
  assert.equal(doc.gap, 0);
  assert.deepEqual(doc.devices.map((d) => d.id), ['W', 'Y', 'X']);
  assert.deepEqual(doc.phasing.phases.map((p) => p.devices), [['W', 'X'], ['Y']]);
  const c = cli([...base, '--format', 'csv', '--heuristic']);
  assert.equal(c.code, 0, c.stderr);
  const lines = c.stdout.trim().split('\n');
  assert.equal(lines[0], 'kind,id,cost,lower_bound,gap,reasons,deadline,forced_by,flows,phase');
  assert.match(lines[1]!, /^total,heuristic:optimal,400,400,0,/); // Y at the default transport cost (140000): X + Z instead
  const t = cli([...base, '--budget', '100/quarter', '--budget-start', '2026-01-01', '--periods', '2', '--no-carry-over']);
  assert.equal(t.code, 0, t.stderr);
  assert.match(t.stdout, /total cost/);
  assert.match(t.stdout, /still exposed at the end: 1 flow\(s\): f2/);
  const bad = cli([...base, '--budget', 'plenty']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--budget: expected AMOUNT\/PERIOD/);
  const badForced = cli([...base, '--forced', join(dir, 'costs.csv')]);
  assert.equal(badForced.code, 2);
  assert.match(badForced.stderr, /costs\.csv:1: header must name id and deadline/);
});
