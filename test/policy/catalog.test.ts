// The registry: every rule is sourced and labelled with how well that source is verified, and
// the catalog covers what issue 3 asks for.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadRuleCatalog, parseRuleCatalog, RULE_KINDS } from '../../src/policy/index.js';

const { rules, catalogVersion } = loadRuleCatalog();

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
    const r = rules.find((x) => x.id === 'us-fcc-covered-foreign-routers');
    assert.equal(r?.verification.level, 'unverified');
    assert.equal(rules.find((x) => x.id === 'uk-dvd-2022-transmission')?.verification.level, 'partial');
  });

  it('rejects a catalog with an unknown vendor or a duplicate id', () => {
    const base = structuredClone(rules[0]!);
    assert.throws(() => parseRuleCatalog({ version: 1, rules: [{ ...base, vendors: ['huwaei'] }] }), /unknown vendor huwaei/);
    assert.throws(() => parseRuleCatalog({ version: 1, rules: [base, base] }), /duplicate rule id/);
    assert.throws(() => parseRuleCatalog({ version: 1, rules: [{ ...base, source: 'see notes' }] }), /source: expected an http\(s\) URL/);
  });
});
