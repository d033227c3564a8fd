// `policies` and `check` end to end on a small imported inventory.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, REPO, tempDir } from '../cli/helpers.js';
import { renderDemoPolicySection, demoPolicyJson } from '../../src/cli/demo-policy.js';

const ENTRY = join(REPO, 'test', 'policy', 'cli-entry.ts');
function run(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', ENTRY, ...args], { cwd: REPO, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const INVENTORY = `id,name,vendor,layer,technology,country,operator,network,installed,sys_descr
de-hw-core,Munich core,,core,5g,DE,DE Mobile C,commercial,2024-09-14,"Huawei Versatile Routing Platform Software VRP (R) software, Version 8.180"
de-er-core,Frankfurt core,Ericsson,core,5g,DE,DE Mobile C,commercial,2022-01-01,
de-unknown,Mystery box,,core,5g,DE,DE Mobile C,commercial,2023-01-01,
gb-hw-agg,London aggregation,Huawei,transport,5g,GB,UK Mobile A,commercial,2019-05-01,
`;

describe('policies and check commands', () => {
  let db = '';
  let dir = '';
  before(() => {
    dir = tempDir('cleanpath-policy-');
    const inv = join(dir, 'inventory.csv');
    writeFileSync(inv, INVENTORY);
    db = join(dir, 'p.db');
    const r = cli(['import', inv, '--db', db, '--snapshot', 's1']);
    assert.equal(r.code, 0, r.stderr);
  });

  it('policies lists the catalog, filterable by country, with sources in JSON', () => {
    const r = run(['policies', '--country', 'DE', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { rules: { id: string; source: string }[] };
    const ids = doc.rules.map((x) => x.id);
    assert.ok(ids.includes('de-2024-5g-core') && ids.includes('eu-5g-toolbox-sm03'));
    assert.ok(!ids.includes('uk-dvd-2022-core'));
    assert.ok(doc.rules.every((x) => /^https?:\/\//.test(x.source)));
  });

  it('check as of 2026-12-31: the Huawei core is due, the unknown one reported, the Ericsson one not', () => {
    const r = run(['check', '--db', db, '--as-of', '2026-12-31', '--policy', 'de-2024-5g-core', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { findings: { device: string; rule: string; status: string; daysLeft: number }[] };
    assert.deepEqual(doc.findings.map((f) => [f.device, f.rule, f.status]), [['de-unknown', 'de-2024-5g-core', 'vendor-unknown'], ['de-hw-core', 'de-2024-5g-core', 'due']]);
  });

  it('--fail-on: exit 1 once the deadline has passed, 0 before for overdue', () => {
    assert.equal(run(['check', '--db', db, '--as-of', '2026-12-31', '--policy', 'de-2024-5g-core', '--fail-on', 'overdue']).code, 0);
    const due = run(['check', '--db', db, '--as-of', '2026-12-31', '--policy', 'de-2024-5g-core', '--fail-on', 'due']);
    assert.equal(due.code, 1);
    assert.match(due.stderr, /at or above --fail-on due/);
    assert.equal(run(['check', '--db', db, '--as-of', '2027-01-01', '--policy', 'de-2024-5g-core', '--fail-on', 'overdue']).code, 1);
  });

  it('CSV and table name device, rule, status, and the table cites each rule with its source', () => {
    const csv = run(['check', '--db', db, '--as-of', '2026-12-31', '--country', 'GB', '--format', 'csv']);
    assert.equal(csv.code, 0, csv.stderr);
    const [head, ...rows] = csv.stdout.trim().split('\n');
    assert.match(head!, /^device,rule,status,/);
    assert.ok(rows.some((l) => l.startsWith('gb-hw-agg,uk-dvd-2022-transmission,overdue,')));
    const table = run(['check', '--db', db, '--as-of', '2026-12-31']);
    assert.match(table.stdout, /^DE: .*due/m);
    assert.match(table.stdout, /Rules cited\n[\s\S]*de-2024-5g-core[\s\S]*https:\/\/telekom\.com/);
  });

  it('bad input exits 2 with file:line', () => {
    const yaml = join(dir, 'bad.yaml');
    writeFileSync(yaml, 'version: 1\nrules:\n  - id: Bad Id\n');
    const r = run(['check', '--db', db, '--rules', yaml]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`${yaml.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3: rules\\[0\\]\\.id`));
    assert.equal(run(['check', '--db', db, '--policy', 'no-such-rule']).code, 2);
    const date = run(['check', '--db', db, '--as-of', '2026-02-30']);
    assert.equal(date.code, 2);
    assert.match(date.stderr, /--as-of: 2026-02-30 is not a date/);
    assert.equal(run(['check', '--db', db, '--fail-on', 'sometimes']).code, 2);
  });

  it('the demo section shows per country its findings and next deadlines', async () => {
    const text = await renderDemoPolicySection(db, 's1', '2026-12-31');
    assert.match(text, /^DE: /m);
    assert.match(text, /next: 2026-12-31 \(0 days\) de-2024-5g-core/);
    const json = await demoPolicyJson(db, 's1', '2026-12-31');
    assert.deepEqual(json.countries.map((c) => c.country), ['DE', 'GB']);
  });
});
