// A user's catalog overlay (--catalog FILE) reaches every place rules are applied: check's
// findings, the plan's forced devices and the report's header; bad overlays are file:line, exit 2.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { cli, tempDir } from '../cli/helpers.js';
import { isInputError } from '../../src/model/index.js';
import { parseCatalogText, shippedRuleCatalog } from '../../src/policy/index.js';

const NODES = [
  'id,name,vendor,layer,technology,country,operator,network,installed,cost',
  'a,edge a,Nokia,core,5g,DE,Op,commercial,2020-01-01,10',
  'hw,Munich core,Huawei,core,5g,DE,Op,commercial,2020-01-01,100',
  'b,edge b,Nokia,core,5g,DE,Op,commercial,2020-01-01,10',
].join('\n');
const LINKS = ['a,b,metric', 'a,hw,1', 'hw,b,1'].join('\n');
const FLOWS = ['id,src,dst,class', 'f1,a,b,sensitive'].join('\n');
const RULE = 'de-2024-5g-core';

function shippedRule() {
  const r = shippedRuleCatalog().rules.find((x) => x.id === RULE);
  assert.ok(r, `${RULE} is in the shipped catalog`);
  return r;
}

function overlayText(extra: Record<string, unknown> = {}): string {
  return stringify({ version: 1, overlay: true, rules: [{ ...shippedRule(), removeBy: '2026-03-31' }], ...extra });
}

function expectInputError(fn: () => unknown, re: RegExp): void {
  assert.throws(fn, (e: unknown) => isInputError(e) && re.test(e.message));
}

describe('catalog overlay', () => {
  let dir = '';
  let db = '';
  let overlay = '';
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, `${text}\n`);
    return p;
  };
  before(() => {
    dir = tempDir('cleanpath-overlay-');
    db = join(dir, 's.db');
    const imp = cli(['import', file('nodes.csv', NODES), file('links.csv', LINKS), file('flows.csv', FLOWS), '--db', db]);
    assert.equal(imp.code, 0, imp.stderr);
    overlay = file('overlay.yaml', overlayText());
  });

  it("changes the rule's findings in check and names the overlay in catalogVersion", () => {
    type Doc = { catalogVersion: string; findings: { device: string; status: string; deadline: string }[] };
    const run = (extra: string[]) => {
      const r = cli(['check', '--db', db, '--as-of', '2026-06-01', '--policy', RULE, '--json', ...extra]);
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout) as Doc;
    };
    const plain = run([]);
    assert.deepEqual(plain.findings.map((f) => [f.device, f.status, f.deadline]), [['hw', 'due', '2026-12-31']]);
    const over = run(['--catalog', overlay]);
    assert.deepEqual(over.findings.map((f) => [f.device, f.status, f.deadline]), [['hw', 'overdue', '2026-03-31']]);
    assert.match(over.catalogVersion, /^\S+\+overlay overlay\.yaml [0-9a-f]{12}$/);
  });

  it("moves the plan's forced deadline", () => {
    type Plan = { devices: { id: string; deadline?: string | null }[] };
    const run = (extra: string[]) => {
      const r = cli(['plan', '--db', db, '--as-of', '2026-06-01', '--json', ...extra]);
      assert.equal(r.code, 0, r.stderr);
      return (JSON.parse(r.stdout) as Plan).devices.find((d) => d.id === 'hw');
    };
    assert.notEqual(run([])?.deadline, '2026-03-31');
    assert.equal(run(['--catalog', overlay])?.deadline, '2026-03-31');
  });

  it("the report's header names the overlay (Markdown and HTML)", () => {
    for (const format of ['md', 'html']) {
      const out = join(dir, `r.${format}`);
      const r = cli(['report', '--db', db, '--as-of', '2026-06-01', '--no-plan', '--format', format, '-o', out, '--catalog', overlay]);
      assert.equal(r.code, 0, r.stderr);
      const text = readFileSync(out, 'utf8');
      assert.match(text, /\+overlay overlay\.yaml [0-9a-f]{12}/, format);
    }
  });

  it("diff's deadlines follow the overlay", () => {
    const later = cli(['import', file('nodes-q4.csv', NODES.split('\n').filter((l) => !l.startsWith('hw,')).join('\n')), '--db', db, '--snapshot', 'q4']);
    assert.equal(later.code, 0, later.stderr);
    const first = cli(['snapshots', '--db', db, '--json']);
    const names = (JSON.parse(first.stdout) as { name: string }[]).map((x) => x.name).filter((n) => n !== 'q4');
    // --wide: every column of the deadline row, whatever the width (the unit comes last)
    const r = cli(['diff', names[0]!, 'q4', '--db', db, '--as-of', '2026-06-01', '--catalog', overlay, '--wide']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /closed\s+de-2024-5g-core\s+hw\s+overdue/);
    assert.match(r.stdout, /de-2024-5g-core\s+2026-03-31\s.*\s1\s+0\s+devices\n/);
  });

  it('policies lists the overlaid rule and says the version', () => {
    const r = cli(['policies', '--json', '--catalog', overlay]);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { catalogVersion: string; rules: { id: string; removeBy?: string }[] };
    assert.match(doc.catalogVersion, /\+overlay overlay\.yaml/);
    assert.equal(doc.rules.find((x) => x.id === RULE)?.removeBy, '2026-03-31');
    assert.equal(doc.rules.length, shippedRuleCatalog().rules.length);
  });

  it('a bad overlay is file:line, exit 2, with nothing run', () => {
    const bad = file('bad.yaml', 'version: 1\noverlay: true\nremove:\n  - no-such-rule\n');
    const r = cli(['check', '--db', db, '--json', '--catalog', bad]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad\.yaml:4: remove\[0\]: unknown rule id no-such-rule/);
    assert.equal(r.stdout, '');
    const typo = file('typo.yaml', 'version: 1\noverlay: true\nrules:\n  - id: x-new\n    jurisdiction: DE\n    colour: red\n');
    const t = cli(['plan', '--db', db, '--catalog', typo]);
    assert.equal(t.code, 2);
    assert.match(t.stderr, /typo\.yaml:\d+: /);
    assert.equal(t.stdout, '');
  });
});

