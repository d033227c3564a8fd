// issue 16 point 6, the plain-text outputs without a browser: what each one writes for a value
// with an unterminated U+202E (the Chromium test in bidi.test.ts shows how it is then drawn).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderTable } from '../../src/cli/output.js';
import { csvCell } from '../../src/model/csv-write.js';
import { FSI, PDI } from '../../src/model/bidi.js';
import { md } from '../../src/report/markdown.js';

const RLO = '\u202e', PDF = '\u202c';
// every mark is zero-width on a terminal (the table pads by display width), the override too
const strip = (s: string): string => s.replace(/[\u2068\u2069\u202c\u202e]/g, '');

test('Markdown: a value with a control is closed and isolated, after escaping; plain values are as before', () => {
  assert.equal(md(`a|b${RLO}c`), `${FSI}a\\|b${RLO}c${PDF}${PDI}`);
  assert.equal(md('core-1 | x'), 'core-1 \\| x');
});

test('CLI table: cells with a control are isolated inside their padding, and the columns still line up', () => {
  const rows = [
    { name: `edge${RLO}retuor`, as_of: '2026-12-31', vendor: 'huawei' },
    { name: 'core-1', as_of: '2026-12-31', vendor: 'cisco' },
  ];
  const out = renderTable(rows, ['name', 'as_of', 'vendor']);
  const lines = out.trimEnd().split('\n');
  assert.ok(lines[2]!.startsWith(`${FSI}edge${RLO}retuor${PDF}${PDI}  `), JSON.stringify(lines[2]));
  assert.ok(lines[3]!.startsWith('core-1 '), 'a plain cell is not wrapped');
  // without the invisible marks every line has the date at the same column
  const at = lines.map((l) => strip(l).indexOf('2026-12-31')).slice(2);
  assert.deepEqual(at, [at[0], at[0]]);
  assert.equal(strip(lines[0]!).indexOf('as_of'), at[0]);
});

test('CLI table: a cell cut to its width is closed after the cut', () => {
  const out = renderTable([{ name: `${RLO}${'x'.repeat(60)}`, n: 1 }], ['name', 'n']);
  const cell = out.split('\n')[2]!;
  assert.ok(cell.startsWith(`${FSI}${RLO}${'x'.repeat(47)}…${PDF}${PDI}`), JSON.stringify(cell));
});

test('CSV: a cell is closed, then defused: a stray closer cannot hide a formula', () => {
  assert.equal(csvCell(`lab${RLO}tset`), `lab${RLO}tset${PDF}`);
  assert.equal(csvCell(`${PDF}=1+2`), `'=1+2`);
  assert.equal(csvCell('plain'), 'plain');
});
