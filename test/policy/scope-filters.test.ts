// Generated from the catalog: for every rule, a device inside its scope gives a finding, and the
// same device with one scope field changed to a value the rule does not name gives none: vendor,
// country, layer, technology, network, operator, site, use, funding and grade. A list column left
// blank does what the rule's *Missing setting says.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GRADES, evaluate, loadRuleCatalog, type Finding, type PolicyDevice, type Rule } from '../../src/policy/index.js';
import { LAYERS, NETWORK_KINDS, TECHNOLOGIES } from '../../src/model/index.js';
import { dev, inScopeDevice } from './helpers.js';

const { rules } = loadRuleCatalog();

/** A day the rule binds, and dates that put the device under every kind of rule on it. */
function baseline(rule: Rule): { asOf: string; over: Partial<PolicyDevice>; purchased?: string } {
  if (rule.acquiredAfter) return { asOf: rule.effective, over: { installed: rule.effective }, purchased: rule.effective };
  if (rule.kind === 'approval-required' || rule.kind === 'notification-required') return { asOf: rule.effective, over: { installed: rule.effective } };
  return { asOf: rule.effective, over: { installed: '2000-01-01' } };
}

function check(rule: Rule, mutate: (d: PolicyDevice) => PolicyDevice = (d) => d): Finding[] {
  const b = baseline(rule);
  const d0 = inScopeDevice(rule, 'd1', b.over);
  const d1 = b.purchased ? { ...d0, extra: { ...d0.extra, purchased: b.purchased } } : d0;
  const devices = rule.kind === 'share-cap' || rule.kind === 'concentration' ? [1, 2, 3, 4, 5].map((i) => ({ ...mutate(d1), id: `d${i}` })) : [mutate(d1)];
  return evaluate({ devices, rules: [rule], asOf: b.asOf, includeUnverified: true });
}

const other = <T extends string>(all: readonly T[], taken: readonly string[]): T | undefined => all.find((x) => !taken.includes(x));
const withExtra = (key: string, value: string | undefined) => (d: PolicyDevice): PolicyDevice => {
  const extra = { ...d.extra };
  if (value === undefined) delete extra[key];
  else extra[key] = value;
  return { ...d, extra };
};

function fieldCases(rule: Rule): { what: string; mutate: (d: PolicyDevice) => PolicyDevice }[] {
  const s = rule.scope;
  const out: { what: string; mutate: (d: PolicyDevice) => PolicyDevice }[] = [];
  const v = rule.vendors;
  const ericsson = (d: PolicyDevice): PolicyDevice => ({ ...d, vendor: 'ericsson', attribution: dev(d.id, 'ericsson').attribution });
  if (Array.isArray(v) && !v.includes('ericsson')) out.push({ what: 'vendor ericsson', mutate: ericsson });
  if (!Array.isArray(v) && v !== 'any' && v.madeOutside.includes('SE')) out.push({ what: 'vendor ericsson (made inside)', mutate: ericsson });
  if (s.countries !== 'any') out.push({ what: 'country AQ', mutate: (d) => ({ ...d, country: 'AQ' }) });
  const layer = s.layers && other(LAYERS, s.layers);
  if (layer) out.push({ what: `layer ${layer}`, mutate: (d) => ({ ...d, layer }) });
  const tech = s.technologies && other(TECHNOLOGIES, s.technologies);
  if (tech) out.push({ what: `technology ${tech}`, mutate: (d) => ({ ...d, technology: tech }) });
  const net = s.networks && other(NETWORK_KINDS, s.networks);
  if (net) out.push({ what: `network ${net}`, mutate: (d) => ({ ...d, network: net }) });
  if (s.operators) out.push({ what: 'operator Nobody', mutate: (d) => ({ ...d, operator: 'Nobody' }) });
  if (s.sites) out.push({ what: 'site nowhere', mutate: (d) => ({ ...d, site: 'nowhere' }) });
  if (s.uses) out.push({ what: 'use retail-analytics', mutate: withExtra('use', 'retail-analytics') });
  if (s.funding) out.push({ what: 'funding none', mutate: withExtra('funding', 'none') });
  const grade = s.grades && other(GRADES, s.grades);
  if (grade) out.push({ what: `grade ${grade}`, mutate: withExtra('grade', grade) });
  return out;
}

/** What a blank list column gives: out, in (with the assumption stated), or needs-data naming it. */
function blankCases(rule: Rule): { field: string; key: string; missing: string | undefined }[] {
  const s = rule.scope;
  return [
    ...(s.uses ? [{ field: 'use', key: 'use', missing: s.useMissing }] : []),
    ...(s.funding ? [{ field: 'funding', key: 'funding', missing: s.fundingMissing }] : []),
    ...(s.grades ? [{ field: 'grade', key: 'grade', missing: s.gradeMissing }] : []),
  ];
}

describe('every scope filter of every rule, from the catalog', () => {
  for (const rule of rules) {
    describe(rule.id, () => {
      it('a device inside the scope gives one finding', () => assert.equal(check(rule).length, 1));
      for (const c of fieldCases(rule)) {
        it(`${c.what}: out of scope`, () => assert.deepEqual(check(rule, c.mutate), []));
      }
      for (const b of blankCases(rule)) {
        it(`${b.field} blank: ${b.missing ?? 'needs-data'}`, () => {
          const found = check(rule, withExtra(b.key, undefined));
          if (b.missing === 'out-of-scope') return assert.deepEqual(found, []);
          assert.equal(found.length, 1);
          if (b.missing === 'in-scope') return assert.ok(found[0]!.notices.some((n) => n.startsWith(`${b.field} not recorded: assumed`)));
          assert.equal(found[0]!.status, 'needs-data');
          assert.ok(found[0]!.missing?.includes(b.field));
        });
      }
    });
  }
});
