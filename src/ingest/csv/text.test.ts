import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../model/index.js';
import { readCsv, splitCsvLine } from './text.js';

function rows(text: string): { header: string[]; rows: Array<[number, string[]]> } {
  const out: Array<[number, string[]]> = [];
  let header: string[] = [];
  readCsv(text, 'n.csv', (h) => {
    header = h;
    return (f, line) => out.push([line, f]);
  });
  return { header, rows: out };
}

test('a whole text: BOM dropped, header trimmed and lower-cased, the tokenizer rules for rows', () => {
  const r = rows('\ufeff ID ,Vendor\r\na,"Huawei, Inc"\n\nb,"say ""x"""\r"c\nd",zte\n');
  assert.deepEqual(r.header, ['id', 'vendor']);
  assert.deepEqual(r.rows, [
    [2, ['a', 'Huawei, Inc']],
    [4, ['b', 'say "x"']],
    [5, ['c\nd', 'zte']],
  ]);
});

test('an empty text or one with an open quote is an input error at its line', () => {
  assert.throws(() => rows(''), /n\.csv:1: empty file/);
  assert.throws(() => rows('id\n"x\n'), (e: unknown) => e instanceof InputError && /^n\.csv:2: unterminated quoted field/.test(e.message));
});

test('one line: the same fields as the tokenizer, errors at the caller\'s line', () => {
  assert.deepEqual(splitCsvLine('a,"b, c",,"d ""e"""', 'c.csv', 7), ['a', 'b, c', '', 'd "e"']);
  assert.deepEqual(splitCsvLine('', 'c.csv', 7), ['']);
  assert.deepEqual(splitCsvLine('a,5" disk', 'c.csv', 7), ['a', '5" disk']);
  assert.throws(() => splitCsvLine('a,"b', 'c.csv', 7), /^InputError: c\.csv:7: unterminated/);
  assert.throws(() => splitCsvLine('a,"b"x', 'c.csv', 7), /c\.csv:7: unexpected text after a closing quote/);
  assert.throws(() => splitCsvLine('a\rb', 'c.csv', 7), /c\.csv:7: a carriage return outside quotes/);
});
