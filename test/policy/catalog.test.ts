// The registry: every rule is sourced and labelled with how well that source is verified, and
// the catalog covers what issue 3 asks for.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadRuleCatalog, parseRuleCatalog, RULE_KINDS } from '../../src/policy/index.js';

const { rules, catalogVersion, catalogDate, changes } = loadRuleCatalog();

describe('policy catalog registry', () => {
  it('is versioned', () => assert.match(catalogVersion, /\d{4}-\d{2}-\d{2}/));

  it('every rule has a source URL and a verification level; a rule short of verified says why', () => {
    for (const r of rules) {
      assert.match(r.source, /^https?:\/\/\S+$/, r.id);
      for (const s of r.sources ?? []) assert.match(s, /^https?:\/\/\S+$/, r.id);
      assert.ok(['verified', 'partial', 'unverified'].includes(r.verification.level), r.id);
      if (r.verification.level !== 'verified') assert.ok(r.verification.note && r.verification.note.length > 20, `${r.id} needs a verification note`);
      assert.ok(r.clause.length > 3 && r.instrument.length > 3, r.id);
    }
  });

  it('ids are unique and stable-looking', () => {
    assert.equal(new Set(rules.map((r) => r.id)).size, rules.length);
  });

  it('covers the jurisdictions and instruments the issue lists', () => {
    const ids = new Set(rules.map((r) => r.id));
    for (const id of [
      'us-ndaa-889a', 'us-ndaa-889b', 'us-fcc-covered-huawei', 'us-fcc-covered-zte', 'us-fcc-covered-hikvision', 'us-dod-exchange-2018',
      'us-ndaa24-805-direct', 'us-ndaa24-805-products', 'au-2018-5g', 'uk-dvd-2022-core', 'uk-dvd-2022-5g', 'uk-dvd-2022-fibre-cap',
      'de-2024-5g-core', 'de-2024-5g-nms', 'se-pts-2020', 'ca-2022-5g', 'ca-2022-4g', 'eu-5g-toolbox-sm03', 'eu-5g-toolbox-sm05',
      'jp-2018-procurement', 'it-golden-power-5g', 'fr-l34-11', 'in-2021-trusted-sources', 'nz-2018-gcsb-5g-ran',
    ]) assert.ok(ids.has(id), id);
    for (const k of RULE_KINDS) assert.ok(rules.some((r) => r.kind === k), `some rule is a ${k}`);
  });

  it('labels the rules built on unverified facts', () => {
    for (const id of ['in-2022-expansion', 'tw-ncc-2014-4g', 'pt-cssc-2023-5g']) assert.equal(rules.find((x) => x.id === id)?.verification.level, 'unverified', id);
    assert.equal(rules.find((x) => x.id === 'uk-dvd-2022-transmission')?.verification.level, 'partial');
  });

  it('a verified rule says when its primary text was read and quotes it for the effective date and each cut-off or deadline it sets', () => {
    for (const r of rules.filter((x) => x.verification.level === 'verified')) {
      assert.match(r.verification.checked ?? '', /^\d{4}-\d{2}-\d{2}$/, `${r.id}: verification.checked`);
      const quoted = new Set((r.quotes ?? []).map((q) => q.field));
      for (const f of ['effective', 'noNewAfter', 'noNewPurchaseAfter', 'acquiredAfter', 'removeBy', 'prohibitedFrom'] as const) {
        if (r[f] !== undefined) assert.ok(quoted.has(f), `${r.id}: ${f} is not quoted`);
      }
      assert.ok(quoted.has('scope') || quoted.has('vendors'), `${r.id}: scope is not quoted`);
    }
  });

  it('quotes are short and cite a URL', () => {
    for (const r of rules) for (const q of r.quotes ?? []) {
      assert.ok(q.text.length <= 400, r.id);
      assert.match(q.source, /^https?:\/\//, r.id);
    }
  });

  it('has a change log: the version and date of the catalog are its last entry, every entry names a rule of the catalog', () => {
    assert.ok(changes.length > 0);
    assert.equal(changes[changes.length - 1]!.version, catalogVersion);
    assert.equal(changes[changes.length - 1]!.date, catalogDate);
    const ids = new Set(rules.map((r) => r.id));
    for (const c of changes) assert.ok(ids.has(c.rule), `change names unknown rule ${c.rule}`);
  });

  it('logs a change for every wrong or level-dishonest policy item of the audit', () => {
    const items = new Set(changes.map((c) => c.audit).filter(Boolean));
    for (const item of ['P8', 'P9', 'P11', 'P12', 'P14', 'P15', 'P20', 'P24', 'P26', 'P40']) assert.ok(items.has(item), item);
  });

  it('rejects a catalog with an unknown vendor or a duplicate id', () => {
    const base = structuredClone(rules[0]!);
    assert.throws(() => parseRuleCatalog({ version: 1, rules: [{ ...base, vendors: ['huwaei'] }] }), /unknown vendor huwaei/);
    assert.throws(() => parseRuleCatalog({ version: 1, rules: [base, base] }), /duplicate rule id/);
    assert.throws(() => parseRuleCatalog({ version: 1, rules: [{ ...base, source: 'see notes' }] }), /source: expected an http\(s\) URL/);
  });
});
