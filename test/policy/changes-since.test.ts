// `cleanpath policies --changes-since DATE` against the shipped catalog's own change log.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cli } from '../cli/helpers.js';
import { changesSince, shippedRuleCatalog } from '../../src/policy/index.js';

describe('policies --changes-since', () => {
  const catalog = shippedRuleCatalog();
  const days = [...new Set(catalog.changes.map((c) => c.date))].sort();
  const before = '2000-01-01';

  it('counts match the catalog: every change after the day, none on or before it', () => {
    assert.equal(changesSince(catalog, before).length, catalog.changes.length);
    for (const d of days) assert.equal(changesSince(catalog, d).length, catalog.changes.filter((c) => c.date > d).length);
    const r = cli(['policies', '--changes-since', before, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { catalogVersion: string; since: string; changes: { rule: string }[] };
    assert.equal(doc.catalogVersion, catalog.catalogVersion);
    assert.equal(doc.changes.length, catalog.changes.length);
    const csv = cli(['policies', '--changes-since', before, '--format', 'csv']);
    assert.equal(csv.stdout.trim().split('\n').length, catalog.changes.length + 1);
  });

  it('a day after the last change says so plainly', () => {
    const r = cli(['policies', '--changes-since', days.at(-1)!]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^No changes to the rule catalog after \d{4}-\d{2}-\d{2} \(catalog /);
  });

  it('a malformed date exits 2', () => {
    for (const bad of ['2026-02-30', 'yesterday']) assert.equal(cli(['policies', '--changes-since', bad]).code, 2, bad);
  });
});
