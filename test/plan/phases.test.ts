// Forced replacements are always in the plan; budget phasing respects the money per period,
// meets what deadlines it can, and says which deadlines are missed and which flows stay exposed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildGraph, buildUntrusted, type FlowInput, type LinkInput, type NodeInput } from '../../src/graph/index.js';
import { parseForced } from '../../src/ingest/plain/index.js';
import { parseBudget, periodStart, phaseInputOf, phasePlan, planReplacement, type PlanNetwork } from '../../src/plan/index.js';
import { bruteForce, randomInstance, toNetwork } from './helpers.js';

/**
 * a - X - b - Y - c, with a detour a - Z - c: X, Y, Z untrusted.
 *   flow f1 a→b needs X; flow f2 b→c needs Y; flow f3 a→c needs Z (or X and Y).
 */
function line(): PlanNetwork {
  const nodes: NodeInput[] = ['a', 'b', 'c', 'X', 'Y', 'Z', 'W'].map((id) => ({ id, vendor: /[A-Z]/.test(id) ? 'huawei' : 'nokia' }));
  const links: LinkInput[] = [
    { a: 'a', b: 'X', metric: 1 }, { a: 'X', b: 'b', metric: 1 }, { a: 'b', b: 'Y', metric: 1 }, { a: 'Y', b: 'c', metric: 1 },
    { a: 'a', b: 'Z', metric: 5 }, { a: 'Z', b: 'c', metric: 5 }, { a: 'c', b: 'W', metric: 1 },
  ];
  const flows: FlowInput[] = [
    { id: 'f1', src: 'a', dst: 'b', volume: 10 },
    { id: 'f2', src: 'b', dst: 'c', volume: 5 },
    { id: 'f3', src: 'a', dst: 'c', volume: 1 },
    { id: 'f4', src: 'a', dst: 'c', class: 'normal' },
  ];
  const g = buildGraph({ nodes, links });
  const cost = Float64Array.from(nodes, (d) => ({ X: 100, Y: 100, Z: 300, W: 50 })[d.id as 'X'] ?? 0);
  return { g, untrusted: buildUntrusted(nodes, { vendors: ['huawei'] }), cost, flows };
}

test('plan on a small line: X and Y, not the dearer detour; non-sensitive flows ignored', async () => {
  const plan = await planReplacement(line(), { mode: 'exact' });
  assert.deepEqual(plan.devices.map((d) => d.id).sort(), ['X', 'Y']);
  assert.equal(plan.totalCost, 200);
  assert.equal(plan.lowerBound, 200);
  assert.equal(plan.gap, 0);
  assert.equal(plan.flows.length, 3);
});

test('forced devices are always in the plan, with their deadline and reason', async () => {
  const net = line();
  const plan = await planReplacement(net, { mode: 'exact', forced: [{ id: 'W', deadline: '2027-12-31', reason: 'UK: removal by end-2027' }, { id: 'nope', deadline: '2027-01-01', reason: 'x' }] });
  const w = plan.devices.find((d) => d.id === 'W');
  assert.ok(w);
  assert.deepEqual(w.reasons, ['forced']);
  assert.equal(w.deadline, '2027-12-31');
  assert.equal(plan.totalCost, 250);
  assert.ok(plan.lowerBound <= 250 && plan.lowerBound >= 250 - 1e-9);
  assert.ok(plan.notes.some((n) => n.includes('"nope"')));
  // forcing Z: f1 needs X, and then f2 goes b-X-a-Z-c: Y is no longer needed
  const plan2 = await planReplacement(net, { mode: 'exact', forced: [{ id: 'Z', deadline: '2026-06-30', reason: 'DE core' }] });
  assert.deepEqual(plan2.devices.map((d) => d.id).sort(), ['X', 'Z']);
  assert.equal(plan2.totalCost, 400);
});

