import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../model/index.js';
import { CsvTokenizer } from './tokenizer.js';

function parse(text: string, chunk = Infinity): Array<[number, string[]]> {
  const rows: Array<[number, string[]]> = [];
  const t = new CsvTokenizer('t.csv', (f, line) => rows.push([line, f]));
  if (chunk === Infinity) t.push(text);
  else for (let i = 0; i < text.length; i += chunk) t.push(text.slice(i, i + chunk));
  t.end();
  return rows;
}

const TRICKY = 'id,name,note\r\n1,"a, b","say ""hi"""\r\n\r\n2,"multi\nline\nfield",x\n3,,\n4,"",""\n5,plain,"trailing"';
const EXPECTED: Array<[number, string[]]> = [
  [1, ['id', 'name', 'note']],
  [2, ['1', 'a, b', 'say "hi"']],
  [4, ['2', 'multi\nline\nfield', 'x']],
  [7, ['3', '', '']],
  [8, ['4', '', '']],
  [9, ['5', 'plain', 'trailing']],
];

test('RFC 4180 quoting: commas, doubled quotes, newlines in fields, CRLF, blank lines, empty fields', () => {
  assert.deepEqual(parse(TRICKY), EXPECTED);
});

test('the same rows come out whatever the chunk boundaries', () => {
  for (const size of [1, 2, 3, 5, 7, 11]) assert.deepEqual(parse(TRICKY, size), EXPECTED, `chunk size ${size}`);
});

test('CR-only line ends and a CRLF split across chunks', () => {
  assert.deepEqual(parse('a,b\rc,d\r'), [[1, ['a', 'b']], [2, ['c', 'd']]]);
  assert.deepEqual(parse('a,b\r\nc,d\r\n', 4), [[1, ['a', 'b']], [2, ['c', 'd']]]);
});

test('a quote inside an unquoted field is kept literally', () => {
  assert.deepEqual(parse('a,5" disk\n'), [[1, ['a', '5" disk']]]);
});

test('an unterminated quote names the line it opened on', () => {
  assert.throws(() => parse('id,name\n1,ok\n2,"never closed\n3,x\n'), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.equal(e.line, 3);
    assert.match(e.message, /^t\.csv:3: unterminated quoted field/);
    return true;
  });
});

test('text after a closing quote is an error with its line', () => {
  assert.throws(() => parse('a,b\n"x"y,z\n'), /t\.csv:2: unexpected text after a closing quote/);
});

test('a field over the size limit is refused with its line, also when split across chunks', () => {
  const t = new CsvTokenizer('big.csv', () => {}, 100);
  t.push('id,x\n1,');
  assert.throws(() => {
    for (let i = 0; i < 20; i++) t.push('0123456789');
  }, /big\.csv:2: field longer than 100 characters/);
  const q = new CsvTokenizer('big.csv', () => {}, 100);
  assert.throws(() => q.push(`id,x\n\n1,"${'y'.repeat(200)}`), /big\.csv:3: field longer than 100 characters \(a quoted field starts here/);
});
