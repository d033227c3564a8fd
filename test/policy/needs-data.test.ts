// Missing data is a finding of its own, never a deadline (issue 14, point 6): per field, whether
// its absence leaves the rule open; one finding per device and rule; --assume-in-scope; real
// GÉANT topology data with no layer, technology or network recorded.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readImport } from '../../src/ingest/index.js';
import { forcedFromFindings } from '../../src/plan/index.js';
import {
  evaluate, loadRuleCatalog, meetsFailOn, missingDataLines, missingDataSummary, RuleSchema, type Finding, type PolicyDevice, type Rule,
} from '../../src/policy/index.js';
import { dev } from './helpers.js';
import { peerMissing } from '../support/peer.js';

const { rules } = loadRuleCatalog();
const rule = (id: string): Rule => {
  const r = rules.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};
const check = (r: Rule | string, devices: PolicyDevice[], asOf = '2026-06-01', assumeInScope = false): Finding[] =>
  evaluate({ devices, rules: [typeof r === 'string' ? rule(r) : r], asOf, assumeInScope });
const deCore = (id: string, vendor: string | null, over: Partial<PolicyDevice> = {}) =>
  dev(id, vendor, { country: 'DE', layer: 'core', technology: '5g', network: 'commercial', operator: 'DE Mobile C', installed: '2020-01-01', ...over });
const DEADLINES = new Set(['overdue', 'due', 'banned-new-install']);

describe('needs-data: each scope field', () => {
  for (const field of ['layer', 'technology', 'network'] as const) {
    it(`a blank ${field} is needs-data naming it, never a deadline; --assume-in-scope gives the deadline with the assumption`, () => {
      const [f, ...rest] = check('de-2024-5g-core', [deCore('c', 'huawei', { [field]: undefined })], '2027-01-05');
      assert.equal(rest.length, 0);
      assert.equal(f?.status, 'needs-data');
      assert.deepEqual(f?.missing, [field]);
      assert.equal(f?.ifCovered, 'overdue');
      assert.equal(f?.deadline, null);
      assert.equal(f?.daysLeft, null);
      assert.match(f?.reason ?? '', new RegExp(`^needs ${field} \\(.+\\?\\) to be judged under de-2024-5g-core; if so, overdue`));
      const [g] = check('de-2024-5g-core', [deCore('c', 'huawei', { [field]: undefined })], '2027-01-05', true);
      assert.equal(g?.status, 'overdue');
      assert.ok(g?.notices.some((n) => n.startsWith(`${field} not recorded: assumed`)), g?.notices.join('; '));
    });
  }

  it('a device known to be out of scope on a recorded field stays out, whatever else is blank', () => {
    assert.deepEqual(check('de-2024-5g-core', [deCore('p', 'huawei', { layer: 'handset', technology: undefined, network: undefined })]), []);
    assert.deepEqual(check('de-2024-5g-core', [deCore('i', 'huawei', { country: 'IT', layer: undefined })]), []);
  });

  it('several blank fields make one finding naming them all, in a fixed order', () => {
    const fs = check('de-2024-5g-core', [deCore('c', 'huawei', { network: undefined, layer: undefined, technology: undefined })]);
    assert.equal(fs.length, 1);
    assert.deepEqual(fs[0]?.missing, ['layer', 'technology', 'network']);
    assert.match(fs[0]?.reason ?? '', /^needs layer \(core\?\), technology \(5g\?\) and network \(commercial\?\) to be judged under de-2024-5g-core/);
  });

  it('a blank country is needs-data, even under --assume-in-scope (a device is in one country, not in all)', () => {
    for (const assume of [false, true]) {
      const [f] = check('de-2024-5g-core', [deCore('c', 'huawei', { country: undefined })], '2026-06-01', assume);
      assert.equal(f?.status, 'needs-data');
      assert.deepEqual(f?.missing, ['country']);
    }
  });

  it("a blank operator under a rule naming operators is needs-data; another operator is out", () => {
    const custom = RuleSchema.parse({
      ...rule('de-2024-5g-core'), id: 'acme-ops', jurisdiction: 'ACME', scope: { countries: 'any', operators: ['Op A'] },
    });
    assert.equal(check(custom, [deCore('c', 'huawei', { operator: undefined })])[0]?.status, 'needs-data');
    assert.deepEqual(check(custom, [deCore('c', 'huawei', { operator: undefined })])[0]?.missing, ['operator']);
    assert.deepEqual(check(custom, [deCore('c', 'huawei', { operator: 'Op B' })]), []);
    assert.equal(check(custom, [deCore('c', 'huawei', { operator: 'Op A' })])[0]?.status, 'due');
  });

  it('use: the rule decides when it says (useMissing), needs-data when it does not', () => {
    const cam = (id: string) => dev(id, 'hikvision', { country: 'GB', layer: 'surveillance', installed: '2020-01-01', extra: {} });
    assert.deepEqual(check('uk-dvd-2022-sites', [cam('k1')]), [], 'useMissing: out-of-scope');
    const silent = RuleSchema.parse({ ...rule('us-ndaa-889b-video'), id: 'acme-video', jurisdiction: 'ACME', scope: { countries: 'any', uses: ['public-safety'] } });
    const [f] = check(silent, [cam('k2')]);
    assert.equal(f?.status, 'needs-data');
    assert.deepEqual(f?.missing, ['use']);
    assert.equal(check(silent, [cam('k2')], '2026-06-01', true)[0]?.status, 'overdue');
  });
});