test('forced devices on random instances: plan = brute force with them fixed, always present', async () => {
  for (let seed = 1; seed <= 120; seed++) {
    const inst = randomInstance(seed + 5000);
    const U = inst.nodes.filter((d) => d.vendor === 'huawei').map((d) => d.id);
    const forced = U.filter((_, i) => (i * 7 + seed) % 4 === 0).map((id) => ({ id, deadline: '2027-12-31', reason: 'r' }));
    const plan = await planReplacement(toNetwork(inst), { mode: seed % 2 ? 'exact' : 'heuristic', forced });
    for (const f of forced) assert.ok(plan.devices.some((d) => d.id === f.id), `seed ${seed}: forced ${f.id} missing`);
    const opt = bruteForce(inst, new Set(forced.map((f) => f.id)));
    assert.ok(plan.lowerBound <= opt + 1e-6, `seed ${seed}: bound ${plan.lowerBound} > ${opt}`);
    if (seed % 2) assert.ok(Math.abs(plan.totalCost - opt) < 1e-6, `seed ${seed}: exact ${plan.totalCost} vs ${opt}`);
    else assert.ok(plan.totalCost >= opt - 1e-6);
  }
});

test('untrusted endpoints are replaced (they lie on every path)', async () => {
  const nodes: NodeInput[] = [{ id: 's', vendor: 'huawei' }, { id: 'm', vendor: 'nokia' }, { id: 't', vendor: 'nokia' }];
  const g = buildGraph({ nodes, links: [{ a: 's', b: 'm', metric: 1 }, { a: 'm', b: 't', metric: 1 }] });
  const plan = await planReplacement({ g, untrusted: buildUntrusted(nodes, { vendors: ['huawei'] }), cost: Float64Array.from([7, 0, 0]), flows: [{ id: 'f', src: 's', dst: 't' }] });
  assert.deepEqual(plan.devices.map((d) => [d.id, d.reasons]), [['s', ['endpoint']]]);
  assert.equal(plan.flows[0]!.status, 'endpoint');
  assert.equal(plan.totalCost, 7);
  assert.equal(plan.lowerBound, 7);
});

test('budget phases: money per period respected, deadlines met when affordable, missed and exposed reported', async () => {
  const net = line();
  const forced = [{ id: 'W', deadline: '2026-12-31', reason: 'rule A' }];
  const plan = await planReplacement(net, { mode: 'exact', forced });
  // 120 per year with carry-over: W (50) first by its deadline, then X (f1, volume 10), then Y
  const p = phasePlan(net, phaseInputOf(plan), { ...parseBudget('120/year', '2026-01-01') });
  for (const ph of p.phases) assert.ok(ph.spent <= ph.available + 1e-9);
  assert.deepEqual(p.phases.map((ph) => ph.devices), [['W'], ['X'], ['Y']]);
  assert.deepEqual(p.phases[1]!.flowsCleaned, ['f1']);
  assert.deepEqual(p.phases[2]!.flowsCleaned.sort(), ['f2', 'f3']);
  assert.equal(p.missedDeadlines.length, 0);
  assert.deepEqual(p.exposedAtEnd, []);
  assert.equal(p.totalSpent, 250);
  // no carry-over, 2 years only, W due before the first period ends: W met, Y unfunded, f2 f3 exposed
  const q = phasePlan(net, phaseInputOf(plan), { amount: 120, period: 'year', start: '2026-01-01', periods: 2, carryOver: false });
  assert.deepEqual(q.phases.map((ph) => ph.devices), [['W'], ['X']]);
  assert.deepEqual(q.unfunded, ['Y']);
  assert.deepEqual(q.exposedAtEnd.sort(), ['f2', 'f3']);
  // a deadline before the money arrives is missed, and said so
  const late = [{ id: 'W', deadline: '2026-03-31', reason: 'rule B' }];
  const plan3 = await planReplacement(net, { mode: 'exact', forced: late });
  const r = phasePlan(net, phaseInputOf(plan3), { amount: 40, period: 'quarter', start: '2026-01-01' });
  assert.deepEqual(r.missedDeadlines.map((m) => [m.id, m.phase, m.replacedBy]), [['W', 1, '2026-06-30']]);
  for (const ph of r.phases) assert.ok(ph.spent <= ph.available + 1e-9);
  // a device dearer than one period without carry-over is never funded
  const s = phasePlan(net, phaseInputOf(plan), { amount: 60, period: 'month', start: '2026-01-31', carryOver: false });
  assert.deepEqual(s.unfunded.sort(), ['X', 'Y']);
  assert.deepEqual(s.phases.map((ph) => [ph.start, ph.end, ph.devices]), [['2026-01-31', '2026-02-28', ['W']]]);
});

