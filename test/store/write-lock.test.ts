// Writers of one SQLite store in separate processes (issue 16 points 1 and 2), as users run them:
// `cleanpath import` of a large generated inventory holds the store's write lock for many seconds,
// and meanwhile `cleanpath token revoke` succeeds at once, the revoked token refused by a running
// server before the import ends; a second import waits its turn (saying so) and both snapshots land
// whole; with a tiny --wait another exits 2 "store busy, retry", the store intact. The input is
// large so that the first import still holds the store while the others' processes start, even
// on a loaded machine.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { storeLocked } from '../support/sqlite-lock.js';
import { startServer } from '../../src/server/index.js';
import { openStore, openTokenStore } from '../../src/store/index.js';
import { REPO, tempDir } from '../cli/helpers.js';

/** Devices of the big inventory: an import of them holds the lock for seconds even on a fast machine. */
const BIG = 600_000;
const dir = tempDir('cleanpath-write-lock-');
const big = join(dir, 'big.csv');
const small = join(dir, 'small.csv');

before(() => {
  const rows = ['id,name,vendor,country,layer'];
  for (let i = 0; i < BIG; i++) rows.push(`d${i},device ${i},${['huawei', 'cisco', 'nokia'][i % 3]},DE,core`);
  writeFileSync(big, rows.join('\n') + '\n');
  writeFileSync(small, 'id,name,vendor\ns1,small one,zte\ns2,small two,nokia\n');
});

after(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  done: Promise<{ code: number; stdout: string; stderr: string; ms: number }>;
}

/** `cleanpath ARGS` from source in a process of its own, not waited for. */
function cli(args: string[]): Run {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src', 'cli', 'main.ts'), ...args], { cwd: REPO, env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return { done: new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - started }))) };
}

async function untilLocked(db: string, run: Run): Promise<void> {
  let finished = false;
  void run.done.then(() => (finished = true));
  while (!storeLocked(db)) {
    if (finished) assert.fail(`the import ended before it was seen holding the lock: ${JSON.stringify(await run.done)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function integrity(db: string): string {
  const raw = new Database(db, { readonly: true });
  try {
    return raw.pragma('integrity_check', { simple: true }) as string;
  } finally {
    raw.close();
  }
}

async function snapshots(db: string): Promise<Array<[string, number]>> {
  const store = openStore(db, { readonly: true });
  try {
    return (await store.listSnapshots()).map((s) => [s.name, s.devices]);
  } finally {
    await store.close();
  }
}

describe('SQLite store written by several processes', () => {
  it('token revoke succeeds while another process imports, and a running server refuses the token at once', async () => {
    const db = join(dir, 'revoke.db');
    const tokens = openTokenStore(db);
    const viewer = await tokens.createToken({ organisation: 'default', role: 'viewer', label: 'to revoke' });
    await tokens.close();
    const { app, url } = await startServer({ db, host: '127.0.0.1', port: 0, webDir: false, analysisWorkers: 0 });
    try {
      const ask = () => fetch(`${url}/api/snapshots`, { headers: { authorization: `Bearer ${viewer.token}` } });
      assert.equal((await ask()).status, 200);
      const imp = cli(['import', big, '--db', db, '-s', 'big']);
      await untilLocked(db, imp);
      const revoke = await cli(['token', 'revoke', String(viewer.id), '--db', db]).done;
      assert.equal(revoke.code, 0, revoke.stderr);
      assert.match(revoke.stderr, /token \d+ revoked/);
      assert.ok(storeLocked(db), `the import still holds the store: the revocation did not wait for it (took ${revoke.ms} ms)`);
      assert.equal((await ask()).status, 401, 'refused by the running server while the import goes on');
      assert.ok(storeLocked(db), 'and still before the import ended');
      const done = await imp.done;
      assert.equal(done.code, 0, done.stderr);
      assert.equal((await ask()).status, 401);
    } finally {
      await app.close();
    }
    assert.deepEqual(await snapshots(db), [['big', BIG]]);
  });

  it('a second import waits for the first (saying so) and both land whole; a third with a tiny --wait exits 2 "store busy, retry"', async () => {
    const db = join(dir, 'two.db');
    const first = cli(['import', big, '--db', db, '-s', 'first']);
    await untilLocked(db, first);
    const [second, third] = await Promise.all([cli(['import', small, '--db', db, '-s', 'second']).done, cli(['import', small, '--db', db, '-s', 'third', '--wait', '0.2']).done]);
    const one = await first.done;
    assert.equal(one.code, 0, one.stderr);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /store busy: another import is writing; waiting/);
    assert.doesNotMatch(second.stderr, /internal error|database is locked/);
    assert.equal(third.code, 2, third.stderr);
    assert.match(third.stderr, /store busy, retry/);
    assert.doesNotMatch(third.stderr, /internal error|database is locked|\n\s+at /);
    assert.equal(integrity(db), 'ok');
    assert.deepEqual(await snapshots(db), [['first', BIG], ['second', 2]]);
  });
});
