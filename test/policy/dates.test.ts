// Generated from the catalog: for every rule, each of its dates on both sides (a device or a day
// the day before vs the day of), and the rule's dates applied only when it is verified enough:
// an unverified rule's dates are checked with includeUnverified, and without it its findings are
// advisory. A date typo or an off-by-one in rules.json fails here.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, evaluate, lastPermittedDay, loadRuleCatalog, repealBasis, ruleDates, upcomingDeadlines, type Finding, type PolicyDevice, type Rule } from '../../src/policy/index.js';
import { inScopeDevice } from './helpers.js';

const { rules } = loadRuleCatalog();

interface Dates { installed?: string; purchased?: string }
const device = (rule: Rule, d: Dates = {}): PolicyDevice => {
  const base = inScopeDevice(rule, 'd1', d.installed ? { installed: d.installed } : {});
  return d.purchased ? { ...base, extra: { ...base.extra, purchased: d.purchased } } : base;
};
const one = (rule: Rule, asOf: string, d: Dates = {}, includeUnverified = true): Finding[] =>
  evaluate({ devices: [device(rule, d)], rules: [rule], asOf, includeUnverified });
/** Five in-scope devices of the rule's vendors: a share cap is exceeded, a concentration is total. */
const group = (rule: Rule, asOf: string): Finding[] =>
  evaluate({ devices: [1, 2, 3, 4, 5].map((i) => inScopeDevice(rule, `d${i}`, { installed: '2000-01-01' })), rules: [rule], asOf });
const grouped = (rule: Rule) => rule.kind === 'share-cap' || rule.kind === 'concentration';
const run = (rule: Rule, asOf: string, d: Dates = {}) => (grouped(rule) ? group(rule, asOf) : one(rule, asOf, d));
const later = (a: string, b: string) => (a > b ? a : b);
const DEADLINE = new Set(['overdue', 'due', 'banned-new-install', 'approval-required']);

function effectiveTests(rule: Rule) {
  it(`effective ${rule.effective}: nothing the day before, a finding on the day`, () => {
    assert.deepEqual(run(rule, addDays(rule.effective, -1)), []);
    assert.equal(run(rule, rule.effective).length, 1);
  });
}

function approvalTests(rule: Rule) {
  if (rule.kind !== 'approval-required' && rule.kind !== 'notification-required') return;
  const asOf = addDays(rule.effective, 30);
  if (rule.acquiredAfter) {
    const a = rule.acquiredAfter;
    it(`acquiredAfter ${a}: bought on the day needs nothing, the day after does; installed after with no purchase date needs it`, () => {
      assert.deepEqual(one(rule, asOf, { purchased: a }), []);
      assert.equal(one(rule, asOf, { purchased: addDays(a, 1) })[0]?.status, 'approval-required');
      assert.deepEqual(one(rule, asOf, { installed: a }), []);
      const f = one(rule, asOf, { installed: addDays(a, 1) })[0];
      assert.equal(f?.status, 'needs-data');
      assert.deepEqual(f?.missing, ['purchased']);
    });
    return;
  }
  it(`installed the day before ${rule.effective} needs no approval, on the day it does`, () => {
    assert.deepEqual(one(rule, asOf, { installed: addDays(rule.effective, -1) }), []);
    assert.equal(one(rule, asOf, { installed: rule.effective })[0]?.status, 'approval-required');
  });
}

function deadlineTests(rule: Rule) {
  const last = lastPermittedDay(rule);
  if (!last) return;
  const field = rule.removeBy ? `removeBy ${rule.removeBy} (last permitted day)` : `prohibitedFrom ${rule.prohibitedFrom} (first prohibited day)`;
  it(`${field}: due on the last permitted day, overdue the day after`, () => {
    const at = (asOf: string) => run(rule, asOf, { installed: '2000-01-01' })[0];
    assert.equal(at(addDays(last, -1))?.daysLeft, 1);
    assert.equal(at(last)?.daysLeft, 0);
    assert.equal(at(addDays(last, 1))?.daysLeft, -1);
    if (rule.kind !== 'advisory' && !rule.restricts?.match(/authorization|sale/)) {
      assert.equal(at(last)?.status, 'due');
      assert.equal(at(addDays(last, 1))?.status, 'overdue');
    }
  });
}

