// The purchase date and the subsidy reach the policy from a foreign inventory export: a column
// map may target `purchased`, `funding` and `grade` (kept in the device's extra columns), and a
// purchase cut-off then judges the purchase date, not the install date.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attributeDevice, createIdentifyContext } from '../../src/identify/index.js';
import { parseColumnMap, readImport } from '../../src/ingest/index.js';
import { evaluate, loadRuleCatalog } from '../../src/policy/index.js';

const dir = mkdtempSync(join(tmpdir(), 'cleanpath-purchase-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a column map targets purchased, funding and grade; the UK purchase cut-off judges the mapped purchase date (P24)', async () => {
  const file = join(dir, 'cmdb.csv');
  writeFileSync(file, 'id,vendor,country,layer,technology,installed,PO Date,Subsidy\n' +
    'r1,huawei,GB,ran,5g,2021-05-01,2020-06-01,none\n' +
    'r2,huawei,GB,ran,5g,2021-05-01,2021-01-04,none\n');
  const b = await readImport(file, { columns: parseColumnMap('PO Date=purchased,Subsidy=funding') });
  assert.deepEqual(b.devices[0]?.extra, { purchased: '2020-06-01', funding: 'none' });
  const ctx = createIdentifyContext();
  const devices = b.devices.map((d) => attributeDevice(d, ctx).device);
  const rule = loadRuleCatalog().rules.find((r) => r.id === 'uk-dvd-2022-5g')!;
  const [r1, r2] = evaluate({ devices, rules: [rule], asOf: '2023-01-01' }).sort((x, y) => (x.device ?? '').localeCompare(y.device ?? ''));
  assert.equal(r1?.status, 'due');
  assert.equal(r1?.purchased, '2020-06-01');
  assert.equal(r2?.status, 'banned-new-install');
  assert.match(r2?.reason ?? '', /bought 2021-01-04, after 2020-12-31/);
  assert.doesNotThrow(() => parseColumnMap('Class=grade'));
});
