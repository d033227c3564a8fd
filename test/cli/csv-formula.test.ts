// Issue 15.3: every CSV cleanpath writes defuses spreadsheet formulas. Hostile names, sysNames,
// operators, sites, flow and device ids go through every command with CSV output; each written
// cell a spreadsheet would run as a formula must start with `'`, and plain negative numbers stay
// numbers. One walk over each output checks that no cell anywhere is live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvTokenizer } from '../../src/ingest/csv/tokenizer.js';
import { toCsv } from '../../src/model/csv-write.js';
import { cli, REPO, tempDir } from './helpers.js';
import { runInProcess as run } from './in-process.js'; // commands in-process; one stays a real spawn

const LINK = '=HYPERLINK("http://x","y")';
const HOSTILE = [LINK, '+1', '-cmd', '@SUM(A1)', '\t=1'] as const;
const NEGATIVE_NUMBER = /^-(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function parse(text: string): string[][] {
  const rows: string[][] = [];
  const t = new CsvTokenizer('stdout', (f) => rows.push(f));
  t.push(text);
  t.end();
  return rows;
}

/** The CSV rows of a successful run, after checking that no cell would run as a formula. */
async function csvOf(args: string[]): Promise<string[][]> {
  const r = await run(args);
  assert.equal(r.code, 0, `${args.join(' ')}\n${r.stderr}`);
  const rows = parse(r.stdout);
  assert.ok(rows.length > 1, `${args[0]}: no rows\n${r.stdout}`);
  for (const row of rows) {
    for (const cell of row) {
      const live = /^[=+@\t\r]/.test(cell) || (cell.startsWith('-') && !NEGATIVE_NUMBER.test(cell));
      assert.ok(!live, `${args.slice(0, 2).join(' ')}: live formula cell ${JSON.stringify(cell)} in ${JSON.stringify(row)}`);
    }
  }
  return rows;
}

/** The cells of column `name` (by the header). */
function column(rows: string[][], name: string): string[] {
  const at = rows[0]!.indexOf(name);
  assert.ok(at >= 0, `no column ${name} in ${rows[0]!.join(',')}`);
  return rows.slice(1).map((r) => r[at] ?? '');
}

function includesAll(cells: readonly string[], expected: readonly string[], what: string): void {
  for (const e of expected) assert.ok(cells.includes(e), `${what}: expected a cell ${JSON.stringify(e)} among ${JSON.stringify([...new Set(cells)])}`);
}

const defused = (s: string): string => `'${s}`;

test('store commands: a hostile sysName, name, site, operator and model come out defused; -3 and -1.5 stay numbers', async () => {
  const dir = tempDir();
  // The SNMP walk's sysName becomes the device's name, as from a real router.
  writeFileSync(join(dir, '10.0.0.9.walk'), [
    'SNMPv2-MIB::sysDescr.0 = STRING: Huawei Versatile Routing Platform',
    'SNMPv2-MIB::sysObjectID.0 = OID: SNMPv2-SMI::enterprises.2011.2.224.67',
    `SNMPv2-MIB::sysName.0 = STRING: ${LINK}`,
  ].join('\n') + '\n');
  writeFileSync(join(dir, 'inv.csv'), toCsvRaw([
    ['id', 'name', 'vendor', 'site', 'country', 'operator', 'layer', 'model'],
    ['d1', '+1', 'huawei', '@SUM(A1)', 'US', '-cmd', 'core', 'm1'],
    ['d2', '-3', 'zte', '-1.5', 'US', '-1.5', 'core', '-3'],
    ['d3', '@SUM(A1)', 'huawei', 's', 'US', LINK, 'core', '-cmd'],
  ]));
  const db = join(dir, 's.db');
  const imp = await run(['import', '--db', db, join(dir, 'inv.csv'), join(dir, '10.0.0.9.walk')]);
  assert.equal(imp.code, 0, imp.stderr);

  const devices = await csvOf(['devices', '--db', db, '--format', 'csv']);
  includesAll(column(devices, 'name'), [defused(LINK), defused('+1'), defused('@SUM(A1)'), '-3'], 'devices name');
  includesAll(column(devices, 'operator'), [defused('-cmd'), defused(LINK), '-1.5'], 'devices operator');
  includesAll(column(devices, 'site'), [defused('@SUM(A1)'), '-1.5'], 'devices site');
  includesAll(column(devices, 'model'), [defused('-cmd'), '-3'], 'devices model');

  const check = await csvOf(['check', '--db', db, '--format', 'csv']);
  includesAll(column(check, 'operator'), [defused('-cmd'), defused(LINK), '-1.5'], 'check operator');

  const report = await csvOf(['report', '--db', db, '--format', 'csv']);
  includesAll(column(report, 'name'), [defused(LINK), defused('+1'), defused('@SUM(A1)'), '-3'], 'report name');

  // Catalog-only outputs: nothing from the user, but the same writer (no live cell).
  await csvOf(['vendors', '--format', 'csv']);
  await csvOf(['policies', '--format', 'csv']);
});

/** RFC 4180 without defusing: the test's input files must hold the hostile text as it is. */
function toCsvRaw(rows: string[][]): string {
  return rows.map((r) => r.map((c) => (/[",\r\n\t]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n';
}

test('plain-file commands: hostile flow and device ids in exposure and plan CSV', async () => {
  const dir = tempDir();
  // The only path from a to d crosses two Huawei devices named as formulas: the plan replaces them.
  const h1 = '@SUM(A1)', h2 = LINK;
  writeFileSync(join(dir, 'nodes.csv'), toCsvRaw([['id', 'vendor'], ['a', 'cisco'], [h1, 'huawei'], [h2, 'huawei'], ['d', 'cisco']]));
  writeFileSync(join(dir, 'links.csv'), toCsvRaw([['a', 'b', 'metric'], ['a', h1, '1'], [h1, h2, '1'], [h2, 'd', '1']]));
  writeFileSync(join(dir, 'flows.csv'), toCsvRaw([['id', 'src', 'dst', 'class'], ...[...HOSTILE, '-3', '-1.5'].map((id) => [id, 'a', 'd', 'sensitive'])]));
  const net = ['--nodes', join(dir, 'nodes.csv'), '--links', join(dir, 'links.csv'), '--flows', join(dir, 'flows.csv')];

  const exposure = await csvOf(['exposure', ...net, '--untrusted', 'huawei']);
  assert.deepEqual(column(exposure, 'id'), [...HOSTILE.map(defused), '-3', '-1.5']);
  assert.deepEqual(column(exposure, 'cost'), Array(7).fill('3'));
  assert.deepEqual(column(exposure, 'clean_cost'), Array(7).fill('inf'));

  const plan = await csvOf(['plan', ...net, '--untrusted', 'huawei', '--format', 'csv']);
  includesAll(column(plan, 'id'), [defused(h1), defused(h2)], 'plan id');
});

test('screen and measured paths: a hostile screened name and site come out defused', async () => {
  const screen = await csvOf(['screen', '--format', 'csv', '--', ...HOSTILE, '-3']);
  includesAll(column(screen, 'name'), [...HOSTILE.map(defused), '-3'], 'screen name');

  const db = join(tempDir(), 'p.db');
  const imp = cli(['paths', 'import', '--db', db, '--site', LINK, join(REPO, 'test', 'paths', 'fixtures', 'traceroute.txt')]);
  assert.equal(imp.code, 0, imp.stderr);
  const paths = await csvOf(['paths', 'exposure', '--db', db, '--format', 'csv']);
  includesAll(column(paths, 'site'), [defused(LINK)], 'paths site');
});

test('the writer the test files use is not the defusing one: the input holds the raw hostile text', async () => {
  // Guards the fixtures above: were they written defused, the outputs would prove nothing.
  assert.equal(toCsvRaw([['+1']]), '+1\n');
  assert.equal(toCsv(['h'], [['+1']]), "h\n'+1\n");
});
