// Distributed exposure and kill-switch against a real Redis and real `cleanpath worker`
// processes: the output must be the single-process output byte for byte, with 1 and 3 workers,
// and with a worker killed (SIGKILL) in the middle of a job.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { splitGroups } from '../../src/distributed/coordinator.js';
import { checkRedis } from '../../src/distributed/queue.js';
import { needsGenerator } from '../graph/peers.js';
import { peer, peers } from '../support/peer.js';

const REPO = join(import.meta.dirname, '..', '..');
const MAIN = join(REPO, 'src', 'cli', 'main.ts');
const GEN = join(REPO, '..', 'shared', 'bench', 'gen_workload.py');
const REDIS_URL = process.env.CLEANPATH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisReachable(): Promise<string | null> {
  try {
    await checkRedis(REDIS_URL, 2_000);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
const unreachable = await redisReachable();
const needs = peers(peer('redis', unreachable === null || `${REDIS_URL} unreachable: ${unreachable}`), needsGenerator());

let prefixCounter = 0;
const newPrefix = () => `cptest-${process.pid}-${++prefixCounter}`;

interface RunningWorker {
  child: ChildProcess;
  name: string;
  log: () => string;
  exited: Promise<void>;
}

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: REPO, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '', stderr = '';
    c.stdout.on('data', (d: Buffer) => (stdout += d));
    c.stderr.on('data', (d: Buffer) => (stderr += d));
    c.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function startWorker(prefix: string, name: string): Promise<RunningWorker> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'worker', '--redis', REDIS_URL, '--prefix', prefix, '--name', name], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let text = '';
  child.stderr!.on('data', (d: Buffer) => (text += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitFor(() => text.includes(': ready on '), 60_000, () => `worker ${name} did not start:\n${text}`);
  return { child, name, log: () => text, exited };
}

async function waitFor(cond: () => boolean, ms: number, what: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(what());
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stop(workers: RunningWorker[]): Promise<void> {
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.exited));
}

async function dropQueue(prefix: string): Promise<void> {
  const r = new Redis(REDIS_URL);
  try {
    const keys = await r.keys(`${prefix}:*`);
    if (keys.length) await r.del(...keys);
  } finally {
    r.disconnect();
  }
}

/** Byte equality, reported as the first differing line rather than two megabytes of text. */
function assertSame(actual: string, expected: string, what: string): void {
  if (actual === expected) return;
  const a = actual.split('\n'), e = expected.split('\n');
  let i = 0;
  while (i < a.length && i < e.length && a[i] === e[i]) i++;
  assert.fail(`${what} differs from the single process at line ${i + 1}: got ${JSON.stringify(a[i])}, expected ${JSON.stringify(e[i])}`);
}

describe('distributed analyses', { ...needs, timeout: 600_000 }, () => {
  let dir = '';
  let input: string[] = [];
  const single: Record<string, string> = {};

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cleanpath-dist-'));
    // 100k devices, ~400k links, 3000 flows from 12 sources: 12 source groups to shard
    const gen = spawnSync('python3', [GEN, join(dir, 'w'), '100000', '12', '3000', '11'], { encoding: 'utf8' });
    assert.equal(gen.status, 0, gen.stderr);
    input = ['--nodes', join(dir, 'w', 'nodes.csv'), '--links', join(dir, 'w', 'links.csv'), '--flows', join(dir, 'w', 'flows.csv')];
    const runs = await Promise.all([
      cli(['exposure', ...input, '--untrusted', 'huawei']),
      cli(['exposure', ...input, '--untrusted', 'huawei', '--json']),
      cli(['killswitch', ...input, '--vendors', 'huawei', '--json']),
    ]);
    for (const r of runs) assert.equal(r.code, 0, r.stderr);
    single.csv = runs[0]!.stdout;
    single.json = runs[1]!.stdout;
    single.killswitch = runs[2]!.stdout;
    // a result that says something: exposed flows and some with clean paths
    assert.match(single.csv!, /,all,/);
    assert.match(single.csv!, /,some,/);
    assert.equal(single.csv!.split('\n').length, 3002);
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('splitGroups covers every group once in contiguous ranges', () => {
    assert.deepEqual(splitGroups(12, 5), [[0, 2], [2, 4], [4, 7], [7, 9], [9, 12]]);
    assert.deepEqual(splitGroups(3, 64), [[0, 1], [1, 2], [2, 3]]);
  });

  test('an unreachable Redis is a clear error', async () => {
    await assert.rejects(checkRedis('redis://127.0.0.1:1', 1_000), /cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
  });

  test('1 worker: exposure CSV and JSON and kill-switch identical to the single process', async () => {
    const prefix = newPrefix();
    const w = await startWorker(prefix, 'solo');
    try {
      const dist = ['--distributed', REDIS_URL, '--queue-prefix', prefix];
      const csv = await cli(['exposure', ...input, '--untrusted', 'huawei', ...dist, '--shards', '4']);
      assert.equal(csv.code, 0, csv.stderr);
      assertSame(csv.stdout, single.csv!, 'distributed CSV');
      const json = await cli(['exposure', ...input, '--untrusted', 'huawei', '--json', ...dist]);
      assert.equal(json.code, 0, json.stderr);
      assertSame(json.stdout, single.json!, 'distributed JSON');
      const ks = await cli(['killswitch', ...input, '--vendors', 'huawei', '--json', ...dist]);
      assert.equal(ks.code, 0, ks.stderr);
      assertSame(ks.stdout, single.killswitch!, 'distributed kill-switch JSON');
      // the worker built the graph once and reused it for the later jobs
      assert.equal((w.log().match(/load \d+ ms/g) ?? []).length, 1, w.log());
      assert.ok((w.log().match(/load cached/g) ?? []).length >= 4, w.log());
    } finally {
      await stop([w]);
      await dropQueue(prefix);
    }
  });

  test('3 workers share the shards; output identical', async () => {
    const prefix = newPrefix();
    const ws = await Promise.all(['w1', 'w2', 'w3'].map((n) => startWorker(prefix, n)));
    try {
      const r = await cli(['exposure', ...input, '--untrusted', 'huawei', '--json', '--distributed', REDIS_URL, '--queue-prefix', prefix]);
      assert.equal(r.code, 0, r.stderr);
      assertSame(r.stdout, single.json!, 'distributed output');
      const busy = ws.filter((w) => / done \(/.test(w.log()));
      assert.ok(busy.length >= 2, `only ${busy.map((w) => w.name)} ran jobs`);
    } finally {
      await stop(ws);
      await dropQueue(prefix);
    }
  });

  test('a worker killed with SIGKILL mid-job loses nothing: its shard is retried elsewhere', async () => {
    const prefix = newPrefix();
    const victim = await startWorker(prefix, 'victim');
    const survivor = await startWorker(prefix, 'survivor');
    try {
      const run = cli(['exposure', ...input, '--untrusted', 'huawei', '--distributed', REDIS_URL, '--queue-prefix', prefix, '--timeout', '120']);
      // the victim's first job starts with loading the 100k-node graph: it is mid-job now
      await waitFor(() => / started/.test(victim.log()), 60_000, () => `victim never started a job:\n${victim.log()}`);
      const [, jobId, computePid] = /job (\S+) \(exposure.*compute pid (\d+)/.exec(victim.log())!;
      victim.child.kill('SIGKILL');
      await victim.exited;
      // its compute process notices the closed channel and exits too
      await waitFor(() => !existsSync(`/proc/${computePid}`), 10_000, () => `compute process ${computePid} outlived its worker`);
      const r = await run;
      assert.equal(r.code, 0, r.stderr);
      assertSame(r.stdout, single.csv!, 'distributed output');
      assert.doesNotMatch(victim.log(), new RegExp(`job ${jobId} done`));
      assert.match(survivor.log(), new RegExp(`job ${jobId} done`), survivor.log());
    } finally {
      await stop([victim, survivor]);
      await dropQueue(prefix);
    }
  });

  test('no worker: the coordinator times out with a clear error', async () => {
    const prefix = newPrefix();
    try {
      const r = await cli(['exposure', ...input, '--distributed', REDIS_URL, '--queue-prefix', prefix, '--timeout', '2']);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /no worker is connected/);
      assert.match(r.stderr, /shard\(s\) unfinished after 2 s \(0 worker\(s\) connected/);
    } finally {
      await dropQueue(prefix);
    }
  });
});
