// The analysis queue's rules on their own (src/server/analysis/fair-queue.ts): bound per
// organisation, round-robin by last turn, and which organisations are bursting (low priority).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FairQueue } from '../../src/server/analysis/fair-queue.js';

interface Job {
  organisation: string;
  n: number;
}

function queue(perOrganisation = 16) {
  let clock = 0;
  const q = new FairQueue<Job>({ perOrganisation, burstMemoryMs: 1000, now: () => clock });
  return { q, tick: (ms: number) => (clock += ms) };
}

/** Starts and finishes jobs of that priority one at a time until none is left: the order they ran in. */
function drain(q: FairQueue<Job>, priority: 'normal' | 'low'): string[] {
  const order: string[] = [];
  for (let job = q.next(priority); job; job = q.next(priority)) {
    order.push(`${job.organisation}${job.n}`);
    q.finished(job.organisation);
  }
  return order;
}

describe('FairQueue', () => {
  it('is full at the bound of jobs queued or running, per organisation', () => {
    const { q } = queue(2);
    q.push({ organisation: 'a', n: 1 });
    assert.equal(q.isFull('a'), false);
    q.push({ organisation: 'a', n: 2 });
    assert.equal(q.isFull('a'), true);
    assert.equal(q.isFull('b'), false);
    q.next('low');
    assert.equal(q.isFull('a'), true, 'running still counts');
    q.finished('a');
    assert.equal(q.isFull('a'), false);
  });

  it('takes turns between bursting organisations, whatever their queue lengths', () => {
    const { q } = queue();
    for (let n = 1; n <= 4; n++) q.push({ organisation: 'a', n });
    for (let n = 1; n <= 2; n++) q.push({ organisation: 'b', n });
    assert.deepEqual(drain(q, 'low'), ['a1', 'b1', 'a2', 'b2', 'a3', 'a4']);
  });

  it("gives a newcomer the next turn, before an organisation that just had one", () => {
    const { q } = queue();
    for (let n = 1; n <= 3; n++) q.push({ organisation: 'a', n });
    const first = q.next('low')!;
    q.push({ organisation: 'b', n: 1 });
    q.push({ organisation: 'b', n: 2 });
    q.finished(first.organisation);
    assert.deepEqual(drain(q, 'low'), ['b1', 'a2', 'b2', 'a3']);
  });

  it('runs an organisation with one job in flight at normal priority, one with two or more (or a moment ago) at low', () => {
    const { q, tick } = queue();
    q.push({ organisation: 'quiet', n: 1 });
    q.push({ organisation: 'flood', n: 1 });
    q.push({ organisation: 'flood', n: 2 });
    assert.equal(q.bursting('quiet'), false);
    assert.equal(q.bursting('flood'), true);
    assert.deepEqual(drain(q, 'normal'), ['quiet1'], 'the normal workers take only the quiet organisation');
    assert.deepEqual(drain(q, 'low'), ['flood1', 'flood2']);
    // Its queue empty, the flood is still remembered as bursting for a moment...
    q.push({ organisation: 'flood', n: 3 });
    assert.equal(q.next('normal'), undefined);
    tick(1001);
    // ...and then counts as quiet again.
    assert.equal(q.next('normal')?.n, 3);
  });

  it('hands every waiting job back when drained', () => {
    const { q } = queue();
    q.push({ organisation: 'a', n: 1 });
    q.push({ organisation: 'b', n: 1 });
    q.push({ organisation: 'a', n: 2 });
    assert.equal(q.drain().length, 3);
    assert.equal(q.next('normal') ?? q.next('low'), undefined);
  });
});
