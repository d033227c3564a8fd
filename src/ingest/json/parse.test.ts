import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJson } from './parse.js';

test('parses like JSON.parse and records the line each object and array starts on', () => {
  const text = '[\n  {"a": 1,\n   "b": [true, false, null, -1.5e3, "x\\n\\u00e9"]},\n\n  {"c": {}}\n]';
  const doc = parseJson(text, 'x.json');
  assert.deepEqual(doc.value, JSON.parse(text));
  const arr = doc.value as Array<{ [k: string]: unknown }>;
  assert.equal(doc.lineOf(arr), 1);
  assert.equal(doc.lineOf(arr[0] as object), 2);
  assert.equal(doc.lineOf(arr[0]?.['b'] as object), 3);
  assert.equal(doc.lineOf(arr[1] as object), 5);
});

test('errors name the line: truncated, trailing comma, bad literal, control character', () => {
  assert.throws(() => parseJson('{\n "a": [1,\n 2', 't.json'), /t\.json:3: invalid JSON: expected ',' or '\]'/);
  assert.throws(() => parseJson('{\n "a": \n', 't.json'), /t\.json:3: invalid JSON: unexpected end of file/);
  assert.throws(() => parseJson('[1,\n]', 't.json'), /t\.json:2: invalid JSON: unexpected '\]'/);
  assert.throws(() => parseJson('\n\n[tru]', 't.json'), /t\.json:3: invalid JSON/);
  assert.throws(() => parseJson('["a\nb"]', 't.json'), /t\.json:1: invalid JSON: control character/);
  assert.throws(() => parseJson('[01]', 't.json'), /leading zero/);
  assert.throws(() => parseJson('{} x', 't.json'), /after the end of the document/);
});

test('deep nesting is refused, not a stack overflow; __proto__ stays data', () => {
  assert.throws(() => parseJson('['.repeat(100_000), 'deep.json'), /deep\.json:1: invalid JSON: nesting deeper than/);
  const doc = parseJson('{"__proto__": {"polluted": true}}', 'p.json');
  assert.equal(({} as { polluted?: boolean }).polluted, undefined);
  assert.equal(Object.getPrototypeOf(doc.value), Object.prototype);
  assert.deepEqual(Object.keys(doc.value as object), ['__proto__']);
});
