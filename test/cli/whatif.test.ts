// Issue 17.4 and 17.5 through the CLI: `cleanpath whatif` generated from the registry (options,
// table, CSV, JSON), its errors (exit 2 naming the option or file:line), and the demo's adoption
// scenario, whose numbers must be what `cleanpath whatif` answers on the same store.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { whatIfStore } from '../support/whatif-network.js';
import { cli, tempDir } from './helpers.js';

let dir = '';
let db = '';
before(async () => {
  dir = tempDir('cleanpath-whatif-cli-');
  db = await whatIfStore(dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const whatif = (...args: string[]) => cli(['whatif', '--db', db, '--as-of', '2026-12-31', '--time-limit', '10', ...args]);

describe('cleanpath whatif', () => {
  it('prints both sides per country, the plans and the flows that become clean', () => {
    const r = whatif('--list', 'huawei', '--from', '2028-01-01', '--in', 'Germany');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /list: huawei prohibited from 2028-01-01 \(removal by 2027-12-31\) in DE/);
    assert.match(r.stdout, /1 device\(s\) newly caught by a deadline \(1 under the baseline, 2 under the scenario\)/);
    assert.match(r.stdout, /Baseline plan: 2 device\(s\) for 500\n/);
    assert.match(r.stdout, /Scenario plan: 3 device\(s\) for 1,500\n/);
    assert.match(r.stdout, /1 sensitive flow\(s\) become clean/);
    assert.match(r.stdout, /s1\s+de-a\s+de-b\s+all\s+none/);
  });

  it('--json has baseline and scenario findings (device, rule, status) and plans, and the delta', () => {
    const r = whatif('--adopt', 'de-2024-5g-core', '--in', 'IT', '--json');
    assert.equal(r.code, 0, r.stderr);
    const d = JSON.parse(r.stdout) as { baseline: { findings: { device: string; rule: string; status: string }[]; plan: { totalCost: number } }; scenario: { findings: { device: string; rule: string; status: string }[]; plan: { totalCost: number } }; delta: { newlyCaught: { device: string }[] } };
    assert.ok(d.baseline.findings.some((f) => f.device === 'gb-h1' && f.rule === 'uk-dvd-2022-5g' && f.status === 'due'));
    assert.ok(d.scenario.findings.some((f) => f.device === 'it-c' && f.rule === 'de-2024-5g-core-in-it' && f.status === 'due'));
    assert.deepEqual([d.baseline.plan.totalCost, d.scenario.plan.totalCost], [500, 900]);
    assert.deepEqual(d.delta.newlyCaught.map((n) => n.device), ['it-c']);
  });

  it('--format csv writes a keyed table (countries by default, --table for the others)', () => {
    const r = whatif('--move', 'uk-dvd-2022-5g', '--to', '2026-06-30', '--format', 'csv');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0]!, /^country,devices,baseline_findings,scenario_findings,baseline_caught,scenario_caught,newly_caught,/);
    assert.match(lines.find((l) => l.startsWith('all,'))!, /^all,11,/);
    const f = whatif('--move', 'uk-dvd-2022-5g', '--to', '2026-06-30', '--format', 'csv', '--table', 'findings');
    assert.match(f.stdout, /\ngb-h1,uk-dvd-2022-5g,GB,huawei,due,overdue,2026-06-30\n/);
  });

  it('--budget phases both plans', () => {
    const r = whatif('--list', 'huawei', '--from', '2028-01-01', '--in', 'DE', '--budget', '1000/year', '--budget-start', '2027-01-01');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Baseline plan: 2 device\(s\) for 500, done by 2027-12-31 in 1 phase\(s\)/);
    assert.match(r.stdout, /Scenario plan: 3 device\(s\) for 1,500, done by 2028-12-31 in 2 phase\(s\); 1 deadline\(s\) missed/);
  });

  it('a scenario file combines steps; its problems are file:line, exit 2', () => {
    const file = join(dir, 'sc.yaml');
    writeFileSync(file, 'version: 1\nadopt:\n  - rule: de-2024-5g-core\n    in: [IT]\nmove:\n  - rule: uk-dvd-2022-5g\n    to: 2026-06-30\n');
    const ok = whatif('--scenario', file, '--json');
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal((JSON.parse(ok.stdout) as { changes: unknown[] }).changes.length, 2);
    writeFileSync(file, 'version: 1\nadopt:\n  - rule: de-2024-5g-core\n    in: [IT]\n    when: soon\n');
    const bad = whatif('--scenario', file);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5: adopt\\[0\\]: unknown field when`));
  });

  it('report --whatif FILE adds the What if section (HTML and Markdown); without it there is none', () => {
    const file = join(dir, 'report-scenario.yaml');
    writeFileSync(file, 'version: 1\nscenario: Huawei out of Germany\nlist:\n  - { vendors: [huawei], from: 2028-01-01, in: [DE] }\n');
    const mdOut = cli(['report', '--db', db, '--as-of', '2026-12-31', '--whatif', file, '--format', 'md', '--time-limit', '10']);
    assert.equal(mdOut.code, 0, mdOut.stderr);
    assert.match(mdOut.stdout, /## What if: Huawei out of Germany\n/);
    assert.match(mdOut.stdout, /1 device\\\(s\\\) newly caught by a deadline/);
    assert.match(mdOut.stdout, /\| s1 \| de-a \| de-b \| all \| none \|/);
    const html = join(dir, 'r.html');
    assert.equal(cli(['report', '--db', db, '--as-of', '2026-12-31', '--whatif', file, '-o', html, '--time-limit', '10']).code, 0);
    assert.match(readFileSync(html, 'utf8'), /<section id="whatif"><h2>(<bdi>)?What if: Huawei out of Germany/);
    const plain = cli(['report', '--db', db, '--as-of', '2026-12-31', '--format', 'md', '--time-limit', '10']);
    assert.doesNotMatch(plain.stdout, /## What if/);
  });

  it('report --whatif FILE --format csv has the what-if rows: the change, per country, newly caught, both plans, the flows that become clean', () => {
    const file = join(dir, 'report-scenario.yaml');
    writeFileSync(file, 'version: 1\nscenario: Huawei out of Germany\nlist:\n  - { vendors: [huawei], from: 2028-01-01, in: [DE] }\n');
    const r = cli(['report', '--db', db, '--as-of', '2026-12-31', '--whatif', file, '--format', 'csv', '--time-limit', '10']);
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.trim().split('\n');
    assert.equal(rows[0], 'section,id,name,vendor,country,status,rule,date,value,detail');
    const of = (section: string) => rows.filter((l) => l.startsWith(`${section},`));
    assert.equal(of('whatif-change').length, 1);
    assert.match(of('whatif-change')[0]!, /^whatif-change,list,,,,,whatif-list-huawei-de,,,huawei prohibited from 2028-01-01 \(removal by 2027-12-31\) in DE$/);
    assert.match(of('whatif-country').find((l) => l.startsWith('whatif-country,all,'))!, /^whatif-country,all,,,,,,,1,"devices=11 caught=1 caught_if=2 plan=2 plan_if=3 cost=500 cost_if=1500 /);
    assert.deepEqual(of('whatif-caught'), ['whatif-caught,de-h1,,huawei,DE,,whatif-list-huawei-de,2027-12-31,,']);
    assert.deepEqual(of('whatif-plan').map((l) => l.split(',').slice(0, 2).concat(l.split(',')[8]!)), [['whatif-plan', 'baseline', '500'], ['whatif-plan', 'scenario', '1500']]);
    assert.deepEqual(of('whatif-flow'), ['whatif-flow,s1,de-a -> de-b,,,none,,,,after_baseline=all']);
  });

  it('--list ... --networks lists the vendors only in those networks, as a scenario file does; an unknown network is exit 2 with a hint', () => {
    const gov = whatif('--list', 'h3c', '--from', '2028-01-01', '--networks', 'Government', '--json');
    assert.equal(gov.code, 0, gov.stderr);
    const d = JSON.parse(gov.stdout) as { changes: { what: string }[]; delta: { newlyCaught: { device: string }[] } };
    assert.deepEqual(d.delta.newlyCaught.map((n) => n.device), ['de-x1'], 'the ministry switch; not the FR office switch in a commercial network');
    assert.match(d.changes[0]!.what, /h3c prohibited from 2028-01-01 \(removal by 2027-12-31\) \(government networks\)/);
    const file = join(dir, 'networks.yaml');
    writeFileSync(file, 'version: 1\nlist:\n  - { vendors: [h3c], from: 2028-01-01, networks: [government] }\n');
    const fromFile = JSON.parse(whatif('--scenario', file, '--json').stdout) as typeof d;
    assert.deepEqual(fromFile.delta, d.delta, 'the option and the scenario file list alike');
    const typo = whatif('--list', 'h3c', '--from', '2028-01-01', '--networks', 'goverment');
    assert.equal(typo.code, 2, typo.stderr);
    assert.match(typo.stderr, /--networks: unknown network 'goverment'; did you mean government\? \(networks: commercial, government, military\)/);
    assert.equal(typo.stdout, '');
  });

  it('a scenario that changes nothing says so', () => {
    const r = whatif('--list', 'h3c', '--from', '2028-01-01', '--like', 'us-ndaa-889b', '--in', 'FR');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /The scenario changes nothing: the same findings, the same plan and the same cost as the baseline/);
  });

  it('unknown rule ids, countries and vendors are exit 2 naming the option, never an empty result', () => {
    const cases: [string[], RegExp][] = [
      [['--adopt', 'us-nope', '--in', 'DE'], /--adopt: unknown rule id us-nope/],
      [['--move', 'nope', '--to', '2027-01-01'], /--move: unknown rule id nope/],
      [['--list', 'huawei', '--from', '2028-01-01', '--like', 'nope'], /--like: unknown rule id nope/],
      [['--adopt', 'de-2024-5g-core', '--in', 'Atlantis'], /--in.*Atlantis/],
      [['--list', 'acme-networks', '--from', '2028-01-01'], /--list.*acme-networks/],
      [['--adopt', 'de-2024-5g-core'], /--adopt: needs --in/],
      [['--adopt', 'de-2024-5g-core', '--in', 'IT', '--networks', 'government'], /--networks: needs --list/],
      [[], /no scenario: name one with --adopt, --list, --move or --scenario FILE/],
    ];
    for (const [args, message] of cases) {
      const r = whatif(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    }
  });
});

describe('cleanpath demo: the adoption scenario', () => {
  it('prints the seed\'s question, with the numbers whatif gives on the same store', () => {
    const demoDir = tempDir('cleanpath-whatif-demo-');
    try {
      // --wide: the headline read here on one line, as no terminal width wraps it
      const demo = cli(['--wide', 'demo', '--dir', demoDir, '--no-report']);
      assert.equal(demo.code, 0, demo.stderr);
      const head = /If Germany, Italy and Japan adopted the US ask \(no Huawei or ZTE in government and commercial networks, removed by 2028-12-31\):\n(\d+) more devices caught; the plan grows to (\d+) devices for ([\d,]+) \(([\d,]+) more\); under 3000000\/year from 2027-01-01 it is (done by \d{4}-\d\d-\d\d|not finished within the budget horizon) in (\d+) budget year/.exec(demo.stdout);
      assert.ok(head, demo.stdout.slice(-3000));
      const r = cli(['whatif', '--db', join(demoDir, 'demo.db'), '--scenario', join(demoDir, 'adoption.yaml'), '--as-of', '2026-12-31', '--budget', '3000000/year', '--budget-start', '2027-01-01', '--json']);
      assert.equal(r.code, 0, r.stderr);
      const d = JSON.parse(r.stdout) as { scenario: { plan: { devices: unknown[]; totalCost: number; doneBy: string | null; phases: unknown[] } }; delta: { newlyCaught: unknown[]; planCost: number; flowsBecomeClean: { id: string }[] } };
      const num = (s: string) => Number(s.replace(/,/g, ''));
      assert.equal(num(head[1]!), d.delta.newlyCaught.length);
      assert.equal(num(head[2]!), d.scenario.plan.devices.length);
      assert.equal(num(head[3]!), d.scenario.plan.totalCost);
      assert.equal(num(head[4]!), d.delta.planCost);
      assert.equal(head[5], d.scenario.plan.doneBy ? `done by ${d.scenario.plan.doneBy}` : 'not finished within the budget horizon');
      assert.equal(num(head[6]!), d.scenario.plan.phases.length);
      assert.ok(d.delta.newlyCaught.length > 0 && d.delta.flowsBecomeClean.length > 0, 'the adoption catches devices and cleans flows in the demo');
      for (const f of d.delta.flowsBecomeClean) assert.match(demo.stdout, new RegExp(`\\n${f.id} `), `${f.id} listed among the flows that become clean`);
    } finally {
      rmSync(demoDir, { recursive: true, force: true });
    }
  });
});
