// `check` on an inventory with blank scope fields: needs-data in table and JSON, what to fill
// in, --assume-in-scope, and --fail-on treating needs-data as what it would be.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, REPO, SHARED_DATA, tempDir } from '../cli/helpers.js';
import { peerMissing } from '../support/peer.js';

const ENTRY = join(REPO, 'test', 'policy', 'cli-entry.ts');
function run(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', ENTRY, ...args], { cwd: REPO, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const INVENTORY = `id,name,vendor,layer,technology,country,operator,network,installed
de-hw-full,Munich core,Huawei,core,5g,DE,DE Mobile C,commercial,2024-09-14
de-hw-nolayer,Berlin router,Huawei,,,DE,,,2024-09-14
de-hw-notech,Hamburg core,Huawei,core,,DE,DE Mobile C,commercial,2024-09-14
`;

interface Doc {
  assumeInScope: boolean;
  needsData: { field: string; devices: number }[];
  findings: { device: string; rule: string; status: string; missing?: string[]; ifCovered?: string; deadline: string | null }[];
}

describe('check: missing data is a finding of its own', () => {
  let db = '';
  before(() => {
    const dir = tempDir('cleanpath-needs-data-');
    const inv = join(dir, 'inventory.csv');
    writeFileSync(inv, INVENTORY);
    db = join(dir, 'n.db');
    const r = cli(['import', inv, '--db', db, '--snapshot', 's1']);
    assert.equal(r.code, 0, r.stderr);
  });

  it('JSON: needs-data findings with their missing fields, no deadline, and the per-field counts', () => {
    const r = run(['check', '--db', db, '--as-of', '2026-06-01', '--policy', 'de-2024-5g-core,de-2024-5g-nms', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as Doc;
    assert.equal(doc.assumeInScope, false);
    const rows = doc.findings.map((f) => [f.device, f.rule, f.status, f.missing ?? null]).sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));
    assert.deepEqual(rows, [
      ['de-hw-full', 'de-2024-5g-core', 'due', null],
      ['de-hw-nolayer', 'de-2024-5g-core', 'needs-data', ['layer', 'technology', 'network']],
      ['de-hw-nolayer', 'de-2024-5g-nms', 'needs-data', ['layer', 'technology', 'network']],
      ['de-hw-notech', 'de-2024-5g-core', 'needs-data', ['technology']],
    ]);
    assert.ok(doc.findings.filter((f) => f.status === 'needs-data').every((f) => f.deadline === null && f.ifCovered === 'due'));
    assert.deepEqual(doc.needsData, [{ field: 'layer', devices: 1 }, { field: 'technology', devices: 2 }, { field: 'network', devices: 1 }]);
  });

  it('table: the count and what to fill in', () => {
    const r = run(['check', '--db', db, '--as-of', '2026-06-01', '--policy', 'de-2024-5g-core,de-2024-5g-nms']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /1 device needs a layer to be judged: cleanpath import changes\.csv --base latest --update/);
    assert.match(r.stdout, /2 devices need a technology to be judged: cleanpath import changes\.csv --base latest --update/);
    assert.match(r.stdout, /--assume-in-scope/);
  });

  it('table: a device\'s needs-data findings share one row naming their rules, and every line fits 100 columns', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', ENTRY, 'check', '--db', db, '--as-of', '2026-06-01', '--policy', 'de-2024-5g-core,de-2024-5g-nms'], {
      cwd: REPO, encoding: 'utf8', env: { ...process.env, COLUMNS: '100' },
    });
    assert.equal(r.status, 0, r.stderr);
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('needs-data'));
    assert.equal(rows.filter((l) => l.includes('de-hw-nolayer')).length, 1);
    assert.match(rows.find((l) => l.includes('de-hw-nolayer'))!, /2 rules/);
    assert.equal(rows.filter((l) => l.includes('de-hw-notech')).length, 1);
    const wide = r.stdout.split('\n').filter((l) => l.length > 100 && !/^\s+https?:/.test(l.trim()) && !l.startsWith('  '));
    assert.deepEqual(wide, []);
  });

  it('--assume-in-scope: the conservative reading, the assumption stated, and said in the JSON', () => {
    const r = run(['check', '--db', db, '--as-of', '2026-06-01', '--policy', 'de-2024-5g-core,de-2024-5g-nms', '--assume-in-scope', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as Doc & { findings: { notices: string[] }[] };
    assert.equal(doc.assumeInScope, true);
    assert.deepEqual(doc.needsData, []);
    const nolayer = doc.findings.filter((f) => f.device === 'de-hw-nolayer');
    assert.deepEqual(nolayer.map((f) => f.status), ['due', 'due']);
    assert.ok(nolayer.every((f) => (f as unknown as { notices: string[] }).notices.some((n) => /layer not recorded: assumed/.test(n))));
  });

  it('--fail-on due trips on needs-data that would be due; --fail-on overdue does not, before the deadline', () => {
    const args = ['check', '--db', db, '--as-of', '2026-06-01', '--policy', 'de-2024-5g-core', '--country', 'DE'];
    assert.equal(run([...args, '--fail-on', 'overdue']).code, 0);
    const only = ['check', '--db', db, '--as-of', '2027-01-05', '--policy', 'de-2024-5g-nms', '--fail-on', 'due'];
    assert.equal(run(only).code, 1, 'the layer-less router would be due under the NMS rule: the gate cannot pass it');
  });
});

describe('check on the GÉANT Topology Zoo file, completed with import --update', () => {
  const GEANT = join(SHARED_DATA, 'topologyzoo', 'Geant2010.graphml');
  const POLICY = ['--policy', 'de-2024-5g-core,de-2024-5g-nms', '--country', 'DE', '--as-of', '2026-06-01', '--json'];

  it('the German router made Huawei is needs-data, not due twice; filling in its layer makes it due under the one rule it falls under', (t) => {
    if (peerMissing(t, 'shared-data', existsSync(GEANT) || `${GEANT} not found`)) return;
    const dir = tempDir('cleanpath-needs-data-geant-');
    const db = join(dir, 'g.db');
    const file = (name: string, text: string) => {
      const p = join(dir, name);
      writeFileSync(p, `${text}\n`);
      return p;
    };
    assert.equal(cli(['import', GEANT, '--db', db, '--snapshot', 'zoo']).code, 0);
    const hw = cli(['import', file('vendors.csv', 'name,vendor\nDE,Huawei'), '--db', db, '--base', 'latest', '--update', '--snapshot', 'hw']);
    assert.equal(hw.code, 0, hw.stderr);
    const judged = (extra: string[]) => {
      const r = run(['check', '--db', db, ...POLICY, ...extra]);
      assert.equal(r.code, 0, r.stderr);
      return (JSON.parse(r.stdout) as Doc).findings.map((f) => [f.rule, f.status, f.missing ?? null]);
    };
    assert.deepEqual(judged(['--snapshot', 'hw']), [
      ['de-2024-5g-core', 'needs-data', ['layer', 'technology', 'network']],
      ['de-2024-5g-nms', 'needs-data', ['layer', 'technology', 'network']],
    ]);
    assert.deepEqual(judged(['--snapshot', 'hw', '--assume-in-scope']), [['de-2024-5g-core', 'due', null], ['de-2024-5g-nms', 'due', null]]);
    const full = cli(['import', file('scope.csv', 'name,layer,technology,network\nDE,core,5g,commercial'), '--db', db, '--base', 'latest', '--update', '--snapshot', 'full']);
    assert.equal(full.code, 0, full.stderr);
    assert.deepEqual(judged(['--snapshot', 'full']), [['de-2024-5g-core', 'due', null]]);
  });
});
