// issue 7 point 2: `cleanpath diff A B`: devices per vendor, findings opened and closed, and
// progress toward each removal deadline, on handmade devices and through the CLI.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { diffSnapshots, type DiffResult } from '../../src/analyses/diff.js';
import { loadRuleCatalog, type Rule } from '../../src/policy/index.js';
import { dev } from '../policy/helpers.js';

const REPO = join(import.meta.dirname, '..', '..');
const base = loadRuleCatalog().rules.find((r) => r.kind === 'removal-deadline' && r.removeBy)!;

function rule(id: string, removeBy: string): Rule {
  const { noNewAfter: _n, prohibitedFrom: _p, milestones: _m, ...rest } = base;
  return { ...rest, id, vendors: ['huawei'], affiliates: false, scope: { countries: ['GB'] }, effective: '2020-01-01', removeBy };
}

const gb = (id: string, vendor: string | null) => dev(id, vendor, { country: 'GB', operator: 'UK Op' });

describe('diffSnapshots (pure)', () => {
  const rules = [rule('t-late', '2026-12-31'), rule('t-soon', '2026-01-15')];
  const a = { name: 'a', date: '2026-01-01', asOf: '2026-01-01', devices: [gb('h1', 'huawei'), gb('h2', 'huawei'), gb('h3', 'huawei'), gb('h4', 'huawei'), gb('e1', 'ericsson')] };
  const b = { name: 'b', date: '2026-01-11', asOf: '2026-01-11', devices: [gb('h1', 'huawei'), gb('h2', 'huawei'), gb('e1', 'ericsson'), gb('n1', 'nokia')] };
  const d = diffSnapshots({ a, b, rules });

  it('counts devices added and removed per vendor', () => {
    assert.deepEqual(d.devices.added, ['n1']);
    assert.deepEqual(d.devices.removed, ['h3', 'h4']);
    const hw = d.devices.byVendor.find((v) => v.vendor === 'huawei')!;
    assert.deepEqual(hw, { vendor: 'huawei', inA: 4, inB: 2, added: 0, removed: 2 });
    assert.deepEqual(d.devices.byVendor.find((v) => v.vendor === 'nokia'), { vendor: 'nokia', inA: 0, inB: 1, added: 1, removed: 0 });
    assert.equal(d.devices.byVendor.find((v) => v.vendor === 'ericsson')!.added, 0);
  });

  it('keys findings by device and rule: closed when the device goes, opened when one arrives', () => {
    assert.deepEqual(d.findings.closed.map((f) => `${f.rule}/${f.device}`), ['t-late/h3', 't-late/h4', 't-soon/h3', 't-soon/h4']);
    assert.deepEqual(d.findings.opened, []);
    const back = diffSnapshots({ a: b, b: a, rules });
    assert.deepEqual(back.findings.opened.map((f) => `${f.rule}/${f.device}`), ['t-late/h3', 't-late/h4', 't-soon/h3', 't-soon/h4']);
  });

  it('lists findings that changed, through the findings table diff: a deadline passed between the snapshots', () => {
    const later = { ...b, name: 'b2', date: '2026-02-01', asOf: '2026-02-01' };
    const moved = diffSnapshots({ a, b: later, rules }).findings.changed.filter((c) => c.key.rule === 't-soon');
    assert.deepEqual(moved.map((c) => [c.key.device, c.before.status, c.after.status]), [['h1', 'due', 'overdue'], ['h2', 'due', 'overdue']]);
    assert.ok(d.findings.changed.every((c) => !('evidence' in c.after)), 'context columns are not compared');
  });

  it('measures the pace toward each deadline and whether it makes it', () => {
    const late = d.deadlines.find((p) => p.rule === 't-late')!;
    assert.equal(late.inScopeA, 4);
    assert.equal(late.inScopeB, 2);
    assert.equal(late.removed, 2);
    assert.equal(late.days, 10);
    assert.equal(late.perDay, 0.2);
    assert.equal(late.projectedDone, '2026-01-21');
    assert.equal(late.verdict, 'on-track');
    const soon = d.deadlines.find((p) => p.rule === 't-soon')!;
    assert.equal(soon.verdict, 'behind');
    assert.deepEqual(d.deadlines.map((p) => p.rule), ['t-soon', 't-late'], 'soonest deadline first');
  });

  it('says done, no progress, or unknown pace', () => {
    const none = { ...b, devices: [gb('e1', 'ericsson')] };
    assert.equal(diffSnapshots({ a, b: none, rules }).deadlines[0]!.verdict, 'done');
    const same = { ...a, name: 'a2', date: '2026-02-01', asOf: '2026-02-01' };
    assert.equal(diffSnapshots({ a, b: same, rules: [rules[0]!] }).deadlines[0]!.verdict, 'no-progress');
    assert.equal(diffSnapshots({ a, b: { ...b, date: a.date }, rules: [rules[0]!] }).deadlines[0]!.verdict, 'unknown-pace');
    assert.equal(diffSnapshots({ a, b: { ...b, date: '2026-02-01' }, rules: [rules[1]!] }).deadlines[0]!.verdict, 'overdue');
  });

  it('is plain JSON', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(d)), d);
  });
});