describe('needs-data: the installed date', () => {
  it('a passed install cut-off with no installed date is needs-data (banned new install or may stay)', () => {
    const twCore = dev('t', 'huawei', { country: 'TW', layer: 'core', network: 'commercial' });
    const check2 = (asOf: string, assume = false) => evaluate({ devices: [twCore], rules: [rule('tw-ncc-2014-4g')], asOf, assumeInScope: assume, includeUnverified: true });
    const [f] = check2('2026-06-01');
    assert.equal(f?.status, 'needs-data');
    assert.deepEqual(f?.missing, ['installed']);
    assert.equal(f?.ifCovered, 'banned-new-install');
    const [g] = check2('2026-06-01', true);
    assert.equal(g?.status, 'banned-new-install');
    assert.ok(g?.notices.some((n) => /installed date not recorded: assumed after 2014-04-29/.test(n)));
    assert.equal(evaluate({ devices: [{ ...twCore, installed: '2010-01-01' }], rules: [rule('tw-ncc-2014-4g')], asOf: '2026-06-01', includeUnverified: true })[0]?.status, 'advisory');
  });

  it('a passed purchase cut-off with neither date is needs-data naming the purchase date', () => {
    const jp = dev('j', 'huawei', { country: 'JP', network: 'government' });
    const [f] = check('jp-2018-procurement', [jp]);
    assert.equal(f?.status, 'needs-data');
    assert.deepEqual(f?.missing, ['purchased']);
    assert.equal(check('jp-2018-procurement', [jp], '2026-06-01', true)[0]?.status, 'banned-new-install');
  });

  it('a removal deadline that applies whatever the date stays due, with the notice', () => {
    const gb = dev('g', 'huawei', { country: 'GB', layer: 'ran', technology: '5g' });
    const [f] = check('uk-dvd-2022-5g', [gb]);
    assert.equal(f?.status, 'due');
    assert.ok(f?.notices.some((n) => /a banned purchase if it was bought after 2020-12-31/.test(n)));
    assert.ok(f?.notices.some((n) => /a banned new install if installed after 2021-09-30/.test(n)));
  });

  it('an approval regime with no installed date is needs-data; --assume-in-scope assumes it was installed under the regime', () => {
    const fr = dev('f', 'huawei', { country: 'FR', layer: 'ran', technology: '5g' });
    const [f] = check('fr-l34-11', [fr]);
    assert.equal(f?.status, 'needs-data');
    assert.deepEqual(f?.missing, ['installed']);
    assert.equal(check('fr-l34-11', [fr], '2026-06-01', true)[0]?.status, 'approval-required');
  });
});

describe('needs-data: unknown vendor, gates, plans', () => {
  it('an unknown vendor with blank scope data is one finding naming the vendor too', () => {
    const fs = check('de-2024-5g-core', [deCore('u', null, { layer: undefined })]);
    assert.equal(fs.length, 1);
    assert.equal(fs[0]?.status, 'needs-data');
    assert.deepEqual(fs[0]?.missing, ['vendor', 'layer']);
    assert.match(fs[0]?.reason ?? '', /^needs vendor \(huawei\/zte\?\) and layer \(core\?\)/);
    assert.equal(check('de-2024-5g-core', [deCore('u', null)])[0]?.status, 'vendor-unknown', 'scope complete: vendor-unknown as before');
  });

  it('--fail-on: needs-data counts as what it would be (a gate cannot pass what it cannot judge)', () => {
    const [f] = check('de-2024-5g-core', [deCore('c', 'huawei', { layer: undefined })], '2027-01-05');
    assert.equal(meetsFailOn(f!, 'overdue'), true);
    const [d] = check('de-2024-5g-core', [deCore('c', 'huawei', { layer: undefined })], '2026-06-01');
    assert.equal(meetsFailOn(d!, 'overdue'), false);
    assert.equal(meetsFailOn(d!, 'due'), true);
  });

  it('forces nothing into a plan, even when asked to force every status', () => {
    const fs = check('de-2024-5g-core', [deCore('c', 'huawei', { layer: undefined })], '2027-01-05');
    assert.deepEqual(forcedFromFindings(fs), []);
    assert.deepEqual(forcedFromFindings(fs.map((f) => ({ ...f, deadline: '2026-12-31' })), ['needs-data', 'overdue', 'due']), []);
  });

  it('share cap: devices of unknown segment bound the share; over whatever they are is a deadline, else needs-data', () => {
    const ont = (i: number, vendor: string, over: Partial<PolicyDevice> = {}) =>
      dev(`o${i}`, vendor, { country: 'GB', layer: 'access', technology: 'fixed', operator: 'A', installed: '2021-01-01', ...over });
    const known = [...Array.from({ length: 4 }, (_, i) => ont(i, 'huawei')), ...Array.from({ length: 6 }, (_, i) => ont(10 + i, 'nokia'))];
    // 4 of 10 is over 35%; two blank-technology Nokia devices could bring it to 4 of 12 (33%).
    const [f] = check('uk-dvd-2022-fibre-cap', [...known, ont(20, 'nokia', { technology: undefined }), ont(21, 'nokia', { technology: undefined })]);
    assert.equal(f?.status, 'needs-data');
    assert.deepEqual(f?.missing, ['technology']);
    assert.deepEqual(f?.group?.uncertain, [{ device: 'o20', missing: ['technology'] }, { device: 'o21', missing: ['technology'] }]);
    assert.equal(f?.deadline, null);
    // One such device cannot: 4 of 11 is still over.
    const [g] = check('uk-dvd-2022-fibre-cap', [...known, ont(20, 'nokia', { technology: undefined })]);
    assert.equal(g?.status, 'overdue');
    // --assume-in-scope counts them in (today's reading): 4 of 12 is within the cap.
    assert.deepEqual(check('uk-dvd-2022-fibre-cap', [...known, ont(20, 'nokia', { technology: undefined }), ont(21, 'nokia', { technology: undefined })], '2026-06-01', true), []);
  });

  it('summarises what to fill in, per field, in distinct devices', () => {
    const fs = evaluate({ devices: [deCore('a', 'huawei', { layer: undefined }), deCore('b', 'huawei', { layer: undefined, technology: undefined })], rules, asOf: '2026-06-01' });
    const s = missingDataSummary(fs);
    assert.deepEqual(s.find((m) => m.field === 'layer'), { field: 'layer', devices: 2 });
    assert.deepEqual(s.find((m) => m.field === 'technology'), { field: 'technology', devices: 1 });
    assert.ok(missingDataLines(s).includes('2 devices need a layer to be judged: cleanpath import changes.csv --base latest --update'));
  });
});

