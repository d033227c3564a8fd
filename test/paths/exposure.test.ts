// Alias resolution, exposure per measurement and per window, and the paths commands end to end
// on the fixtures: import into a store (one transaction, duplicates skipped, bad input refused
// with the store unchanged), then exposure by vendor, AS and country over a time window.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  compilePredicate,
  evaluateMeasurement,
  PathAggregator,
  resolveRouters,
  type AddressIdentity,
  type Measurement,
  type PathExposureDocument,
} from '../../src/paths/index.js';
import { dumpStore } from '../cli/helpers.js';

const REPO = join(import.meta.dirname, '..', '..');
const FIX = join(import.meta.dirname, 'fixtures');

function cleanpath(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'test', 'paths', 'cli-entry.ts'), ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const id = (address: string, engineId: string | undefined, boots: number | undefined, reboot: number | undefined, vendor: string | null): AddressIdentity => ({
  address,
  vendor,
  confidence: 0.9,
  conflicts: [],
  evidence: [],
  ...(engineId !== undefined ? { engineId } : {}),
  ...(boots !== undefined ? { engineBoots: boots } : {}),
  ...(reboot !== undefined ? { lastReboot: reboot } : {}),
});

describe('alias resolution', () => {
  test('same engine ID, boots and reboot time (within the tolerance) → one router; any difference → two', () => {
    const idx = resolveRouters([
      id('198.51.100.6', '80000f3e03001e73445566', 1, 1_700_000_000, 'zte'),
      id('198.51.100.9', '80000f3e03001e73445566', 1, 1_700_000_004, 'zte'),
      // the same (default) engine ID on another device: rebooted at another time
      id('192.0.2.7', '80000f3e03001e73445566', 1, 1_700_090_000, 'zte'),
      // same engine ID, other boots
      id('192.0.2.8', '80000f3e03001e73445566', 2, 1_700_000_000, 'zte'),
      // no engine ID: its own router
      id('192.0.2.9', undefined, undefined, undefined, 'cisco'),
    ]);
    assert.deepEqual(idx.routers.map((r) => r.addresses), [['192.0.2.7'], ['192.0.2.8'], ['192.0.2.9'], ['198.51.100.6', '198.51.100.9']]);
    assert.equal(idx.byAddress.get('198.51.100.9')!.id, '198.51.100.6');
  });

  test('aliases that disagree on the vendor keep the conflict', () => {
    const idx = resolveRouters([id('192.0.2.1', '800007db03001e73abcdef', 3, 1000, 'huawei'), id('192.0.2.2', '800007db03001e73abcdef', 3, 1001, 'zte')]);
    assert.equal(idx.routers.length, 1);
    assert.deepEqual(idx.routers[0]!.conflicts, ['aliases disagree on the vendor: huawei vs zte']);
  });
});

describe('exposure of measurements', () => {
  const m: Measurement = {
    format: 'traceroute',
    file: 'x',
    site: 's',
    time: 100,
    af: 4,
    dstAddress: '203.0.113.80',
    reached: true,
    hops: [
      { ttl: 1, replies: [{ address: '192.0.2.1', rttMs: 1 }] },
      { ttl: 2, replies: [{ address: null }, { address: null }] },
      { ttl: 3, replies: [{ address: '202.97.33.1', rttMs: 30 }, { address: '202.97.33.5' }, { address: '192.0.2.1', late: 2 }] },
      { ttl: 4, replies: [{ address: '203.0.113.80', rttMs: 50 }] },
    ],
  };
  const facts = (a: string) => (a.startsWith('202.97.') ? { asn: 4134, country: 'CN', countrySource: 'rir' as const } : {});
  const routers = resolveRouters([id('202.97.33.5', 'aa', 1, 5, 'huawei'), id('192.0.2.1', 'bb', 1, 5, 'cisco')]);

  test('reasons per address; late replies ignored; no predicate → Huawei and ZTE', () => {
    const e = evaluateMeasurement(m, facts, routers, compilePredicate({}));
    assert.ok(e.exposed);
    assert.deepEqual(e.hits, [{ ttl: 3, address: '202.97.33.5', reasons: [{ kind: 'vendor', vendor: 'huawei', router: '202.97.33.5', confidence: 0.9 }] }]);
    assert.deepEqual(e.hops.map((h) => [h.addresses.length, h.timeouts, h.late]), [[1, 0, 0], [0, 2, 0], [2, 0, 1], [1, 0, 0]]);
    const asOnly = evaluateMeasurement(m, facts, routers, compilePredicate({ untrusted: [], avoidAs: [4134] }));
    assert.deepEqual(asOnly.hits.map((h) => h.address), ['202.97.33.1', '202.97.33.5']);
    assert.equal(evaluateMeasurement(m, facts, routers, compilePredicate({ untrusted: ['zte'] })).exposed, false);
  });

  test('aggregation counts each key once per measurement', () => {
    const p = compilePredicate({ untrusted: ['huawei'], avoidAs: [4134] });
    const agg = new PathAggregator(routers, p);
    agg.add(evaluateMeasurement(m, facts, routers, p));
    agg.add(evaluateMeasurement({ ...m, time: 200, hops: m.hops.slice(0, 2) }, facts, routers, p));
    const r = agg.result();
    assert.deepEqual([r.measurements, r.exposed], [2, 1]);
    assert.deepEqual(r.byAs.map((x) => [x.key, x.measurements, x.untrusted, x.ttlMin, x.ttlMax]), [['AS4134', 1, true, 3, 3]]);
    assert.deepEqual(r.byDestination[0]!.hits.map((h) => [h.ttl, h.address, h.reasons]), [[3, '202.97.33.1', ['AS4134']], [3, '202.97.33.5', ['vendor huawei', 'AS4134']]]);
    assert.deepEqual(r.byVendor.map((x) => [x.key, x.measurements]), [['huawei', 1], ['cisco', 2]]);
  });
});

