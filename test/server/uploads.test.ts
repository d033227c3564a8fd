// Uploaded files (issue 16 point 9): kept only as the evidence of a committed import. One whose
// import never ended (the server killed mid-import leaves it marked pending) is removed when the
// server next starts; one refused for any reason, even before its import began, is removed at once.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { PENDING } from '../../src/server/routes/upload-sweep.js';
import { buildFixture, removeFixture, serve, type Fixture, type Running } from './helpers.js';

let f: Fixture;
let uploads: string;

before(async () => {
  f = await buildFixture('cleanpath-uploads-');
  uploads = join(f.db + '.uploads', 'alpha');
});

after(() => {
  if (f) removeFixture(f);
});

function post(s: Running, query: string, body: string): Promise<Response> {
  return s.get(`/api/imports?${query}`, f.tokens.alphaAnalyst, { method: 'POST', body, headers: { 'content-type': 'text/csv' } });
}

function uploadDirs(): string[] {
  return existsSync(uploads) ? readdirSync(uploads).sort() : [];
}

describe('uploads', () => {
  it('a committed upload is kept without its pending marker; a refused one (bad query, bad file) is removed', async () => {
    const s = await serve(f);
    try {
      const ok = await post(s, 'snapshot=kept&filename=kept.csv', 'id,vendor\nk1,huawei\n');
      assert.equal(ok.status, 201, await ok.clone().text());
      assert.equal(uploadDirs().length, 1);
      assert.deepEqual(readdirSync(join(uploads, uploadDirs()[0]!)), ['kept.csv'], 'the marker is gone once committed');
      const badQuery = await post(s, 'snapshot=x&update=perhaps&filename=q.csv', 'id,vendor\nq1,huawei\n');
      assert.equal(badQuery.status, 400);
      const badFile = await post(s, 'snapshot=y&filename=dup.csv', 'id,vendor\nd,huawei\nd,zte\n');
      assert.equal(badFile.status, 400);
      assert.equal(uploadDirs().length, 1, 'only the committed upload remains');
    } finally {
      await s.close();
    }
  });

  it('at start-up, an upload still pending is removed unless a snapshot records its file', async () => {
    const [committed] = uploadDirs();
    // A kill between the commit and the marker's removal: the snapshot has the file, it stays.
    writeFileSync(join(uploads, committed!, PENDING), '');
    // A kill mid-import: the file and its marker, in no snapshot.
    const orphan = join(uploads, '2026-12-01T10-00-00-000Z-deadbeef');
    mkdirSync(orphan);
    writeFileSync(join(orphan, 'big.csv'), 'id,vendor\no1,huawei\n');
    writeFileSync(join(orphan, PENDING), '');
    // Marked, the file never written (killed while receiving).
    const empty = join(uploads, '2026-12-01T10-00-00-000Z-cafebabe');
    mkdirSync(empty);
    writeFileSync(join(empty, PENDING), '');
    // Another organisation's (not one of ours): the same rule.
    const stranger = join(f.db + '.uploads', 'nobody', 'x');
    mkdirSync(stranger, { recursive: true });
    writeFileSync(join(stranger, 'y.csv'), 'id\n1\n');
    writeFileSync(join(stranger, PENDING), '');
    const s = await serve(f);
    await s.close();
    assert.deepEqual(uploadDirs(), [committed]);
    assert.deepEqual(readdirSync(join(uploads, committed!)), ['kept.csv']);
    assert.ok(!existsSync(stranger));
  });

  it('while another process holds an SQLite store past --wait: 503 with Retry-After, the upload removed, nothing stored', async () => {
    const s = await serve(f, { writeWait: 0.3 });
    // Another process's import, as SQLite sees it: a connection holding the write lock.
    const other = new Database(f.db);
    other.exec('BEGIN IMMEDIATE');
    try {
      const before = uploadDirs();
      const r = await post(s, 'snapshot=busy&filename=busy.csv', 'id,vendor\nz1,huawei\n');
      assert.equal(r.status, 503, await r.clone().text());
      assert.ok(Number(r.headers.get('retry-after')) > 0);
      assert.match(((await r.json()) as { error: string }).error, /store busy/);
      assert.deepEqual(uploadDirs(), before, 'the upload is removed');
    } finally {
      other.exec('ROLLBACK');
      other.close();
      await s.close();
    }
    const again = await serve(f);
    try {
      assert.equal((await again.get('/api/snapshots/busy', f.tokens.alphaViewer)).status, 404, 'nothing stored');
    } finally {
      await again.close();
    }
  });
});
