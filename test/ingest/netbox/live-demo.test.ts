// The done-when of issue 14 point 9: the NetBox demo pulled live from a local REST server gives
// what its dumpdata import gives, with a country for every site, through the library and the CLI.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readImport } from '../../../src/ingest/index.js';
import { openNetboxLive, type LiveStats } from '../../../src/ingest/netbox/live.js';
import type { ImportBatch } from '../../../src/model/index.js';
import { dumpStore, REPO } from '../../cli/helpers.js';
import { DEMO_FILE, demoAsRest, needsDemo, startFakeNetbox, type FakeNetbox } from './demo-server.js';

const needs = needsDemo();
const missing = needs.skip !== undefined || needs.signal !== undefined;
const TOKEN = '0123456789abcdef0123456789abcdef01234567';
let nb: FakeNetbox;
const tmp = mkdtempSync(join(tmpdir(), 'cleanpath-netbox-live-'));

before(async () => {
  if (missing) return;
  nb = await startFakeNetbox(demoAsRest(), {
    token: TOKEN,
    maxPageSize: 10,
    throttle: { endpoint: 'devices', offset: 30, retryAfter: '1' },
    // A proxy's view of the origin in `next` links: followed on the host the user named, never there.
    nextOrigin: 'http://netbox-internal.invalid:8000',
  });
});
after(async () => {
  await nb?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const summary = (b: ImportBatch) => ({
  devices: b.devices.map((d) => [d.id, d.name, d.raw.declaredVendor, d.model, d.role, d.site, d.raw.serial, d.extra['status']]),
  links: b.links.map((l) => [l.id, l.a, l.b, l.extra['a_interface'], l.extra['b_interface']]),
  sites: b.sites.map((s) => [s.id, s.name]),
  manufacturers: b.meta['manufacturers'],
  deviceTypes: b.meta['deviceTypes'],
});

test('live pull of the NetBox demo = its dumpdata import; every site gets a country; pagination and a 429 survived', needs, async (t) => {
  const dump = await readImport(DEMO_FILE);
  let stats: LiveStats | undefined;
  const src = await openNetboxLive(`netbox+${nb.url}`, { tokenEnv: 'NB_TEST_TOKEN', env: { NB_TEST_TOKEN: TOKEN }, onStats: (s) => (stats = s) });
  const batches: ImportBatch[] = [];
  for await (const b of src.batches()) batches.push(b);
  assert.equal(batches.length, 1);
  const live = batches[0]!;
  assert.deepEqual(summary(live), summary(dump));
  assert.equal(live.devices.length, 72);
  assert.equal(live.links.length, 26);
  assert.equal(live.sites.length, 24);

  assert.ok(stats);
  t.diagnostic(`sites with a country: ${stats.sitesWithCountry} of ${stats.sites} (${JSON.stringify(stats.countryFrom)})`);
  t.diagnostic(`devices with a layer: ${stats.devicesWithLayer} of ${stats.devices}; unmapped roles ${JSON.stringify(stats.unmappedRoles)}`);
  assert.equal(stats.sitesWithCountry, 24);
  assert.deepEqual(stats.countryFrom, { region: 24, address: 0, coordinates: 0 });
  assert.ok(live.sites.every((s) => s.country === 'US'));
  assert.ok(live.devices.every((d) => d.country === 'US'));
  assert.equal(live.devices.find((d) => d.id === 'dmi01-akron-rtr01')?.layer, 'transport');

  const ok = nb.log.filter((r) => r.status === 200);
  const throttled = nb.log.filter((r) => r.status === 429);
  assert.equal(throttled.length, 1);
  assert.ok(ok.some((r) => r.path === throttled[0]!.path), 'the throttled page was asked again and answered');
  assert.ok(nb.log.every((r) => r.auth === `Token ${TOKEN}`), 'every request carried the token');
  // 10 results a page (1586 interfaces alone take 159 pages), one request per page.
  const pages = Object.values(demoAsRest()).reduce((n, list) => n + Math.max(1, Math.ceil(list.length / 10)), 0);
  assert.equal(ok.length, pages);
  assert.equal(pages, 192);
  assert.ok(ok.some((r) => r.path.startsWith('/api/dcim/devices/?limit=10&offset=70')), 'next links followed to the last page');
});

/** The CLI from source, asynchronously: the fake NetBox lives in this process and must keep answering. */
function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src', 'cli', 'main.ts'), ...args], {
      cwd: REPO,
      env: { ...process.env, NO_COLOR: '1', NETBOX_TOKEN: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

type DeviceRow = { id: string; vendor: string | null; site: string | null; country: string | null };

test('cleanpath import netbox+http://...: same devices, makers and sites as the dumpdata import; unknown share measured', needs, async (t) => {
  const liveDb = join(tmp, 'live.db');
  const dumpDb = join(tmp, 'dump.db');
  const live = await cli(['import', `netbox+${nb.url}`, '--token-env', 'NB_TEST_TOKEN', '--db', liveDb, '--json'], { NB_TEST_TOKEN: TOKEN });
  assert.equal(live.code, 0, live.stderr);
  assert.match(live.stderr, /24 of 24 sites have a country \(24 from region\)/);
  assert.ok(!live.stderr.includes(TOKEN) && !live.stdout.includes(TOKEN), 'the token is never printed');
  const dump = await cli(['import', DEMO_FILE, '--db', dumpDb, '--json']);
  assert.equal(dump.code, 0, dump.stderr);

  const devices = async (db: string) => {
    const r = await cli(['devices', '--db', db, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as DeviceRow[];
    return rows.sort((a, b) => a.id.localeCompare(b.id));
  };
  const a = await devices(liveDb);
  const b = await devices(dumpDb);
  assert.equal(a.length, 72);
  assert.deepEqual(a.map((d) => [d.id, d.vendor, d.site]), b.map((d) => [d.id, d.vendor, d.site]));
  assert.ok(a.every((d) => d.country === 'US'));
  const unknown = a.filter((d) => d.vendor === null);
  const share = unknown.length / a.length;
  t.diagnostic(`devices with unknown vendor (live pull): ${unknown.length} of ${a.length} = ${(share * 100).toFixed(1)}%`);
  assert.equal(unknown.length, b.filter((d) => d.vendor === null).length, 'the same as the dumpdata import');
});

test('cleanpath import netbox+...: wrong or missing token, server gone: exit 2, a clear message, store unchanged', needs, async () => {
  const db = join(tmp, 'errors.db');
  const first = await cli(['import', DEMO_FILE, '--db', db]);
  assert.equal(first.code, 0, first.stderr);
  const before = dumpStore(db);

  const wrong = await cli(['import', `netbox+${nb.url}`, '--token-env', 'NB_TEST_TOKEN', '--db', db], { NB_TEST_TOKEN: 'not-the-token' });
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /api\/dcim\/regions\/\?limit=1000: NetBox answered HTTP 403 Forbidden: Invalid token \(the token was refused/);
  assert.ok(!wrong.stderr.includes('not-the-token') && !/at .*\.ts:\d+/.test(wrong.stderr), 'no token, no stack trace');

  const unset = await cli(['import', `netbox+${nb.url}`, '--token-env', 'NB_UNSET_VARIABLE', '--db', db]);
  assert.equal(unset.code, 2);
  assert.match(unset.stderr, /--token-env: environment variable NB_UNSET_VARIABLE is not set or empty/);

  const anonymous = await cli(['import', `netbox+${nb.url}`, '--db', db]);
  assert.equal(anonymous.code, 2);
  assert.match(anonymous.stderr, /HTTP 403 Forbidden: Authentication credentials were not provided\. \(no token was sent/);

  const gone = await startFakeNetbox(demoAsRest(), {});
  const port = gone.port;
  await gone.close();
  const t0 = Date.now();
  const refused = await cli(['import', `netbox+http://127.0.0.1:${port}/`, '--db', db]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, new RegExp(`127\\.0\\.0\\.1:${port}/api/dcim/regions/\\?limit=1000: cannot reach NetBox \\(connect ECONNREFUSED 127\\.0\\.0\\.1:${port}\\)`));
  assert.ok(Date.now() - t0 < 30_000);

  const badMap = await cli(['import', `netbox+${nb.url}`, '--role-map', 'router=corr', '--db', db]);
  assert.equal(badMap.code, 2);
  assert.match(badMap.stderr, /--role-map: unknown layer or network 'corr'/);
  assert.equal(dumpStore(db), before, 'store unchanged');
});
