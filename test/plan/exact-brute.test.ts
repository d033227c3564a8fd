// The exact plan equals brute force over all subsets on hundreds of seeded random instances;
// the heuristic is always feasible and its bound never exceeds the optimum.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planReplacement } from '../../src/plan/index.js';
import { bruteForce, randomInstance, toNetwork } from './helpers.js';

const N = 300;
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

test(`exact plan = brute force on ${N} random instances`, async () => {
  let nonTrivial = 0;
  for (let seed = 1; seed <= N; seed++) {
    const inst = randomInstance(seed);
    const opt = bruteForce(inst);
    const plan = await planReplacement(toNetwork(inst), { mode: 'exact', timeLimit: 20 });
    assert.equal(plan.status, 'optimal', `seed ${seed}`);
    assert.ok(close(plan.totalCost, opt), `seed ${seed}: plan ${plan.totalCost} vs brute force ${opt}`);
    assert.ok(plan.lowerBound <= opt + 1e-6, `seed ${seed}: bound ${plan.lowerBound} > optimum ${opt}`);
    assert.ok(close(plan.lowerBound, opt), `seed ${seed}: exact bound ${plan.lowerBound} vs ${opt}`);
    for (const f of plan.flows) if (f.status !== 'unreachable') assert.ok(f.cleanAfter < Infinity, `seed ${seed} flow ${f.id}`);
    if (plan.stats.demands > 0) nonTrivial++;
  }
  assert.ok(nonTrivial > N / 3, `only ${nonTrivial} instances needed the optimiser`);
});

test(`heuristic: feasible, bound <= optimum <= cost on ${N} random instances`, async () => {
  let optimalHits = 0;
  for (let seed = 1001; seed <= 1000 + N; seed++) {
    const inst = randomInstance(seed, { n: 8 + (seed % 8) });
    const opt = bruteForce(inst);
    const plan = await planReplacement(toNetwork(inst), { mode: 'heuristic', timeLimit: 20 });
    assert.ok(plan.lowerBound <= opt + 1e-6, `seed ${seed}: bound ${plan.lowerBound} > optimum ${opt}`);
    assert.ok(plan.totalCost >= opt - 1e-6, `seed ${seed}: plan ${plan.totalCost} below optimum ${opt}?`);
    for (const f of plan.flows) if (f.status !== 'unreachable') assert.ok(f.cleanAfter < Infinity, `seed ${seed} flow ${f.id} not clean`);
    if (close(plan.totalCost, opt)) optimalHits++;
  }
  assert.ok(optimalHits >= N * 0.8, `heuristic optimal on only ${optimalHits}/${N}`);
});