function cutoffTests(rule: Rule) {
  if (rule.noNewAfter) {
    const n = rule.noNewAfter;
    it(`noNewAfter ${n}: installed on the day is allowed, the day after is a banned new install`, () => {
      const asOf = later(addDays(n, 1), rule.effective);
      // Bought within any purchase cut-off, so only the install date decides.
      const purchased = rule.noNewPurchaseAfter && rule.noNewPurchaseAfter < n ? rule.noNewPurchaseAfter : n;
      assert.notEqual(one(rule, asOf, { installed: n, purchased })[0]?.status, 'banned-new-install');
      assert.equal(one(rule, asOf, { installed: addDays(n, 1), purchased })[0]?.status, 'banned-new-install');
    });
  }
  if (rule.noNewPurchaseAfter) {
    const n = rule.noNewPurchaseAfter;
    it(`noNewPurchaseAfter ${n}: bought on the day is allowed, the day after is banned; the installed date alone never makes it banned`, () => {
      const asOf = later(addDays(n, 1), rule.effective);
      const installed = '2000-01-01';
      assert.notEqual(one(rule, asOf, { installed, purchased: n })[0]?.status, 'banned-new-install');
      assert.equal(one(rule, asOf, { installed, purchased: addDays(n, 1) })[0]?.status, 'banned-new-install');
      const byInstall = one(rule, asOf, { installed: addDays(n, 1) })[0];
      assert.notEqual(byInstall?.status, 'banned-new-install');
      assert.ok(byInstall?.status === 'needs-data' ? byInstall.missing?.includes('purchased') : byInstall?.notices.some((x) => /purchase date not recorded \(judged on the installed date\)/.test(x)), JSON.stringify(byInstall));
      assert.notEqual(one(rule, asOf, { installed: n })[0]?.status, 'needs-data');
    });
  }
}

function milestoneTests(rule: Rule) {
  for (const m of rule.milestones ?? []) {
    it(`milestone ${m.date} is a next deadline the day before and on the day, not the day after`, () => {
      const d = rule.acquiredAfter ? { purchased: addDays(rule.acquiredAfter, 1) } : { installed: rule.effective };
      const at = (asOf: string) => upcomingDeadlines([rule], one(rule, asOf, d), asOf).some((x) => x.field === 'milestone' && x.date === m.date);
      assert.equal(at(addDays(m.date, -1)), true);
      assert.equal(at(m.date), true);
      assert.equal(at(addDays(m.date, 1)), false);
    });
  }
}

function repealTests(rule: Rule) {
  const r = rule.repealedFrom;
  if (!r || grouped(rule)) return;
  const basis = repealBasis(rule);
  it(`repealedFrom ${r}: ${basis} the day before is still under the rule and says so, on the day it is outside it`, () => {
    const asOf = addDays(r, 30);
    // Both dates on the day judged, so the repeal alone decides (a purchase on a day implies an install no earlier).
    const at = (x: string) => one(rule, asOf, { installed: x, purchased: x });
    const before = at(addDays(r, -1));
    assert.equal(before.length, 1);
    assert.notEqual(before[0]?.status, 'needs-data');
    assert.match(before[0]?.reason ?? '', new RegExp(`repealed from ${r}`));
    assert.deepEqual(at(r), []);
    // Before the repeal day, the same device dated on it is judged as usual.
    assert.equal(one(rule, addDays(r, -1), { installed: addDays(r, -1), purchased: addDays(r, -1) }).length, 1);
    // Undated after the repeal: the date is needed, and must fall before it.
    const undated = one(rule, asOf, basis === 'purchased' ? { installed: r } : {})[0];
    assert.equal(undated?.status, 'needs-data');
    assert.ok(undated?.missing?.includes(basis), JSON.stringify(undated));
  });
}

function unverifiedTests(rule: Rule) {
  if (rule.verification.level !== 'unverified' || grouped(rule)) return;
  it('unverified: never a deadline without includeUnverified, and says what it would be', () => {
    for (const asOf of ruleDates(rule).flatMap((d) => [d.date, addDays(d.date, 1)]).filter((x) => x >= rule.effective)) {
      for (const d of [{ installed: '2000-01-01' }, { installed: asOf, purchased: asOf }, {}]) {
        const strict = one(rule, asOf, d, false)[0];
        const applied = one(rule, asOf, d, true)[0];
        if (!strict || !applied) continue;
        assert.ok(!DEADLINE.has(strict.status), `${asOf} ${JSON.stringify(d)}: ${strict.status}`);
        if (DEADLINE.has(applied.status)) {
          assert.equal(strict.ifVerified, applied.status);
          assert.equal(strict.deadline, null);
          assert.match(strict.reason, /unverified \(--include-unverified applies it\)/);
        }
      }
    }
  });
}

describe('every date of every rule, from the catalog', () => {
  for (const rule of rules) {
    describe(rule.id, () => {
      effectiveTests(rule);
      approvalTests(rule);
      deadlineTests(rule);
      cutoffTests(rule);
      milestoneTests(rule);
      repealTests(rule);
      unverifiedTests(rule);
    });
  }

  it('covers every date field the catalog uses', () => {
    const fields = new Set(rules.flatMap((r) => ruleDates(r).map((d) => d.field)));
    assert.deepEqual([...fields].sort(), ['acquiredAfter', 'effective', 'milestone', 'noNewAfter', 'noNewPurchaseAfter', 'prohibitedFrom', 'removeBy', 'repealedFrom']);
  });
});
