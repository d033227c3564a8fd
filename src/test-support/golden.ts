// Golden files: expected outputs kept under test/goldens/ and compared byte for byte. To accept a
// change, rerun the tests that write them with UPDATE_GOLDENS=1:
//
//   UPDATE_GOLDENS=1 node scripts/run-tests.mjs report      (or: UPDATE_GOLDENS=1 npm test -- report)
//
// scripts/run-tests.mjs then runs those tests twice: once rewriting the goldens, once comparing
// against what the first run wrote, so an output that differs from run to run fails (it cannot be a
// golden). Review the rewritten files with `git diff test/goldens` before committing them.
//
// Test-only; under src/ so src/**/*.test.ts can use it too (see peer.ts).
import { AssertionError } from 'node:assert';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const GOLDEN_DIR = resolve(import.meta.dirname, '..', '..', 'test', 'goldens');

/** test/goldens/, or CLEANPATH_GOLDEN_DIR (the helper's own test writes elsewhere). */
function goldenDir(): string {
  return resolve(process.env['CLEANPATH_GOLDEN_DIR'] ?? GOLDEN_DIR);
}

function updating(): boolean {
  return process.env['UPDATE_GOLDENS'] === '1';
}

/** Path of golden `name` (e.g. "report/demo.md"), which must stay inside test/goldens/. */
export function goldenPath(name: string): string {
  const dir = goldenDir();
  const p = resolve(dir, name);
  if (!p.startsWith(dir + '/') || name.includes('\\')) throw new Error(`golden name ${JSON.stringify(name)} leaves ${dir}`);
  return p;
}

/** The first line where two texts differ, with a little context, for the failure message. */
function firstDifference(expected: string, actual: string): string {
  const e = expected.split('\n');
  const a = actual.split('\n');
  let i = 0;
  while (i < e.length && i < a.length && e[i] === a[i]) i++;
  const show = (lines: string[]) => lines.slice(Math.max(0, i - 2), i + 3).map((l, k) => `    ${Math.max(0, i - 2) + k + 1}: ${JSON.stringify(l)}`).join('\n');
  return `first difference at line ${i + 1} (golden ${e.length} lines, actual ${a.length} lines)\n  golden:\n${show(e)}\n  actual:\n${show(a)}`;
}

/**
 * Compares `actual` with the golden file `name` byte for byte; with UPDATE_GOLDENS=1, writes it
 * instead (only when it changed) and records it for the runner's summary.
 */
export function expectGolden(name: string, actual: string): void {
  const file = goldenPath(name);
  const shown = relative(process.cwd(), file);
  if (updating()) {
    const changed = !existsSync(file) || readFileSync(file, 'utf8') !== actual;
    if (changed) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, actual);
    }
    const log = process.env['CLEANPATH_GOLDEN_LOG'];
    if (log) appendFileSync(log, `${changed ? 'rewritten' : 'unchanged'} ${shown}\n`);
    return;
  }
  const how = `to accept the new output: UPDATE_GOLDENS=1 node scripts/run-tests.mjs <test file>, then review git diff ${join('test', 'goldens')}`;
  if (!existsSync(file)) throw new AssertionError({ message: `no golden file ${shown}; ${how}` });
  const expected = readFileSync(file, 'utf8');
  if (expected !== actual) {
    throw new AssertionError({ message: `output differs from the golden file ${shown}: ${firstDifference(expected, actual)}\n${how}` });
  }
}