describe('parseCatalogText', () => {
  const shipped = () => shippedRuleCatalog();
  it('adds a new rule, removes by id, keeps the change log', () => {
    const added = { ...shippedRule(), id: 'acme-no-huawei', jurisdiction: 'ACME' };
    const removed = shipped().rules[0]!.id;
    const text = stringify({ version: 1, overlay: true, rules: [added], remove: [removed], changes: [{ date: '2027-01-02', version: 'acme.1', rule: 'acme-no-huawei', what: 'added' }] });
    const c = parseCatalogText(text, 'acme.yaml', 'ab'.repeat(32));
    assert.equal(c.rules.length, shipped().rules.length);
    assert.ok(c.rules.some((r) => r.id === 'acme-no-huawei') && !c.rules.some((r) => r.id === removed));
    assert.equal(c.changes.at(-1)?.version, 'acme.1');
    assert.equal(c.catalogVersion, `${shipped().catalogVersion}+overlay acme.yaml ${'ab'.repeat(6)}`);
  });
  it('JSON works too, and a whole catalog replaces the shipped one', () => {
    const text = JSON.stringify({ version: 1, catalogVersion: 'acme-7', rules: [shippedRule()] }, null, 2);
    const c = parseCatalogText(text, 'acme.json', '0'.repeat(64));
    assert.deepEqual(c.rules.map((r) => r.id), [RULE]);
    assert.equal(c.catalogVersion, 'acme-7 (acme.json 000000000000)');
  });
  it('refuses a rule both replaced and removed, a duplicate id, YAML errors, an empty file', () => {
    expectInputError(() => parseCatalogText(overlayText({ remove: [RULE] }), 'o.yaml', ''), /^o\.yaml:\d+: remove\[0\]: rule de-2024-5g-core is both replaced and removed/);
    const dup = stringify({ version: 1, overlay: true, rules: [shippedRule(), shippedRule()] });
    expectInputError(() => parseCatalogText(dup, 'd.yaml', ''), /^d\.yaml:\d+: rules\.\[1\]\.id: duplicate rule id|^d\.yaml:\d+: rules\[1\]\.id: duplicate/);
    expectInputError(() => parseCatalogText('version: 1\noverlay: [\n', 'y.yaml', ''), /^y\.yaml:\d+: YAML: /);
    expectInputError(() => parseCatalogText('', 'e.yaml', ''), /^e\.yaml:1: empty catalog file/);
  });
});
