// The analysis worker's network cache (src/server/analysis/network-cache.ts): bounded, least
// recently used first out, and a read that failed is forgotten rather than served again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LoadedNetwork } from '../../src/analyses/network.js';
import { NetworkCache } from '../../src/server/analysis/network-cache.js';

const net = (label: string): Promise<LoadedNetwork> => Promise.resolve({ nodes: [], links: [], flows: [], label, notes: [] });

test('keeps at most its capacity, dropping the least recently used', () => {
  const c = new NetworkCache(2);
  c.set('a', net('a'));
  c.set('b', net('b'));
  assert.ok(c.get('a'), 'a used again: b is now the oldest');
  c.set('c', net('c'));
  assert.deepEqual([...c.keys()].sort(), ['a', 'c']);
});

test('a failed read is forgotten, so the next job reads again', async () => {
  const c = new NetworkCache(2);
  const failed = Promise.reject(new Error('store busy'));
  c.set('a', failed);
  await assert.rejects(failed);
  await new Promise((r) => setImmediate(r));
  assert.equal(c.get('a'), undefined);
  c.set('a', net('a'));
  assert.equal((await c.get('a')!).label, 'a');
});
