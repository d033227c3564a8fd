// Custom rules in YAML: the catalog's schema, and `file:line: what is wrong` for malformed ones.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/model/index.js';
import { evaluate, loadRuleCatalog, parseCustomRules } from '../../src/policy/index.js';
import { dev } from './helpers.js';

const GOOD = `version: 1
rules:
  - id: acme-no-hrv-base-feeds
    jurisdiction: ACME
    title: No Huawei or ZTE on the operators that carry our sensitive flows
    instrument: ACME security policy 7.2
    clause: "7.2(a): high-risk vendors off sensitive paths"
    source: https://intranet.acme.example/policy/7.2
    verification: { level: verified }
    kind: removal-deadline
    vendors: [huawei, zte]
    scope:
      countries: any
      operators: [DE Mobile A, IT Mobile A]
    effective: 2024-01-01
    removeBy: 2026-06-30
    severity: high
`;

const taken = new Set(loadRuleCatalog().rules.map((r) => r.id));

function lineOfError(text: string): { line: number | undefined; message: string } {
  try {
    parseCustomRules(text, 'our.yaml', taken);
  } catch (e) {
    assert.ok(e instanceof InputError, String(e));
    return { line: e.line, message: e.message };
  }
  assert.fail('expected the rule file to be rejected');
}

describe('custom YAML rules', () => {
  it('parses a good file and evaluates it like a catalogued rule', () => {
    const rules = parseCustomRules(GOOD, 'our.yaml', taken);
    assert.equal(rules[0]?.id, 'acme-no-hrv-base-feeds');
    const fs = evaluate({ devices: [dev('a1', 'zte', { operator: 'IT Mobile A', country: 'IT' }), dev('a2', 'zte', { operator: 'Other', country: 'IT' })], rules, asOf: '2026-07-01' });
    assert.deepEqual(fs.map((f) => [f.device, f.status]), [['a1', 'overdue']]);
  });

  const cases: [string, string, string, number, RegExp][] = [
    ['an unknown layer', '      countries: any\n', '      countries: any\n      layers: [core, radio]\n', 14, /rules\[0\]\.scope\.layers\[1\]: Invalid option/],
    ['a missing source', '    source: https://intranet.acme.example/policy/7.2\n', '', 3, /rules\[0\]\.source/],
    ['a source that is not a URL', 'source: https://intranet.acme.example/policy/7.2', 'source: see the wiki', 8, /source: expected an http\(s\) URL/],
    ['an impossible date', 'removeBy: 2026-06-30', 'removeBy: 2026-02-30', 16, /removeBy: expected a real date/],
    ['an unknown field', '    severity: high\n', '    severity: high\n    deadline: 2027-01-01\n', 18, /unknown field deadline/],
    ['an unknown vendor', 'vendors: [huawei, zte]', 'vendors: [huawei, zet]', 11, /rules\[0\]\.vendors\[1\]: unknown vendor 'zet'; did you mean zte\? \(cleanpath vendors lists them\)/],
    ['an id the catalog already uses', 'id: acme-no-hrv-base-feeds', 'id: de-2024-5g-core', 3, /duplicate rule id de-2024-5g-core/],
    ['a removal deadline without a date', '    removeBy: 2026-06-30\n', '', 3, /needs removeBy or prohibitedFrom/],
    ['a bad vendor selector', 'vendors: [huawei, zte]', 'vendors: 42', 11, /expected a list of vendor slugs/],
    ['broken YAML', '    kind: removal-deadline\n', '    kind: [removal-deadline\n', 11, /YAML/],
    ['a duplicate key', '    severity: high\n', '    severity: high\n    severity: low\n', 18, /YAML/],
  ];
  for (const [what, from, to, line, message] of cases) {
    it(`rejects ${what} with the line at fault`, () => {
      const text = GOOD.replace(from, to);
      assert.notEqual(text, GOOD, 'the case must change the file');
      const e = lineOfError(text);
      assert.equal(e.line, line, e.message);
      assert.match(e.message, message);
      assert.match(e.message, new RegExp(`^our\\.yaml:${line}: `));
    });
  }

  it('rejects an empty file and a file without rules', () => {
    assert.equal(lineOfError('').line, 1);
    assert.match(lineOfError('version: 1\nrules: []\n').message, /^our\.yaml:2: rules/);
  });
});