const GEANT = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'topologyzoo', 'Geant2010.graphml');

describe('the GÉANT Topology Zoo file (no layer, technology, network or installed date recorded)', () => {
  it('yields needs-data only, naming the fields, at most one finding per device and rule; --assume-in-scope restores the deadlines', async (t) => {
    if (peerMissing(t, 'shared-data', existsSync(GEANT) || `${GEANT} not found`)) return;
    const batch = await readImport(GEANT);
    // Every router Huawei, as if set by `import --update`: the question is then only the scope.
    const devices: PolicyDevice[] = batch.devices.map((d) => ({
      ...d, vendor: 'huawei', extra: d.extra ?? {}, attribution: { vendor: 'huawei', confidence: 1, evidence: [], conflicts: [] },
    }));
    assert.equal(devices.length, 37);
    const fs = evaluate({ devices, rules, asOf: '2026-06-01' });
    assert.ok(fs.length > 0);
    const scopeOf = new Map(rules.map((r) => [r.id, r.scope]));
    for (const f of fs) {
      assert.ok(!DEADLINES.has(f.status), `${f.device} ${f.rule}: ${f.status}`);
      // An advisory rule scoped by country alone (Estonia's review) needs nothing more to be shown.
      const s = scopeOf.get(f.rule)!;
      if (f.status === 'advisory' && !s.layers && !s.technologies && !s.networks) continue;
      assert.equal(f.status, 'needs-data', `${f.device} ${f.rule}: ${f.status}`);
      assert.ok(f.missing && f.missing.length > 0);
      assert.equal(f.deadline, null);
    }
    const keys = fs.filter((f) => f.device !== null).map((f) => `${f.device}|${f.rule}`);
    assert.equal(new Set(keys).size, keys.length, 'one finding per device and rule');
    assert.deepEqual(forcedFromFindings(fs), []);
    assert.equal(missingDataSummary(fs).find((m) => m.field === 'layer')?.devices, 37);

    const de = devices.find((d) => d.country === 'DE')!;
    const mine = fs.filter((f) => f.device === de.id && f.rule.startsWith('de-2024'));
    assert.deepEqual(mine.map((f) => [f.rule, f.missing]).sort(), [['de-2024-5g-core', ['layer', 'technology', 'network']], ['de-2024-5g-nms', ['layer', 'technology', 'network']]]);

    const assumed = evaluate({ devices, rules, asOf: '2026-06-01', assumeInScope: true });
    const deAssumed = assumed.filter((f) => f.device === de.id && f.rule.startsWith('de-2024'));
    assert.deepEqual(deAssumed.map((f) => f.status), ['due', 'due']);
    for (const f of deAssumed) assert.ok(f.notices.some((n) => /layer not recorded: assumed/.test(n)));
    const akeys = assumed.filter((f) => f.device !== null).map((f) => `${f.device}|${f.rule}`);
    assert.equal(new Set(akeys).size, akeys.length, 'one finding per device and rule');
    assert.ok(forcedFromFindings(assumed).length > 0, 'the conservative reading forces the DE router');
  });
});