test('phases on random instances never overspend, buy every funded device once, end clean', async () => {
  for (let seed = 1; seed <= 60; seed++) {
    const inst = randomInstance(seed + 9000, { n: 12 });
    const net = toNetwork(inst);
    const plan = await planReplacement(net, { mode: 'heuristic' });
    const budget = { amount: 15, period: 'quarter' as const, start: '2026-01-01', carryOver: seed % 2 === 0 };
    const p = phasePlan(net, phaseInputOf(plan), budget);
    let carry = 0;
    const seen = new Set<string>();
    for (const ph of p.phases) {
      const avail = (budget.carryOver ? carry : 0) + budget.amount;
      assert.ok(Math.abs(ph.available - avail) < 1e-9);
      assert.ok(ph.spent <= avail + 1e-9, `seed ${seed}: overspent`);
      carry = avail - ph.spent;
      for (const d of ph.devices) assert.ok(!seen.has(d)) , seen.add(d);
    }
    assert.equal(seen.size + p.unfunded.length, plan.devices.length);
    if (!p.unfunded.length) assert.deepEqual(p.exposedAtEnd, [], `seed ${seed}`);
  }
});

test('inputs: budget and forced-file parsing, period dates', () => {
  assert.deepEqual(parseBudget('2,000,000/year', '2026-01-01'), { amount: 2_000_000, period: 'year', start: '2026-01-01' });
  assert.equal(parseBudget('500k / quarter', '2026-01-01').amount, 500_000);
  assert.equal(parseBudget('1.5m/month', '2026-01-01').amount, 1_500_000);
  assert.throws(() => parseBudget('lots', '2026-01-01'), /AMOUNT\/PERIOD/);
  assert.throws(() => parseBudget('5/year', '2026-13-01x'), /YYYY-MM-DD/);
  assert.equal(periodStart('2026-01-31', 'month', 1), '2026-02-28');
  assert.equal(periodStart('2026-01-01', 'quarter', 5), '2027-04-01');
  assert.deepEqual(parseForced('id,deadline,reason\nX,2027-12-31,"UK, end-2027"\n', 'f.csv'), [{ id: 'X', deadline: '2027-12-31', reason: 'UK, end-2027' }]);
  assert.deepEqual(parseForced('[{"id":"X","deadline":"2026-12-31"}]', 'f.json'), [{ id: 'X', deadline: '2026-12-31', reason: '' }]);
  assert.throws(() => parseForced('id,deadline\nX,soon\n', 'f.csv'), /f\.csv:2/);
});

test('forced devices from policy findings: overdue/due per-device findings, earliest deadline', async () => {
  const { forcedFromFindings } = await import('../../src/plan/index.js');
  const ref = { jurisdiction: 'GB', title: 'removal by end-2027' };
  const forced = forcedFromFindings([
    { device: 'X', status: 'due', deadline: '2027-12-31', rule: 'uk-hrv', ruleRef: ref },
    { device: 'X', status: 'overdue', deadline: '2026-01-01', rule: 'de-core', ruleRef: { jurisdiction: 'DE', title: '5G core' } },
    { device: 'Y', status: 'advisory', deadline: '2028-01-01', rule: 'eu' },
    { device: null, status: 'overdue', deadline: '2026-01-01', rule: 'cap' },
    { device: 'Z', status: 'due', deadline: null, rule: 'x' },
  ]);
  assert.deepEqual(forced, [{ id: 'X', deadline: '2026-01-01', reason: 'de-core: DE: 5G core (overdue)' }]);
});