describe('cleanpath diff (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cleanpath-diff-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const header = 'id,name,vendor,layer,technology,country,operator,network,installed\n';
  const rows = {
    h1: 'h1,Core 1,Huawei,core,5g,GB,UK Mobile A,commercial,2019-05-01\n',
    h2: 'h2,Core 2,Huawei,core,5g,GB,UK Mobile A,commercial,2019-05-01\n',
    e1: 'e1,Core 3,Ericsson,core,5g,GB,UK Mobile A,commercial,2019-05-01\n',
    n1: 'n1,Core 4,Nokia,core,5g,GB,UK Mobile A,commercial,2025-05-01\n',
  };
  const db = join(dir, 'd.db');
  const entry = join(dir, 'entry.mts');

  function node(args: string[]) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: REPO, encoding: 'utf8' });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  }

  it('imports two snapshots and reports what changed between them', () => {
    writeFileSync(join(dir, 'a.csv'), header + rows.h1 + rows.h2 + rows.e1);
    writeFileSync(join(dir, 'b.csv'), header + rows.h1 + rows.e1 + rows.n1);
    for (const s of ['a', 'b']) {
      const r = node([join(REPO, 'src', 'cli', 'main.ts'), 'import', join(dir, `${s}.csv`), '--db', db, '--snapshot', s]);
      assert.equal(r.code, 0, r.stderr);
    }
    const url = (p: string) => pathToFileURL(join(REPO, p)).href;
    writeFileSync(entry, `import { Command } from '${import.meta.resolve('commander')}';
import { register } from '${url('src/cli/commands/diff.ts')}';
import { runCli } from '${url('src/cli/run.ts')}';
const program = new Command('cleanpath');
register(program);
await runCli(program, process.argv);
`);
    const j = node([entry, 'diff', 'a', 'b', '--db', db, '--as-of', '2026-06-30', '--format', 'json']);
    assert.equal(j.code, 0, j.stderr);
    const d = JSON.parse(j.stdout) as DiffResult;
    assert.equal(d.a.name, 'a');
    assert.equal(d.b.asOf, '2026-06-30');
    assert.deepEqual(d.devices.added, ['n1']);
    assert.deepEqual(d.devices.removed, ['h2']);
    assert.ok(d.findings.closed.some((f) => f.device === 'h2'));
    assert.ok(!d.findings.opened.some((f) => f.device === 'h1'), 'h1 stays: nothing opened for it');
    assert.ok(d.deadlines.length > 0);
    for (const p of d.deadlines) {
      assert.equal(p.days, 0, 'both snapshots taken today');
      assert.ok(['unknown-pace', 'done', 'overdue'].includes(p.verdict), p.verdict);
    }
    const t = node([entry, 'diff', 'a', 'b', '--db', db]);
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout, /Devices: 1 added, 1 removed/);
    assert.match(t.stdout, /Deadlines/);
    const bad = node([entry, 'diff', 'a', 'b', '--db', db, '--as-of', '2026-02-30']);
    assert.equal(bad.code, 2, bad.stderr);
  });
});
