// docs/policy.md has a table of every rule with its source and verification level, kept in step
// with the catalog: a rule added, or a level changed, without the table fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadRuleCatalog } from '../../src/policy/index.js';

const doc = readFileSync(new URL('../../docs/policy.md', import.meta.url), 'utf8');

test('docs/policy.md lists every rule with its source and level', () => {
  const rows = new Map(doc.split('\n').filter((l) => l.startsWith('| ')).map((l) => [l.split('|')[1]!.trim(), l]));
  for (const r of loadRuleCatalog().rules) {
    const row = rows.get(r.id);
    assert.ok(row, `${r.id} is not in the table`);
    assert.ok(row.includes(r.source), `${r.id}: source ${r.source} missing`);
    assert.ok(row.trimEnd().endsWith(`| ${r.verification.level} |`), `${r.id}: level ${r.verification.level}`);
    for (const q of r.quotes ?? []) assert.ok(row.includes(q.source), `${r.id}: read source ${q.source} missing`);
  }
});
