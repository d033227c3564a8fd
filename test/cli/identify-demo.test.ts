import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cli, tempDir } from './helpers.js';
import { runInProcess as run } from './in-process.js'; // commands in-process; one stays a real spawn

test('identify looks up one value of each kind, as text and as JSON', async () => {
  const text = await run(['identify', '00-E0-FC-12-34-56']);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /vendor: huawei/);
  assert.match(text.stdout, /HUAWEI TECHNOLOGIES CO\.,LTD/);

  const json = JSON.parse((await run(['identify', '0x800007DB0300E0FC112233', '--json'])).stdout) as { kind: string; details: Record<string, unknown>; attribution: { vendor: string } };
  assert.equal(json.kind, 'engine-id');
  assert.equal(json.details.enterprise, 2011);
  assert.equal(json.attribution.vendor, 'huawei');

  const many = JSON.parse((await run(['identify', '1.3.6.1.4.1.3902.1015.320.1.2', 'SSH-2.0-ZTE_SSH.2.0', 'ZTEG12345678', '--json'])).stdout) as { kind: string; attribution: { vendor: string } }[];
  assert.deepEqual(many.map((r) => [r.kind, r.attribution.vendor]), [['oid', 'zte'], ['text', 'zte'], ['gpon-serial', 'zte']]);
});

test('identify exits 1 when a value names no vendor, and hostile text is not echoed raw', async () => {
  const r = cli(['identify', 'plain words \u001b[31m with an escape']);
  assert.equal(r.code, 1);
  assert.doesNotMatch(r.stdout, /\u001b/);
});

test('demo builds, imports and identifies the scenario, deterministic across runs', async () => {
  const dir = tempDir();
  const first = await run(['demo', '--dir', dir, '--json']);
  assert.equal(first.code, 0, first.stderr);
  const a = JSON.parse(first.stdout) as { byCountry: Record<string, unknown>[]; warnings: { line: number }[]; conflicts: unknown[] };
  for (const country of ['DE', 'IT', 'JP', 'GB']) assert.ok(a.byCountry.some((r) => r[''] === country), country);
  assert.ok(a.warnings.length >= 2, 'the scenario carries a bad MAC and a bad IMEI');
  assert.ok(a.conflicts.length >= 2, 'the scenario carries conflicting evidence');
  // the report (written by the first run) is left out of the next two: they check the summary
  const second = await run(['demo', '--dir', dir, '--json', '--no-report']);
  const b = JSON.parse(second.stdout) as typeof a;
  assert.deepEqual(b.byCountry, a.byCountry);
  const table = await run(['demo', '--dir', join(dir, 'again'), '--no-report']);
  // a vendor per row, the countries as columns: it fits a terminal however many vendors there are
  assert.match(table.stdout, /Identified inventory by vendor and country\n +DE +IT +JP +GB .*total\n/);
  assert.match(table.stdout, /\nhuawei +59 +44 /);
});
