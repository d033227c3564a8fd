// peer(): a missing outside peer skips a test by name with the reason, or fails it when CI is set;
// scripts/run-tests.mjs lists the skips at the end. Checked by running small test files in a
// child node with the peer hidden (CLEANPATH_TEST_HIDE_PEER), as on a machine without it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { installHint, peer, peers, peerVerdict, PEERS, type PeerName } from './peer.js';

const REPO = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'cleanpath-peer-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const PEER_TS = JSON.stringify(join(REPO, 'src', 'test-support', 'peer.ts'));
writeFileSync(join(dir, 'uses-peer.test.ts'), `
import { describe, it, test } from 'node:test';
import { peer, peerMissing } from ${PEER_TS};
describe('suite needing chromium', peer('chromium', true), () => { it('opens the dashboard', () => {}); });
test('needs g++', peer('g++', true), () => {});
test('needs shared data inside', (t) => { if (peerMissing(t, 'shared-data', true)) return; });
test('needs nothing', () => {});
`);

function run(env: Record<string, string>): { status: number | null; out: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'CI' && k !== 'NODE_TEST_CONTEXT' && !k.startsWith('CLEANPATH_TEST_')));
  const r = spawnSync(process.execPath, [join(REPO, 'scripts', 'run-tests.mjs'), join(dir, 'uses-peer.test.ts')], {
    cwd: REPO, encoding: 'utf8', env: { ...clean, NO_COLOR: '1', ...env }, timeout: 120_000,
  });
  return { status: r.status, out: r.stdout + r.stderr };
}

test('a present peer: the test runs', () => {
  assert.deepEqual(peer('nmap', true), {});
  assert.deepEqual(peerVerdict('nmap', true), { state: 'present' });
});

test('every peer says how to get it', () => {
  for (const name of Object.keys(PEERS) as PeerName[]) assert.ok(installHint(name).length > 0, name);
  assert.equal(installHint('chromium'), 'apt-get install chromium');
});

test('peers(): the first failure, else every skip', () => {
  assert.deepEqual(peers({}, { skip: 'a' }, {}, { skip: 'b' }), { skip: 'a; b' });
  const signal = AbortSignal.abort();
  assert.equal(peers({ skip: 'a' }, { signal }).signal, signal);
  assert.deepEqual(peers({}, {}), {});
});

test('without CI, hidden peers skip by name with the reason and the package, and the run lists them', () => {
  const r = run({ CLEANPATH_TEST_HIDE_PEER: 'chromium,g++,shared-data' });
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /﹣ suite needing chromium .*# peer chromium missing, skipped: needs Debian's \/usr\/bin\/chromium.*hidden by CLEANPATH_TEST_HIDE_PEER \(apt-get install chromium\)/);
  assert.match(r.out, /﹣ needs g\+\+ .*apt-get install g\+\+/);
  assert.match(r.out, /﹣ needs shared data inside .*check out \.\.\/shared beside/);
  assert.match(r.out, /✔ needs nothing/);
  assert.match(r.out, /ℹ fail 0/);
  const list = r.out.slice(r.out.indexOf('3 skipped'));
  assert.match(list, /^3 skipped \(with CI set, a missing peer fails instead\):/, r.out);
  assert.match(list, /uses-peer\.test\.ts: suite needing chromium — peer chromium missing/);
  assert.match(list, /uses-peer\.test\.ts: needs g\+\+ — peer g\+\+ missing/);
  assert.match(list, /uses-peer\.test\.ts: needs shared data inside — peer shared-data missing/);
});

test('with CI set, a missing peer fails the test with the reason and the package', () => {
  const r = run({ CI: 'true', CLEANPATH_TEST_HIDE_PEER: 'chromium,shared-data' });
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /✖ suite needing chromium[^]*peer chromium missing and CI is set, so this test fails instead of skipping: .*\(apt-get install chromium\)/);
  assert.match(r.out, /✖ needs shared data inside[^]*peer shared-data missing and CI is set/);
  assert.match(r.out, /✔ needs g\+\+/);
  assert.match(r.out, /✔ needs nothing/);
  assert.doesNotMatch(r.out, /skipped \(/);
});

test('with CI set, a peer the machine knowingly lacks (CLEANPATH_TEST_OPTIONAL_PEERS) still skips and is listed', () => {
  const r = run({ CI: '1', CLEANPATH_TEST_HIDE_PEER: 'chromium', CLEANPATH_TEST_OPTIONAL_PEERS: 'chromium' });
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /\n1 skipped:\n {2}.*suite needing chromium — peer chromium missing, skipped/);
});
