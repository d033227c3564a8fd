// One test per correction of the outside audit (reference/catalog-audit.md), named by its item:
// each pins what the instrument says against what the catalog used to say.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, loadRuleCatalog, type Finding, type PolicyDevice, type Rule } from '../../src/policy/index.js';
import { dev } from './helpers.js';

const catalog = loadRuleCatalog();
const rule = (id: string): Rule => {
  const r = catalog.rules.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};
const check = (id: string, devices: PolicyDevice[], asOf: string, includeUnverified = false): Finding[] =>
  evaluate({ devices, rules: [rule(id)], asOf, includeUnverified });
const withExtra = (d: PolicyDevice, extra: Record<string, string>): PolicyDevice => ({ ...d, extra: { ...d.extra, ...extra } });
const changed = (id: string, audit: string) => catalog.changes.some((c) => c.rule === id && c.audit === audit);

describe('audit corrections', () => {
  const usCore = dev('u1', 'huawei', { country: 'US', layer: 'core', technology: '4g', network: 'commercial', installed: '2024-01-01' });

  it('P9: the Covered List is no installation ban: an unsubsidised Huawei core installed in 2024 is no finding, a USF-funded one is', () => {
    assert.deepEqual(check('us-fcc-covered-huawei', [withExtra(usCore, { funding: 'none' })], '2026-06-01'), []);
    const [f] = check('us-fcc-covered-huawei', [withExtra(usCore, { funding: 'usf' })], '2026-06-01');
    assert.equal(f?.status, 'overdue');
    assert.equal(f?.ruleRef.id, 'us-fcc-covered-huawei');
    assert.ok(f?.notices.some((n) => /restricts the subsidy, not the equipment/.test(n)));
    const [g] = check('us-fcc-covered-huawei', [usCore], '2026-06-01');
    assert.equal(g?.status, 'needs-data');
    assert.deepEqual(g?.missing, ['funding']);
    assert.ok(changed('us-fcc-covered-huawei', 'P9'));
  });

  it('P8: the 60 days after listing start the subsidy bar (54.10(c)), not a removal deadline: due on 10 May 2021, overdue from 11 May', () => {
    const funded = withExtra(dev('u2', 'zte', { country: 'US', installed: '2015-01-01' }), { funding: 'usf' });
    assert.equal(check('us-fcc-covered-zte', [funded], '2021-05-10')[0]?.status, 'due');
    assert.equal(check('us-fcc-covered-zte', [funded], '2021-05-11')[0]?.status, 'overdue');
    assert.ok(rule('us-fcc-covered-zte').quotes?.some((q) => q.field === 'prohibitedFrom' && /60 days after/.test(q.text)));
    assert.doesNotMatch(rule('us-fcc-covered-zte').notes ?? '', /must remove it \(within 60 days/);
  });

  it('P11: the foreign-router entry is no longer labelled unverified', () => {
    assert.notEqual(rule('us-fcc-covered-foreign-routers').verification.level, 'unverified');
    assert.ok(changed('us-fcc-covered-foreign-routers', 'P11'));
  });

  it('P12: only consumer-grade routers, from any maker; an authorisation restriction, so advisory; carrier gear is out', () => {
    const cpe = (grade?: string, vendor = 'cisco') => withExtra(dev('r', vendor, { country: 'US', layer: 'access', installed: '2026-05-01' }), grade ? { grade } : {});
    const [f] = check('us-fcc-covered-foreign-routers', [cpe('consumer')], '2026-06-01');
    assert.equal(f?.status, 'advisory');
    assert.match(f?.reason ?? '', /new models may not be certified, imported or marketed; a device already in use may stay in use/);
    assert.deepEqual(check('us-fcc-covered-foreign-routers', [cpe('carrier', 'huawei')], '2026-06-01'), []);
    assert.deepEqual(check('us-fcc-covered-foreign-routers', [cpe(undefined)], '2026-06-01'), []);
    assert.deepEqual(check('us-fcc-covered-foreign-routers', [{ ...cpe('consumer'), layer: 'core' }], '2026-06-01'), []);
  });

  it('P14: Hytera, Hikvision and Dahua are under FCC 22-84 (conditional authorisation for security uses)', () => {
    const r = rule('us-fcc-22-84-video');
    assert.deepEqual(r.vendors, ['hytera', 'hikvision', 'dahua']);
    const cam = dev('k', 'hikvision', { country: 'US', layer: 'surveillance', installed: '2024-01-01', extra: { use: 'public-safety' } });
    assert.equal(check('us-fcc-22-84-video', [cam], '2024-06-01')[0]?.status, 'advisory');
    assert.deepEqual(check('us-fcc-22-84-video', [{ ...cam, extra: { use: 'retail-analytics' } }], '2024-06-01'), []);
  });

  it('P15: FCC 25-71 is in force from 26 Dec 2025 (verified), and 22-84 no longer calls it a pending vote', () => {
    const r = rule('us-fcc-25-71');
    assert.equal(r.effective, '2025-12-26');
    assert.equal(r.verification.level, 'verified');
    assert.ok(r.quotes?.some((q) => q.field === 'effective' && /December 26, 2025/.test(q.text)));
    const huawei = dev('h', 'huawei', { country: 'US', installed: '2020-01-01' });
    assert.deepEqual(check('us-fcc-25-71', [huawei], '2025-12-25'), []);
    assert.equal(check('us-fcc-25-71', [huawei], '2025-12-26')[0]?.status, 'advisory');
    assert.doesNotMatch(`${rule('us-fcc-22-84').verification.note} ${rule('us-fcc-22-84').notes}`, /not modelled|vote/);
  });

  it('P20: §805 clauses are (a)(1)(A) and (a)(1)(B); (a)(2) defines the entities', () => {
    assert.match(rule('us-ndaa24-805-direct').clause, /^§805\(a\)\(1\)\(A\)/);
    assert.match(rule('us-ndaa24-805-products').clause, /^§805\(a\)\(1\)\(B\)/);
  });

  describe('P24: the UK 31 Dec 2020 date is a purchase cut-off; installs stopped after Sep 2021', () => {
    const gb = (dates: { installed?: string; purchased?: string }) =>
      dev('g', 'huawei', { country: 'GB', layer: 'ran', technology: '5g', ...(dates.installed ? { installed: dates.installed } : {}), extra: dates.purchased ? { purchased: dates.purchased } : {} });
    const at = (d: { installed?: string; purchased?: string }) => check('uk-dvd-2022-5g', [gb(d)], '2023-01-01')[0];
    it('bought in 2020, installed in May 2021: due (end-2027), not a banned new install', () => assert.equal(at({ purchased: '2020-06-01', installed: '2021-05-01' })?.status, 'due'));
    it('bought on 1 Jan 2021: banned', () => assert.equal(at({ purchased: '2021-01-01', installed: '2021-02-01' })?.status, 'banned-new-install'));
    it('bought in 2020, installed on 1 Oct 2021: banned (install cut-off)', () => assert.equal(at({ purchased: '2020-06-01', installed: '2021-10-01' })?.status, 'banned-new-install'));
    it('installed in May 2021 with no purchase date: due, and the finding says the installed date was what it had', () => {
      const f = at({ installed: '2021-05-01' });
      assert.equal(f?.status, 'due');
      assert.ok(f?.notices.some((n) => /purchase date not recorded \(judged on the installed date\): installed 2021-05-01, after 2020-12-31/.test(n)), f?.notices.join(' | '));
    });
  });

  it('P26: the UK core rule reaches a 4G core (EPC)', () => {
    const epc = dev('c', 'huawei', { country: 'GB', layer: 'core', technology: '4g', installed: '2015-01-01' });
    assert.equal(check('uk-dvd-2022-core', [epc], '2024-01-01')[0]?.status, 'overdue');
  });

  it('P36: Canada\'s 1 Sep 2022 cut-off is on procurement: bought before, installed after, is allowed', () => {
    const ca = dev('c', 'huawei', { country: 'CA', technology: '4g', installed: '2022-10-01', extra: { purchased: '2022-08-15' } });
    assert.equal(check('ca-2022-4g', [ca], '2023-01-01')[0]?.status, 'due');
    assert.equal(check('ca-2022-4g', [{ ...ca, extra: { purchased: '2022-09-02' } }], '2023-01-01')[0]?.status, 'banned-new-install');
  });

  it('P38: Japan\'s 2018 procurement policy is judged on the purchase date', () => {
    assert.equal(rule('jp-2018-procurement').noNewPurchaseAfter, '2019-03-31');
    assert.equal(rule('jp-2018-procurement').noNewAfter, undefined);
  });

  it('P40: Italy\'s golden-power rule is no longer labelled verified; the 2022 rewrite is a milestone', () => {
    const r = rule('it-golden-power-5g');
    assert.equal(r.verification.level, 'partial');
    assert.match(r.verification.note ?? '', /DL 21\/2022/);
    assert.ok(r.milestones?.some((m) => m.date === '2022-03-23'));
  });

  it('P42: France\'s possible reach back to 1 Feb 2019 is stated on every finding', () => {
    const fr = dev('f', 'huawei', { country: 'FR', layer: 'ran', technology: '5g', installed: '2020-01-01' });
    assert.ok(check('fr-l34-11', [fr], '2024-01-01')[0]?.notices.some((n) => /1 Feb 2019/.test(n)));
  });

  it('§4: the missing rules the audit lists are in the catalog, each with a source', () => {
    const ids = ['us-far-52-204-26', 'us-fcc-54-9-usf', 'us-fcc-rip-replace-eligibility', 'us-fcc-rip-replace-removal', 'us-sna-5-reporting', 'us-fcc-25-71', 'us-fcc-22-84-video',
      'uk-dvd-2022-fibre-sanctions', 'pt-cssc-2023-5g', 'ee-2020-security-review', 'lt-2022-procurement', 'ro-2021-5g-authorisation', 'nl-2021-core', 'be-2022-5g-authorisation',
      'be-2022-5g-hrv', 'tw-ncc-2014-4g', 'tw-ey-2019-government', 'jp-espa-2024', 'in-2022-expansion'];
    for (const id of ids) assert.match(rule(id).source, /^https?:\/\//, id);
  });

  it('§4.4: the Reimbursement Program pays only for equipment obtained before 30 Jun 2020, judged on the purchase date', () => {
    const rip = (purchased: string) => withExtra(dev('r', 'huawei', { country: 'US', installed: '2021-01-01' }), { funding: 'reimbursement-program', purchased });
    assert.notEqual(check('us-fcc-rip-replace-eligibility', [rip('2020-06-29')], '2022-01-01')[0]?.status, 'banned-new-install');
    assert.equal(check('us-fcc-rip-replace-eligibility', [rip('2020-06-30')], '2022-01-01')[0]?.status, 'banned-new-install');
  });

  it('§4.11: the DoD exchange directive restricts sales at base stores, not a handset used elsewhere', () => {
    const [f] = check('us-dod-exchange-2018', [dev('p', 'huawei', { country: 'DE', layer: 'handset' })], '2024-01-01');
    assert.equal(f?.status, 'advisory');
    assert.match(f?.reason ?? '', /owning or using the device elsewhere is not restricted/);
  });

  it('unverified rules are not applied as hard deadlines unless includeUnverified', () => {
    const tw = dev('t', 'huawei', { country: 'TW', layer: 'core', network: 'commercial', installed: '2016-01-01' });
    const [strict] = check('tw-ncc-2014-4g', [tw], '2020-01-01');
    assert.equal(strict?.status, 'advisory');
    assert.equal(strict?.ifVerified, 'banned-new-install');
    assert.equal(check('tw-ncc-2014-4g', [tw], '2020-01-01', true)[0]?.status, 'banned-new-install');
  });
});
