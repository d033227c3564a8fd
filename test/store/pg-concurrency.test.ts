// Concurrent users of one PostgreSQL store, each on connections of its own (as separate API
// servers or CLI runs would be): a new database migrated once, imports into different
// organisations isolated from each other, one winner among imports racing for one snapshot name,
// and no lost update among imports and token changes that all succeed.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isInputError } from '../../src/model/index.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { importFiles, openStore, openTokenStore, type Store } from '../../src/store/index.js';
import { createTestDatabase, type TestDatabase } from './pg-database.js';
import { peerMissing } from '../support/peer.js';

const N = 6;
const DEVICES = 3000;
let db: TestDatabase | undefined;
let skip: string | undefined;
const dir = mkdtempSync(join(tmpdir(), 'cleanpath-pg-concurrency-'));

before(async () => {
  const r = await createTestDatabase('cleanpath_concurrency');
  if ('skip' in r) skip = r.skip;
  else db = r;
});

after(async () => {
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** An inventory CSV of `n` devices whose ids all start with `tag`. */
function inventory(tag: string, n = DEVICES): string {
  const path = join(dir, `${tag}.csv`);
  const rows = ['id,name,vendor,country,layer'];
  for (let i = 0; i < n; i++) rows.push(`${tag}-${i},${tag} device ${i},${['huawei', 'cisco', 'nokia'][i % 3]},DE,core`);
  writeFileSync(path, rows.join('\n') + '\n');
  return path;
}

/** Runs `work` on N stores of their own at once; every store is closed after. */
async function onSeparateStores<T>(work: (store: Store, i: number) => Promise<T>): Promise<PromiseSettledResult<T>[]> {
  const stores = Array.from({ length: N }, () => openStore(db!.url));
  try {
    return await Promise.allSettled(stores.map((s, i) => work(s, i)));
  } finally {
    for (const s of stores) await s.close();
  }
}

describe('PostgreSQL store under concurrent users', () => {
  it('a new database opened by many processes at once is migrated once', async (t) => {
    if (peerMissing(t, 'postgresql', skip ?? true)) return;
    const versions = await onSeparateStores((s) => s.schemaVersion());
    assert.deepEqual(versions.map((v) => v.status === 'fulfilled' && v.value), Array(N).fill(MIGRATIONS.at(-1)!.version));
  });

  it('concurrent imports into different organisations are isolated: each sees only its own', async (t) => {
    if (peerMissing(t, 'postgresql', skip ?? true)) return;
    const tokens = openTokenStore(db!.url);
    // Organisations created concurrently too, one token each and one more for org-0.
    await Promise.all([...Array.from({ length: N }, (_, i) => tokens.createToken({ organisation: `org-${i}`, role: 'analyst', label: `t${i}` })), tokens.createToken({ organisation: 'org-0', role: 'viewer', label: 'extra' })]);
    assert.equal((await tokens.listTokens()).length, N + 1);
    assert.equal((await tokens.listTokens('org-0')).length, 2);
    await tokens.close();
    const files = Array.from({ length: N }, (_, i) => inventory(`org${i}`));
    const results = await onSeparateStores((s, i) => importFiles(s, [files[i]!], { snapshot: 'q1', organisation: `org-${i}`, worker: false }));
    for (const r of results) assert.equal(r.status, 'fulfilled', r.status === 'rejected' ? String(r.reason) : '');
    const store = openStore(db!.url, { readonly: true });
    try {
      for (let i = 0; i < N; i++) {
        const snaps = await store.listSnapshots(`org-${i}`);
        assert.deepEqual(snaps.map((s) => [s.name, s.devices]), [['q1', DEVICES]]);
        const ids = (await store.devices(snaps[0]!.id)).map((d) => d.id);
        assert.equal(ids.length, DEVICES);
        assert.ok(ids.every((id) => id.startsWith(`org${i}-`)), `org-${i} sees only its own devices`);
        assert.equal(ids[DEVICES - 1], `org${i}-${DEVICES - 1}`, 'in input order');
      }
      assert.deepEqual(await store.listSnapshots(), [], 'the default organisation saw none of it');
    } finally {
      await store.close();
    }
  });

  it('imports racing for one snapshot name in one organisation: exactly one wins, whole', async (t) => {
    if (peerMissing(t, 'postgresql', skip ?? true)) return;
    const files = Array.from({ length: N }, (_, i) => inventory(`race${i}`));
    const results = await onSeparateStores((s, i) => importFiles(s, [files[i]!], { snapshot: 'contested', worker: false }));
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    assert.equal(won.length, 1, 'exactly one import wins');
    for (const r of results) {
      if (r.status === 'rejected') assert.ok(isInputError(r.reason) && /a snapshot named "contested" already exists/.test(r.reason.message), String(r.reason));
    }
    const store = openStore(db!.url, { readonly: true });
    try {
      const snap = await store.resolveSnapshot('contested');
      assert.equal(snap.devices, DEVICES);
      const ids = (await store.devices(snap.id)).map((d) => d.id);
      assert.ok(ids.every((id) => id.startsWith(`race${won[0]}-`)), "the winner's rows only, none of the losers'");
      assert.equal(ids.length, DEVICES);
    } finally {
      await store.close();
    }
  });

  it('concurrent imports of different names into one organisation all land: no lost update', async (t) => {
    if (peerMissing(t, 'postgresql', skip ?? true)) return;
    const files = Array.from({ length: N }, (_, i) => inventory(`many${i}`, 500 + i));
    const results = await onSeparateStores((s, i) => importFiles(s, [files[i]!], { snapshot: `part-${i}`, organisation: 'org-1', worker: false }));
    for (const r of results) assert.equal(r.status, 'fulfilled', r.status === 'rejected' ? String(r.reason) : '');
    const store = openStore(db!.url, { readonly: true });
    try {
      const snaps = await store.listSnapshots('org-1');
      assert.deepEqual(snaps.map((s) => s.name).sort(), ['q1', ...Array.from({ length: N }, (_, i) => `part-${i}`)].sort());
      for (let i = 0; i < N; i++) {
        const s = snaps.find((x) => x.name === `part-${i}`)!;
        assert.equal(s.devices, 500 + i);
        assert.equal((await store.countDevices(s.id, []))[0]!.count, 500 + i);
      }
    } finally {
      await store.close();
    }
  });
});
