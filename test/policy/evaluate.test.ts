// Scope, vendor families, unknown vendors, share caps and concentration.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, excessOverCap, herfindahl, loadRuleCatalog, meetsFailOn, RuleSchema, type Finding, type PolicyDevice, type Rule } from '../../src/policy/index.js';
import { dev } from './helpers.js';

const { rules } = loadRuleCatalog();
const rule = (id: string): Rule => {
  const r = rules.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};
const check = (id: string, devices: PolicyDevice[], asOf = '2026-06-01'): Finding[] => evaluate({ devices, rules: [rule(id)], asOf });
const deCore = (id: string, vendor: string | null, over: Partial<PolicyDevice> = {}) =>
  dev(id, vendor, { country: 'DE', layer: 'core', technology: '5g', network: 'commercial', operator: 'DE Mobile C', installed: '2020-01-01', ...over });

describe('scope filters', () => {
  it('a Huawei 5G core in Germany is a de-2024-5g-core finding, with its evidence, clause and source', () => {
    const [f] = check('de-2024-5g-core', [deCore('c1', 'huawei')]);
    assert.equal(f?.device, 'c1');
    assert.equal(f?.rule, 'de-2024-5g-core');
    assert.equal(f?.status, 'due');
    assert.equal(f?.deadline, '2026-12-31');
    assert.equal(f?.evidence[0]?.source, 'inv.csv:7');
    assert.equal(f?.evidence[0]?.vendor, 'huawei');
    assert.match(f?.ruleRef.source ?? '', /^https:\/\//);
    assert.match(f?.ruleRef.clause ?? '', /core/);
  });

  it('a Huawei phone is not a 5G-core finding', () => {
    assert.deepEqual(check('de-2024-5g-core', [deCore('p1', 'huawei', { layer: 'handset' })]), []);
    assert.deepEqual(check('uk-dvd-2022-core', [dev('p2', 'huawei', { country: 'GB', layer: 'handset', technology: '5g' })]), []);
  });

  it('an Ericsson core is not a finding', () => {
    assert.deepEqual(check('de-2024-5g-core', [deCore('e1', 'ericsson')]), []);
    assert.deepEqual(check('uk-dvd-2022-core', [dev('e2', 'ericsson', { country: 'GB', layer: 'core', technology: '5g' })]), []);
  });

  it('the wrong country, technology or network is out of scope', () => {
    assert.deepEqual(check('de-2024-5g-core', [deCore('x', 'huawei', { country: 'IT' })]), []);
    assert.deepEqual(check('de-2024-5g-core', [deCore('x', 'huawei', { technology: '4g' })]), []);
    assert.deepEqual(check('de-2024-5g-core', [deCore('x', 'huawei', { network: 'military' })]), []);
  });

  it('a core with no technology recorded needs data, naming the field; --assume-in-scope reads it as in scope and says so', () => {
    const [f] = check('de-2024-5g-core', [deCore('c2', 'huawei', { technology: undefined })]);
    assert.equal(f?.status, 'needs-data');
    assert.deepEqual(f?.missing, ['technology']);
    assert.equal(f?.ifCovered, 'due');
    assert.equal(f?.deadline, null);
    assert.match(f?.reason ?? '', /^needs technology \(5g\?\) to be judged under de-2024-5g-core/);
    const [g] = evaluate({ devices: [deCore('c2', 'huawei', { technology: undefined })], rules: [rule('de-2024-5g-core')], asOf: '2026-06-01', assumeInScope: true });
    assert.equal(g?.status, 'due');
    assert.ok(g?.notices.some((n) => /technology not recorded: assumed 5g/.test(n)));
  });

  it('a use-scoped rule: a camera used for retail analytics is out, one with no recorded use is in with a notice', () => {
    const cam = (id: string, use?: string) => dev(id, 'hikvision', { country: 'DE', layer: 'surveillance', network: 'military', installed: '2018-01-01', extra: use ? { use } : {} });
    assert.deepEqual(check('us-ndaa-889b-video', [cam('k1', 'retail-analytics')]), []);
    const [f] = check('us-ndaa-889b-video', [cam('k2')]);
    assert.equal(f?.status, 'overdue');
    assert.ok(f?.notices.some((n) => /use not recorded/.test(n)));
  });
});

describe('subsidiaries and affiliates', () => {
  const honor = (id: string, installed?: string) => deCore(id, 'honor', installed ? { installed } : { installed: undefined });

  it("an Honor device installed before Huawei sold Honor (17 Nov 2020) is caught by Huawei's rule", () => {
    const [f] = check('de-2024-5g-core', [honor('h1', '2020-11-16')]);
    assert.equal(f?.status, 'due');
    assert.equal(f?.coveredAs, 'huawei');
    assert.match(f?.via ?? '', /Honor.*former-subsidiary of Huawei/);
  });

  it('an Honor device installed on or after the sale is not', () => {
    assert.deepEqual(check('de-2024-5g-core', [honor('h2', '2020-11-17')]), []);
  });

  it('an Honor device with no installed date is reported as vendor unknown, never passed', () => {
    const [f] = check('de-2024-5g-core', [honor('h3')]);
    assert.equal(f?.status, 'vendor-unknown');
    assert.equal(f?.ifCovered, 'due');
  });

  it('evidence naming a subsidiary (Huawei Device Co., Ltd.) is explained as such', () => {
    const d = dev('ph', 'huawei', { layer: 'handset', country: 'DE', installed: '2022-01-01' }, [
      { kind: 'oui', raw: '00:3d:e1:00:00:01', vendor: 'huawei', confidence: 0.8, valid: true, detail: 'IEEE MA-L 003DE1: Huawei Device Co., Ltd.', source: { file: 'inv.csv', line: 9 } },
    ]);
    const [f] = check('us-dod-exchange-2018', [d]);
    assert.equal(f?.status, 'advisory');
    assert.match(f?.via ?? '', /Huawei Device Co., Ltd. \(subsidiary of Huawei\)/);
  });

  it('a rule can exclude affiliates', () => {
    const r = RuleSchema.parse({ ...rule('de-2024-5g-core'), id: 'strict', affiliates: false });
    assert.deepEqual(evaluate({ devices: [honor('h4', '2019-01-01')], rules: [r], asOf: '2026-06-01' }), []);
  });
});

describe('unknown vendor', () => {
  it('a device in scope with no attributed vendor is reported as vendor unknown, with what it would be', () => {
    const d = deCore('u1', null, {}, );
    const [f] = check('de-2024-5g-core', [d], '2027-01-01');
    assert.equal(f?.status, 'vendor-unknown');
    assert.equal(f?.ifCovered, 'overdue');
    assert.match(f?.reason ?? '', /vendor unknown/);
    assert.equal(meetsFailOn(f!, 'overdue'), true);
  });

  it('--fail-on levels', () => {
    const f = (status: Finding['status'], ifCovered?: Finding['status']) => ({ status, ...(ifCovered ? { ifCovered } : {}) }) as Finding;
    assert.equal(meetsFailOn(f('due'), 'overdue'), false);
    assert.equal(meetsFailOn(f('due'), 'due'), true);
    assert.equal(meetsFailOn(f('banned-new-install'), 'overdue'), true);
    assert.equal(meetsFailOn(f('advisory'), 'due'), false);
    assert.equal(meetsFailOn(f('advisory'), 'any'), true);
    assert.equal(meetsFailOn(f('vendor-unknown', 'advisory'), 'due'), false);
  });
});

describe('UK 35% full-fibre access cap', () => {
  const fibre = (n: number, huawei: number, unknown = 0, operator = 'UK Fibre A') =>
    Array.from({ length: n }, (_, i) =>
      dev(`${operator}-ont${i}`, i < huawei ? 'huawei' : i < huawei + unknown ? null : 'nokia', { country: 'GB', layer: 'access', technology: 'fixed', operator, installed: '2021-01-01' }),
    );

  it('34% is within the cap: no finding', () => {
    assert.deepEqual(check('uk-dvd-2022-fibre-cap', fibre(100, 34)), []);
  });

  it('exactly 35% is within the cap', () => {
    assert.deepEqual(check('uk-dvd-2022-fibre-cap', fibre(100, 35)), []);
  });

  it('36% is over the cap by one device: overdue after 31 Oct 2023, due before', () => {
    const [f] = check('uk-dvd-2022-fibre-cap', fibre(100, 36));
    assert.equal(f?.status, 'overdue');
    assert.equal(f?.device, null);
    assert.equal(f?.group?.operator, 'UK Fibre A');
    assert.equal(f?.group?.sharePercent, 36);
    assert.equal(f?.group?.excess, 1);
    assert.equal(f?.group?.devices.length, 36);
    assert.equal(check('uk-dvd-2022-fibre-cap', fibre(100, 36), '2023-10-30')[0]?.status, 'due');
  });

  it('is judged per operator', () => {
    const fs = check('uk-dvd-2022-fibre-cap', [...fibre(100, 36, 0, 'A'), ...fibre(100, 34, 0, 'B')]);
    assert.deepEqual(fs.map((f) => f.group?.operator), ['A']);
  });

  it('unknown-vendor devices that could push a group over make it vendor unknown', () => {
    const [f] = check('uk-dvd-2022-fibre-cap', fibre(100, 34, 2));
    assert.equal(f?.status, 'vendor-unknown');
    assert.equal(f?.ifCovered, 'overdue');
  });

  it('excess counts the fewest devices to replace', () => {
    assert.equal(excessOverCap(36, 100, 35), 1);
    assert.equal(excessOverCap(35, 100, 35), 0);
    assert.equal(excessOverCap(3, 3, 35), 2);
  });
});

describe('SM05 concentration (Herfindahl index per operator and layer)', () => {
  it('computes the index on the 0..10000 scale', () => {
    assert.equal(herfindahl([5]), 10000);
    assert.equal(herfindahl([1, 1]), 5000);
    assert.equal(herfindahl([1, 1, 1, 1]), 2500);
    assert.equal(herfindahl([]), 0);
  });

  it('reports a single-vendor RAN, not a balanced one', () => {
    const ran = (op: string, vendors: string[]) =>
      vendors.map((v, i) => dev(`${op}-r${i}`, v, { country: 'IT', layer: 'ran', technology: '5g', network: 'commercial', operator: op }));
    const fs = check('eu-5g-toolbox-sm05', [...ran('mono', ['huawei', 'huawei', 'huawei', 'huawei', 'zte']), ...ran('multi', ['huawei', 'nokia', 'ericsson', 'samsung', 'nokia'])]);
    assert.equal(fs.length, 1);
    assert.equal(fs[0]?.group?.operator, 'mono');
    assert.equal(fs[0]?.group?.hhi, 6800);
    assert.equal(fs[0]?.status, 'advisory');
  });
});
