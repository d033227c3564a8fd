// Custom rules name vendors as people write them; a name that matches nothing is `file:line`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/model/index.js';
import { parseCustomRules } from '../../src/policy/index.js';

const rule = (vendors: string): string => `version: 1
rules:
  - id: acme-no-hrv
    jurisdiction: ACME
    title: No high-risk vendors
    instrument: ACME security policy 7.2
    clause: "7.2(a)"
    source: https://intranet.acme.example/policy/7.2
    verification: { level: verified }
    kind: removal-deadline
    vendors: ${vendors}
    scope:
      countries: any
    effective: 2024-01-01
    removeBy: 2026-06-30
    severity: high
`;

describe('vendors named by custom rules', () => {
  it('resolves legal names, aliases and any case to catalog slugs', () => {
    const [r] = parseCustomRules(rule('["Huawei Technologies Co., Ltd.", HUAWEI, ZTE Corporation]'), 'our.yaml');
    assert.deepEqual(r!.vendors, ['huawei', 'huawei', 'zte']);
  });

  it('refuses a misspelt vendor at its line, with the nearest slug', () => {
    assert.throws(
      () => parseCustomRules(rule('\n      - zte\n      - hauwei'), 'our.yaml'),
      (e: unknown) =>
        e instanceof InputError &&
        e.message === "our.yaml:13: rules[0].vendors[1]: unknown vendor 'hauwei'; did you mean huawei? (cleanpath vendors lists them)",
    );
  });
});
