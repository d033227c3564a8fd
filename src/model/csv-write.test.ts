import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvTokenizer } from '../ingest/csv/tokenizer.js';
import { csvCell, csvRow, defuse, recordsToCsv, toCsv } from './csv-write.js';

const HOSTILE = ['=HYPERLINK("http://x","y")', '+1', '-cmd', '@SUM(A1)', '\t=1', '\r=1', '=1+2', '-', '-1e', '--3', '-3 ', '-0x10', '-Infinity'];

test('a cell a spreadsheet would run as a formula gets a leading quote', () => {
  for (const s of HOSTILE) assert.equal(defuse(s), `'${s}`, JSON.stringify(s));
});

test('plain negative numbers and ordinary text are left as they are', () => {
  for (const s of ['-3', '-1.5', '-1.5e3', '-2E-7', '-.5', '-0', '3', 'a=b', 'x+1', ' =1', "'=1", '', 'huawei', '2026-01-01']) {
    assert.equal(defuse(s), s, JSON.stringify(s));
  }
});

test('RFC 4180 quoting after defusing: comma, quote, CR, LF', () => {
  assert.equal(csvCell('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
  assert.equal(csvCell('a, b'), '"a, b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('two\nlines'), '"two\nlines"');
  assert.equal(csvCell('\r=1'), `"'\r=1"`);
  assert.equal(csvCell('\t=1'), `'\t=1`);
  assert.equal(csvCell('-1,5'), `"'-1,5"`);
});

test('numbers, booleans and missing values: never defused, infinities as inf', () => {
  assert.equal(csvCell(-3), '-3');
  assert.equal(csvCell(-1.5), '-1.5');
  assert.equal(csvCell(0.1 + 0.2), '0.30000000000000004');
  assert.equal(csvCell(Infinity), 'inf');
  assert.equal(csvCell(-Infinity), '-inf');
  assert.equal(csvCell(NaN), '');
  assert.equal(csvCell(true), 'true');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(undefined), '');
});

test('rows and files: LF line ends, header through the same writer, records by column', () => {
  assert.equal(csvRow(['a', 1, null, '@x']), "a,1,,'@x");
  assert.equal(toCsv(['id', 'cost'], [['f1', 2], ['=f2', Infinity]]), "id,cost\nf1,2\n'=f2,inf\n");
  assert.equal(recordsToCsv(['b', 'a'], [{ a: '+1', b: -2 }, { a: 'x' }]), "b,a\n-2,'+1\n,x\n");
});

test('what the writer writes, the tokenizer reads back as the defused text', () => {
  // (no empty cell: in a one-column file it is a blank line, which readers skip)
  const cells = [...HOSTILE, 'a, b', 'say "hi"', 'multi\nline', '-3'];
  const rows: string[][] = [];
  const t = new CsvTokenizer('w.csv', (f) => rows.push(f));
  t.push(toCsv(['h'], cells.map((c) => [c])));
  t.end();
  assert.deepEqual(rows.slice(1).map((r) => r[0]), cells.map((c) => defuse(c)));
});
