// Generated from the catalog: for every dated rule, the day before and the day after each of
// its dates (and the day itself for deadlines), so a date typo or an off-by-one shows up here.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, evaluate, lastPermittedDay, loadRuleCatalog, ruleDates, upcomingDeadlines, type Finding, type Rule } from '../../src/policy/index.js';
import { inScopeDevice } from './helpers.js';

const { rules } = loadRuleCatalog();
const one = (rule: Rule, asOf: string, installed?: string): Finding[] =>
  evaluate({ devices: [inScopeDevice(rule, 'd1', installed ? { installed } : {})], rules: [rule], asOf });
/** Five in-scope devices of the rule's vendors: a share cap is exceeded, a concentration is total. */
const group = (rule: Rule, asOf: string): Finding[] =>
  evaluate({ devices: [1, 2, 3, 4, 5].map((i) => inScopeDevice(rule, `d${i}`, { installed: '2000-01-01' })), rules: [rule], asOf });
const run = (rule: Rule, asOf: string, installed?: string) => (rule.kind === 'share-cap' || rule.kind === 'concentration' ? group(rule, asOf) : one(rule, asOf, installed));
const later = (a: string, b: string) => (a > b ? a : b);

describe('every date of every dated rule, from the catalog', () => {
  for (const rule of rules) {
    describe(rule.id, () => {
      it(`effective ${rule.effective}: nothing the day before, a finding the day after`, () => {
        assert.deepEqual(run(rule, addDays(rule.effective, -1)), []);
        assert.equal(run(rule, addDays(rule.effective, 1)).length, 1);
      });

      if (rule.kind === 'approval-required' || rule.kind === 'notification-required') {
        it(`installed the day before ${rule.effective} needs no approval, the day after does`, () => {
          assert.deepEqual(one(rule, addDays(rule.effective, 30), addDays(rule.effective, -1)), []);
          assert.equal(one(rule, addDays(rule.effective, 30), addDays(rule.effective, 1))[0]?.status, 'approval-required');
        });
      }

      const last = lastPermittedDay(rule);
      if (last) {
        const field = rule.removeBy ? `removeBy ${rule.removeBy}` : `prohibitedFrom ${rule.prohibitedFrom}`;
        it(`${field}: due the day before, overdue the day after`, () => {
          const before = run(rule, addDays(last, -1), '2000-01-01')[0];
          const on = run(rule, last, '2000-01-01')[0];
          const after = run(rule, addDays(last, 1), '2000-01-01')[0];
          const date = rule.removeBy ?? rule.prohibitedFrom!;
          const dayAfterDate = run(rule, addDays(date, 1), '2000-01-01')[0];
          assert.equal(before?.daysLeft, 1);
          assert.equal(on?.daysLeft, 0);
          assert.equal(after?.daysLeft, -1);
          if (rule.kind !== 'advisory') {
            assert.equal(before?.status, 'due');
            assert.equal(run(rule, addDays(date, -1), '2000-01-01')[0]?.status, 'due');
            assert.equal(dayAfterDate?.status, 'overdue');
            assert.equal(after?.status, 'overdue');
          }
        });
      }

      if (rule.noNewAfter) {
        const n = rule.noNewAfter;
        it(`noNewAfter ${n}: installed the day before is allowed, the day after is a banned new install`, () => {
          const asOf = later(addDays(n, 1), rule.effective);
          assert.notEqual(one(rule, asOf, addDays(n, -1))[0]?.status, 'banned-new-install');
          assert.notEqual(one(rule, asOf, n)[0]?.status, 'banned-new-install');
          assert.equal(one(rule, asOf, addDays(n, 1))[0]?.status, 'banned-new-install');
        });
      }

      for (const m of rule.milestones ?? []) {
        it(`milestone ${m.date} is a next deadline the day before, not the day after`, () => {
          // Installed after the rule took effect, so no date is missing (a needs-data finding binds no deadline).
          const at = (asOf: string) => upcomingDeadlines([rule], one(rule, asOf, addDays(rule.effective, 1)), asOf).some((d) => d.field === 'milestone' && d.date === m.date);
          assert.equal(at(addDays(m.date, -1)), true);
          assert.equal(at(addDays(m.date, 1)), false);
        });
      }
    });
  }

  it('covers every date each rule carries', () => {
    const fields = new Set(rules.flatMap((r) => ruleDates(r).map((d) => d.field)));
    assert.deepEqual([...fields].sort(), ['effective', 'milestone', 'noNewAfter', 'prohibitedFrom', 'removeBy']);
  });
});
