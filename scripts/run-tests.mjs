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
const r = spawnSync(process.execPath, [
  '--import', 'tsx', '--test',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  `--test-reporter=${reporter}`, `--test-reporter-destination=${skipLog}`,
  ...files,
], { stdio: 'inherit' });
printSkipped(skipLog);
rmSync(scratch, { recursive: true, force: true });
process.exit(r.status ?? 1);

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
