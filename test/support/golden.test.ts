// expectGolden(): a missing or different golden fails with the first differing line and how to
// update; UPDATE_GOLDENS=1 through scripts/run-tests.mjs rewrites, then reruns and fails when the
// output differs between the two runs. Goldens of these checks go to a temporary directory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectGolden, goldenPath } from './golden.js';

const REPO = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'cleanpath-golden-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const goldens = join(dir, 'goldens');

const GOLDEN_TS = JSON.stringify(join(REPO, 'src', 'test-support', 'golden.ts'));
writeFileSync(join(dir, 'steady.test.ts'), `
import { test } from 'node:test';
import { expectGolden } from ${GOLDEN_TS};
test('steady output', () => expectGolden('steady/out.txt', 'a\\nb\\nc\\n'));
`);
writeFileSync(join(dir, 'wobbly.test.ts'), `
import { test } from 'node:test';
import { expectGolden } from ${GOLDEN_TS};
test('output with a clock in it', () => expectGolden('wobbly.txt', 'made at ' + process.hrtime.bigint() + '\\n'));
`);

function run(file: string, env: Record<string, string>): { status: number | null; out: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'UPDATE_GOLDENS' && k !== 'NODE_TEST_CONTEXT' && !k.startsWith('CLEANPATH_')));
  const r = spawnSync(process.execPath, [join(REPO, 'scripts', 'run-tests.mjs'), join(dir, file)], {
    cwd: REPO, encoding: 'utf8', env: { ...clean, NO_COLOR: '1', CLEANPATH_GOLDEN_DIR: goldens, ...env }, timeout: 120_000,
  });
  return { status: r.status, out: r.stdout + r.stderr };
}

test('a golden name cannot leave the goldens directory', () => {
  assert.throws(() => goldenPath('../escape.txt'), /leaves/);
  assert.match(goldenPath('report/demo.md'), /test\/goldens\/report\/demo\.md$/);
});

test('missing golden: fails and says how to create it; UPDATE_GOLDENS=1 writes it and the rerun passes', () => {
  const missing = run('steady.test.ts', {});
  assert.equal(missing.status, 1, missing.out);
  assert.match(missing.out, /no golden file .*steady\/out\.txt; to accept the new output: UPDATE_GOLDENS=1 node scripts\/run-tests\.mjs/);
  const update = run('steady.test.ts', { UPDATE_GOLDENS: '1' });
  assert.equal(update.status, 0, update.out);
  assert.match(update.out, /goldens: 1 rewritten, 0 unchanged\n {2}rewritten .*steady\/out\.txt/);
  assert.match(update.out, /second run, comparing with the goldens just written/);
  assert.equal(readFileSync(join(goldens, 'steady', 'out.txt'), 'utf8'), 'a\nb\nc\n');
  assert.equal(run('steady.test.ts', {}).status, 0);
});

test('a changed output fails with the first differing line', () => {
  writeFileSync(join(goldens, 'steady', 'out.txt'), 'a\nB\nc\n');
  const r = run('steady.test.ts', {});
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /output differs from the golden file .*steady\/out\.txt: first difference at line 2/);
  assert.match(r.out, /golden:\n.*\n\s+2: "B"\n[^]*actual:\n.*\n\s+2: "b"/);
});

test('nondeterministic output: the update run rewrites it, the second run fails', () => {
  const r = run('wobbly.test.ts', { UPDATE_GOLDENS: '1' });
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /rewritten .*wobbly\.txt/);
  assert.match(r.out, /the second run failed: if a golden differs, that output is not deterministic/);
});

test('in-process: equal passes, different throws', () => {
  const prev = process.env['CLEANPATH_GOLDEN_DIR'];
  process.env['CLEANPATH_GOLDEN_DIR'] = join(dir, 'inproc');
  try {
    const update = process.env['UPDATE_GOLDENS'];
    process.env['UPDATE_GOLDENS'] = '1';
    expectGolden('x.txt', 'one\n');
    if (update === undefined) delete process.env['UPDATE_GOLDENS'];
    else process.env['UPDATE_GOLDENS'] = update;
    if (process.env['UPDATE_GOLDENS'] !== '1') {
      expectGolden('x.txt', 'one\n');
      assert.throws(() => expectGolden('x.txt', 'two\n'), /first difference at line 1/);
    }
  } finally {
    if (prev === undefined) delete process.env['CLEANPATH_GOLDEN_DIR'];
    else process.env['CLEANPATH_GOLDEN_DIR'] = prev;
  }
});
