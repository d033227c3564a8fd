import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyDemoStore } from '../support/demo-store.js';
import { cli, tempDir } from './helpers.js';
import { runInProcess as run } from './in-process.js'; // commands in-process; one stays a real spawn

interface Row { device: string | null; rule: string; status: string; ifVerified?: string; deadline?: string }

const SHIPPED = join(import.meta.dirname, '..', '..', 'src', 'policy', 'data', 'rules.json');

/**
 * Which rules are unverified changes as their texts are read, so the test makes its own: an
 * overlay marking unverified the rule with the most deadline findings on the demo.
 */
async function unverifiedOverlay(db: string, dir: string): Promise<{ file: string; rule: string }> {
  const counts = new Map<string, number>();
  for (const f of await findings(db, [])) if (f.deadline) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  const rule = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  assert.ok(rule, 'the demo has deadline findings');
  const shipped = (JSON.parse(readFileSync(SHIPPED, 'utf8')) as { rules: Array<{ id: string; verification: object }> }).rules.find((r) => r.id === rule)!;
  const file = join(dir, 'unverified.json');
  writeFileSync(file, JSON.stringify({ version: 1, overlay: true, rules: [{ ...shipped, verification: { ...shipped.verification, level: 'unverified' } }] }));
  return { file, rule };
}

async function findings(db: string, extra: string[]): Promise<Row[]> {
  const r = await run(['check', '--db', db, '--as-of', '2026-12-03', '--json', ...extra]);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { findings: Row[] }).findings;
}

test('--include-unverified: an unverified rule advises without it and applies its deadline with it', async () => {
  const dir = tempDir();
  const db = await copyDemoStore(dir); // the demo scenario's store (the demo command: identify-demo.test.ts)
  const overlay = await unverifiedOverlay(db, dir);
  const catalog = (JSON.parse(cli(['policies', '--json', '--catalog', overlay.file]).stdout) as { rules: { id: string; verification: { level: string } }[] }).rules;
  const unverified = new Set(catalog.filter((r) => r.verification.level === 'unverified').map((r) => r.id));
  assert.ok(unverified.has(overlay.rule), 'the overlay marks the rule unverified');

  const gated = (await findings(db, ['--catalog', overlay.file])).filter((f) => unverified.has(f.rule));
  assert.ok(gated.length > 0, 'the demo has devices under an unverified rule');
  const held = gated.filter((f) => f.ifVerified !== undefined);
  assert.ok(held.length > 0, 'some would have a deadline status if applied');
  for (const f of held) assert.equal(f.status, 'advisory', `${f.device} ${f.rule}`);

  const applied = new Map((await findings(db, ['--include-unverified', '--catalog', overlay.file])).map((f) => [`${f.device} ${f.rule}`, f]));
  for (const f of held) {
    const a = applied.get(`${f.device} ${f.rule}`);
    assert.equal(a?.status, f.ifVerified, `${f.device} ${f.rule} applied`);
    assert.equal(a?.ifVerified, undefined);
    if (a?.status === 'overdue' || a?.status === 'due') assert.ok(a.deadline, 'an applied removal finding has its deadline');
  }
});

test('report --include-unverified says the unverified rules were applied; without it, how many findings wait on them', async () => {
  const dir = tempDir();
  const db = await copyDemoStore(dir); // the demo scenario's store (the demo command: identify-demo.test.ts)
  const overlay = (await unverifiedOverlay(db, dir)).file;
  const plain = await run(['report', '--db', db, '--as-of', '2026-12-03', '--no-plan', '--format', 'json', '--catalog', overlay]);
  assert.equal(plain.code, 0, plain.stderr);
  const without = JSON.parse(plain.stdout) as { includeUnverified: boolean; findings: { status: string; ifVerified?: string }[] };
  assert.equal(without.includeUnverified, false);
  assert.ok(without.findings.some((f) => f.ifVerified !== undefined));
  const md = await run(['report', '--db', db, '--as-of', '2026-12-03', '--no-plan', '--format', 'md', '--include-unverified', '--catalog', overlay]);
  assert.equal(md.code, 0, md.stderr);
  assert.match(md.stdout, /were applied with their deadlines/);
  assert.doesNotMatch(md.stdout, /shown as advisory, with the status they would have/);
});