describe('paths import and exposure (CLI, fixtures)', () => {
  test('import with enrichment, duplicates, a bad file leaves the store unchanged, exposure by AS and country over a window', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cleanpath-paths-cli-'));
    const db = join(dir, 'c.db');
    const enrich = ['--asn-table', join(FIX, 'ip2asn.tsv'), '--rir', join(FIX, 'delegated-test-extended.txt')];
    const imp = cleanpath(['paths', 'import', join(FIX, 'atlas-api.json'), join(FIX, 'atlas-dump.ndjson'), '--db', db, ...enrich, '--json']);
    assert.equal(imp.code, 0, imp.stderr);
    const s = JSON.parse(imp.stdout);
    assert.equal(s.measurements, 6);
    assert.match(imp.stderr, /not a traceroute result/);
    assert.equal(s.enrichment.length, 2);
    // the same again: nothing added
    const again = cleanpath(['paths', 'import', join(FIX, 'atlas-dump.ndjson'), '--db', db, '--json']);
    assert.deepEqual([JSON.parse(again.stdout).measurements, JSON.parse(again.stdout).duplicates], [0, 2]);
    // a good file then a bad one: exit 2, file:line, nothing of the good one written
    const before = dumpStore(db);
    const bad = join(dir, 'bad.ndjson');
    writeFileSync(bad, '{"type":"traceroute","prb_id":9,"msm_id":9,"timestamp":5,"result":[]}\n{"type":\n');
    const r = cleanpath(['paths', 'import', join(FIX, 'scamper.ndjson'), bad, '--db', db]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad\.ndjson:2: invalid JSON/);
    assert.equal(dumpStore(db), before);

    // discovery results identify one Atlas hop as Huawei
    const disc = join(dir, 'discovery.json');
    writeFileSync(disc, JSON.stringify([
      { address: '202.97.33.5', port: 161, target: '202.97.33.5', status: 'reply', time: '2025-12-01T00:00:00.000Z', attempts: 1, engineId: '800007db0300259e112233', engineBoots: 4, engineTime: 1000, lastReboot: '2025-11-30T23:43:20.000Z', vendor: 'huawei', confidence: 0.9, evidence: [{ kind: 'engineid', raw: '800007db0300259e112233', vendor: 'huawei', confidence: 0.9 }], conflicts: [] },
      { address: '80.81.192.10', port: 161, target: '80.81.192.10', status: 'timeout', time: '2025-12-01T00:00:00.000Z', attempts: 2 },
    ]));
    const run = (extra: string[]): PathExposureDocument => {
      const x = cleanpath(['paths', 'exposure', '--db', db, '--discovery', disc, '--json', ...extra]);
      assert.equal(x.code, 0, x.stderr);
      return JSON.parse(x.stdout) as PathExposureDocument;
    };
    const byVendor = run([]);
    assert.equal(byVendor.summary.measurements, 6);
    // hop 4 of the first result and hop 2 of the first dump line cross the Huawei router
    assert.equal(byVendor.summary.exposed, 2);
    const probe6001 = byVendor.byDestination.find((d) => d.site === 'atlas-probe-6001' && d.destination === 'portal.example (203.0.113.80)')!;
    assert.deepEqual([probe6001.measurements, probe6001.exposed], [3, 2]);
    assert.deepEqual(probe6001.hits.map((h) => [h.ttl, h.address, h.count]), [[2, '202.97.33.5', 1], [4, '202.97.33.5', 1]]);
    // China Telecom and China Unicom by AS
    const byAs = run(['--untrusted', 'none', '--avoid-as', '4134,AS4837']);
    assert.equal(byAs.summary.exposed, 3, 'two IPv4 results over 202.97/219.158 and the IPv6 one over 240e::/20');
    assert.deepEqual(byAs.byAs.filter((a) => a.untrusted).map((a) => [a.key, a.measurements]), [['AS4134', 3], ['AS4837', 1]]);
    // the window: December 2025 from the 3rd on holds the two dump results only
    const win = run(['--untrusted', 'none', '--avoid-country', 'CN', '--since', '2025-12-03']);
    assert.equal(win.summary.measurements, 2);
    assert.equal(win.summary.exposed, 1);
    assert.equal(win.byCountry.find((c) => c.key === 'CN')!.untrusted, true);
    // --days counts back from the last measurement
    assert.equal(run(['--days', '1']).summary.measurements, 1);
    // files analysed directly, without a store
    const direct = cleanpath(['paths', 'exposure', join(FIX, 'traceroute.txt'), '--time', '2025-12-01', '--asn-table', join(FIX, 'ip2asn.tsv'), '--avoid-as', '4837', '--format', 'csv', '--db', join(dir, 'none.db')]);
    assert.equal(direct.code, 0, direct.stderr);
    assert.match(direct.stdout, /^site,destination,measurements,exposed,share,first,last,untrusted_hops\n/);
    assert.match(direct.stdout, /portal\.example \(203\.0\.113\.80\),1,1,1,.*4 219\.158\.3\.9 AS4837 x1/);
  });
});
