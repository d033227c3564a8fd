// The December 2026 re-verification against primary texts (issue 17, point 1): one test per rule
// whose level, quotes or dates moved, pinning what the text read says.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, loadRuleCatalog, type PolicyDevice, type Rule } from '../../src/policy/index.js';
import { dev, inScopeDevice } from './helpers.js';

const catalog = loadRuleCatalog();
const rule = (id: string): Rule => {
  const r = catalog.rules.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};
const quoted = (id: string, field: string, re: RegExp) => (rule(id).quotes ?? []).some((q) => q.field === field && re.test(q.text));
const logged = (id: string) => catalog.changes.some((c) => c.rule === id && c.version === '2026-12-03.2');
const statusOn = (id: string, d: PolicyDevice, asOf: string, includeUnverified = false) =>
  evaluate({ devices: [d], rules: [rule(id)], asOf, includeUnverified })[0]?.status;

describe('re-verification 2026-12', () => {
  it('jp-espa-2024: 17 May 2024 read on the MIC page, no longer a guess; partial, so it applies without includeUnverified', () => {
    const r = rule('jp-espa-2024');
    assert.equal(r.verification.level, 'partial');
    assert.equal(r.effective, '2024-05-17');
    assert.ok(quoted('jp-espa-2024', 'effective', /2024年5月17日/));
    assert.ok((r.quotes ?? []).some((q) => q.field === 'effective' && q.source.startsWith('https://www.soumu.go.jp/')));
    assert.ok(quoted('jp-espa-2024', 'scope', /交換機能/), 'the MIC ordinance facility list is quoted');
    const core = inScopeDevice(r, 'j1', { installed: '2024-05-17' });
    assert.equal(statusOn('jp-espa-2024', core, '2024-05-16'), undefined);
    const after = statusOn('jp-espa-2024', core, '2024-05-17');
    assert.ok(after !== undefined && after !== 'advisory', `applies from 17 May 2024, got ${after}`);
    const ran = inScopeDevice(r, 'j2', { installed: '2024-06-01', layer: 'ran' });
    assert.deepEqual(r.scope.layers, ['core', 'nms'], 'the MIC ordinance lists core and control functions, not radio sites');
    assert.equal(statusOn('jp-espa-2024', ran, '2025-01-01'), undefined);
    assert.ok(logged('jp-espa-2024'));
  });

  it('us-fcc-54-9-usf: verified from 47 CFR 54.9 and 85 FR 230; effective 3 Jan 2020, designations from 30 Jun 2020', () => {
    const r = rule('us-fcc-54-9-usf');
    assert.equal(r.verification.level, 'verified');
    assert.equal(r.effective, '2020-01-03');
    assert.equal(r.prohibitedFrom, '2020-06-30');
    assert.ok(quoted('us-fcc-54-9-usf', 'effective', /Effective January 3, 2020/));
    assert.ok(quoted('us-fcc-54-9-usf', 'scope', /^No universal service support may be used to purchase, obtain, maintain/));
    const funded = { ...dev('u', 'huawei', { country: 'US', installed: '2019-01-01' }), extra: { funding: 'usf' } };
    assert.notEqual(statusOn('us-fcc-54-9-usf', funded, '2020-06-29'), 'overdue');
    assert.equal(statusOn('us-fcc-54-9-usf', funded, '2020-06-30'), 'overdue');
    assert.ok(logged('us-fcc-54-9-usf'));
  });

  it('us-fcc-rip-replace-removal: the one-year term is 47 CFR 1.50004(h), from the initial draw-down; verified, no catalog deadline', () => {
    const r = rule('us-fcc-rip-replace-removal');
    assert.equal(r.verification.level, 'verified');
    assert.equal(r.removeBy, undefined);
    assert.ok(quoted('us-fcc-rip-replace-removal', 'scope', /within one year of receiving the initial draw down disbursement/));
    assert.ok(quoted('us-fcc-rip-replace-removal', 'effective', /Effective March 15, 2021/));
    assert.doesNotMatch(r.source, /ruralspectrumscanner/, 'the source is the Federal Register document, not the trade report');
    assert.ok(logged('us-fcc-rip-replace-removal'));
  });

  it('us-fcc-rip-replace-eligibility: 30 Jun 2020 read in 47 CFR 1.50004(i)(1)(ii); the last reimbursable purchase day is 29 Jun 2020', () => {
    const r = rule('us-fcc-rip-replace-eligibility');
    assert.equal(r.noNewPurchaseAfter, '2020-06-29');
    assert.ok(quoted('us-fcc-rip-replace-eligibility', 'noNewPurchaseAfter', /only became covered pursuant to the Designation Orders, June 30, 2020/));
    assert.ok(quoted('us-fcc-rip-replace-eligibility', 'scope', /ten million or fewer customers/));
    assert.equal(r.verification.level, 'partial');
    assert.ok(logged('us-fcc-rip-replace-eligibility'));
  });

  it('in-2021-trusted-sources: the 15 Jun 2021 start is quoted; the last day for untrusted new equipment stays 14 Jun 2021', () => {
    assert.equal(rule('in-2021-trusted-sources').noNewAfter, '2021-06-14');
    assert.ok(quoted('in-2021-trusted-sources', 'noNewAfter', /With effect from June 15, 2021/));
  });

  it('§889 video rules and FAR 52.204-26: their starts are read in the Federal Register', () => {
    const a = rule('us-ndaa-889a-video');
    assert.equal(a.verification.level, 'verified');
    assert.equal(a.effective, '2019-08-13');
    assert.equal(a.noNewPurchaseAfter, '2019-08-12');
    assert.ok((a.quotes ?? []).some((q) => q.field === 'noNewPurchaseAfter' && q.source.startsWith('https://www.govinfo.gov/') && /August 13, 2019/.test(q.text)));
    const bought = (p: string) => dev('v', 'hikvision', { country: 'DE', network: 'military', installed: p, extra: { use: 'public-safety', purchased: p } });
    assert.equal(statusOn('us-ndaa-889a-video', bought('2019-08-12'), '2020-01-01'), 'advisory');
    assert.equal(statusOn('us-ndaa-889a-video', bought('2019-08-13'), '2020-01-01'), 'banned-new-install');
    const b = rule('us-ndaa-889b-video');
    assert.equal(b.prohibitedFrom, '2020-08-13');
    assert.ok(quoted('us-ndaa-889b-video', 'prohibitedFrom', /Effective: August 13, 2020/));
    assert.equal(b.verification.level, 'partial', 'the scope stays an approximation of §889(a)(1)(B)');
    const f = rule('us-far-52-204-26');
    assert.equal(f.verification.level, 'verified');
    assert.equal(f.effective, '2020-10-26');
    assert.ok(quoted('us-far-52-204-26', 'effective', /Effective: October 26, 2020/));
    for (const id of ['us-ndaa-889a-video', 'us-ndaa-889b-video', 'us-far-52-204-26']) assert.ok(logged(id), id);
  });

  it('de-bsig-9b: §9b is replaced by §41 BSIG 2025 from 6 Dec 2025 (milestone with the official text)', () => {
    const r = rule('de-bsig-9b');
    assert.deepEqual(r.milestones?.map((m) => m.date), ['2025-12-06']);
    assert.ok((r.quotes ?? []).some((q) => q.field === 'milestone' && q.source === 'https://www.gesetze-im-internet.de/bsig_2025/__41.html'));
    assert.equal(r.effective, '2021-05-28');
    assert.equal(r.verification.level, 'partial');
    assert.ok(logged('de-bsig-9b'));
  });

  it('rules whose primary text could not be reached say so and keep their level', () => {
    for (const id of ['uk-dvd-2022-5g', 'uk-dvd-2022-core', 'ca-2022-5g', 'ca-2022-4g', 'us-fcc-covered-huawei', 'ee-2020-security-review', 'ro-2021-5g-authorisation']) {
      assert.match(rule(id).verification.note ?? '', /Re-checked 2026-12-03/, id);
      assert.notEqual(rule(id).verification.level, 'verified', id);
    }
    assert.equal(rule('ee-2020-security-review').verification.level, 'unverified');
  });

  it('au-2018-5g: the TSSR commencement (18 Sep 2018) is read in the PJCIS review and kept as a milestone; the guidance day and level unchanged', () => {
    const r = rule('au-2018-5g');
    assert.equal(r.verification.level, 'partial');
    assert.equal(r.effective, '2018-08-23');
    assert.ok((r.milestones ?? []).some((m) => m.date === '2018-09-18'));
    assert.ok(quoted('au-2018-5g', 'milestone', /commenced on 18 September 2018/));
    assert.ok(logged('au-2018-5g'));
  });

  it('eu-5g-toolbox-sm03: 29 Jan 2020 and the key-asset restriction are quoted from the Commission; still partial', () => {
    const r = rule('eu-5g-toolbox-sm03');
    assert.equal(r.verification.level, 'partial');
    assert.equal(r.effective, '2020-01-29');
    assert.ok(quoted('eu-5g-toolbox-sm03', 'scope', /adopted on 29 January 2020/));
    assert.ok((r.quotes ?? []).every((q) => q.source.startsWith('https://digital-strategy.ec.europa.eu/')));
  });

  it('the rules re-checked without reaching their primary text keep their level, say what was tried, and are logged', () => {
    const expected: Record<string, string> = {
      'tw-ncc-2014-4g': 'unverified',
      'tw-ey-2019-government': 'unverified',
      'lt-2022-procurement': 'unverified',
      'be-2022-5g-authorisation': 'partial',
      'be-2022-5g-hrv': 'unverified',
      'nz-2018-gcsb-5g-ran': 'partial',
      'eu-5g-toolbox-sm05': 'partial',
      'in-2022-expansion': 'unverified',
    };
    for (const [id, level] of Object.entries(expected)) {
      const r = rule(id);
      assert.equal(r.verification.level, level, id);
      assert.equal(r.verification.checked, '2026-12-03', id);
      assert.match(r.verification.note ?? '', /2026-12 re-check/, id);
      assert.ok(logged(id), `${id}: no change entry`);
    }
    assert.equal(rule('lt-2022-procurement').noNewPurchaseAfter, '2022-03-17', 'a law-firm date is recorded, not applied');
    assert.ok(!catalog.rules.some((r) => r.jurisdiction === 'LV'), 'no Latvian rule without a primary source');
  });

  it('de-bsig-9b: replaced by §41 BSIG 2025 from 6 Dec 2025; a component installed from then needs no notification', () => {
    const r = rule('de-bsig-9b');
    assert.equal(r.repealedFrom, '2025-12-06');
    assert.match(r.verification.note ?? '', /secondary sources/, 'the day is labelled as not read in the BGBl');
    const core = (installed?: string) => inScopeDevice(r, 'b1', installed ? { installed } : {});
    assert.equal(statusOn('de-bsig-9b', core('2025-12-05'), '2026-12-03'), 'approval-required');
    assert.equal(statusOn('de-bsig-9b', core('2025-12-06'), '2026-12-03'), undefined);
    assert.equal(statusOn('de-bsig-9b', core('2025-12-06'), '2025-12-05'), undefined, 'not installed yet');
    const f = evaluate({ devices: [core('2024-01-01')], rules: [r], asOf: '2026-12-03' })[0];
    assert.match(f?.reason ?? '', /repealed from 2025-12-06: it covers only equipment installed before that day/);
    const undated = evaluate({ devices: [core()], rules: [r], asOf: '2026-12-03' })[0];
    assert.equal(undated?.status, 'needs-data');
    assert.match(undated?.reason ?? '', /on or after 2021-05-28 and before 2025-12-06/);
    const assumed = evaluate({ devices: [core()], rules: [r], asOf: '2026-12-03', assumeInScope: true })[0];
    assert.equal(assumed?.status, 'approval-required');
    assert.ok(assumed?.notices.some((n) => /assumed before 2025-12-06/.test(n)));
    assert.ok(logged('de-bsig-9b'));
  });

  it('lt-2022-procurement: Law No XIV-954 read in the Seimas register; art. 17(5) quoted, no country named; in-force day unread, so still unverified and no deadline by default', () => {
    const r = rule('lt-2022-procurement');
    assert.match(r.instrument, /XIV-954/);
    assert.match(r.clause, /^Art\. 17\(5\)/);
    assert.ok((r.quotes ?? []).some((q) => q.field === 'scope' && q.source.startsWith('https://e-seimas.lrs.lt/') && /ypatingos svarbos informacinę infrastruktūrą/.test(q.text)));
    assert.ok(!(r.quotes ?? []).some((q) => q.field === 'noNewPurchaseAfter'), 'the cut-off is not read in the law');
    assert.equal(r.verification.level, 'unverified');
    const d = { ...inScopeDevice(r, 'l1', { installed: '2023-01-01' }), extra: { purchased: '2023-01-01' } };
    assert.notEqual(statusOn('lt-2022-procurement', d, '2023-06-01'), 'banned-new-install');
    assert.equal(statusOn('lt-2022-procurement', d, '2023-06-01', true), 'banned-new-install');
  });
});

