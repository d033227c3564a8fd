// Worker entry: runs its shard over the shared graph and hands back its chokepoint pairs.
import { parentPort, workerData } from 'node:worker_threads';
import { runShard, type ShardData } from './shard.js';

const pairs = runShard(workerData as ShardData);
// the pairs are a plain (non-shared) copy, so their buffer can move instead of being cloned
parentPort?.postMessage(pairs, pairs ? [pairs.buffer as ArrayBuffer] : []);
