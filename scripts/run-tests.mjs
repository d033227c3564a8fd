#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with Node's own test runner, TypeScript loaded by tsx.
// Node 20 does not expand globs in `--test` arguments, so the files are listed here. The run ends
// with the list of skipped tests and their reasons (collected by scripts/skip-reporter.mjs); a
// missing outside peer skips a test only when CI is not set (src/test-support/peer.ts).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function find(dir, out) {
  let entries;
  try { entries = readdirSync(dir); } catch { return out; }
  for (const name of entries) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const filter = process.argv.slice(2);
let files = [...find('src', []), ...find('test', [])].sort();
if (filter.length) {
  // a fragment picks the files whose path contains it; a test file outside src/ and test/ is run as named
  const named = filter.filter((x) => x.endsWith('.test.ts') && existsSync(x) && !files.includes(x));
  files = [...files.filter((f) => filter.some((x) => f.includes(x))), ...named];
}
if (!files.length) { console.error('no test files matched'); process.exit(1); }
const scratch = mkdtempSync(join(tmpdir(), 'cleanpath-tests-'));
const skipLog = join(scratch, 'skipped.jsonl');
const reporter = new URL('./skip-reporter.mjs', import.meta.url).href;
/** One run of the selected files under node's runner; its exit status. */
function runFiles(env) {
  const r = spawnSync(process.execPath, [
    '--import', 'tsx', '--test',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    `--test-reporter=${reporter}`, `--test-reporter-destination=${skipLog}`,
    ...files,
  ], { stdio: 'inherit', env });
  return r.status ?? 1;
}

let status;
if (process.env.UPDATE_GOLDENS === '1') {
  // Golden files (src/test-support/golden.ts): rewrite them, then run again comparing against what
  // the first run wrote: output that differs between two runs is nondeterministic, not a golden.
  const goldenLog = join(scratch, 'goldens.log');
  status = runFiles({ ...process.env, CLEANPATH_GOLDEN_LOG: goldenLog });
  const written = existsSync(goldenLog) ? readFileSync(goldenLog, 'utf8').split('\n').filter(Boolean) : [];
  console.log(`\ngoldens: ${written.filter((l) => l.startsWith('rewritten')).length} rewritten, ${written.filter((l) => l.startsWith('unchanged')).length} unchanged`);
  for (const l of written.filter((l) => l.startsWith('rewritten'))) console.log(`  ${l}`);
  if (status !== 0) {
    console.log('the updating run failed: fix that first (goldens it reached are rewritten; see git diff test/goldens)');
  } else {
    console.log('\nsecond run, comparing with the goldens just written (catches nondeterministic output):\n');
    const env = { ...process.env };
    delete env.UPDATE_GOLDENS;
    rmSync(skipLog, { force: true });
    status = runFiles(env);
    if (status !== 0) console.log('\nthe second run failed: if a golden differs, that output is not deterministic');
  }
} else {
  status = runFiles(process.env);
}
printSkipped(skipLog);
rmSync(scratch, { recursive: true, force: true });
process.exit(status);

/** The skipped (and todo) tests of the run, by file, with their reasons. */
function printSkipped(log) {
  if (!existsSync(log)) return;
  const rows = readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  if (!rows.length) return;
  const skipped = rows.filter((x) => x.kind === 'skip').length;
  const todo = rows.length - skipped;
  console.log(`\n${skipped} skipped${todo ? `, ${todo} todo` : ''}${process.env.CI ? '' : ' (with CI set, a missing peer fails instead)'}:`);
  for (const x of rows) console.log(`  ${x.kind === 'todo' ? 'todo ' : ''}${x.file}: ${x.name}${x.reason ? ` — ${x.reason}` : ''}`);
}
