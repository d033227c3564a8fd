import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeviceRecord, InputError } from './index.js';

test('DeviceRecord rejects a country that is not ISO alpha-2', () => {
  const r = DeviceRecord.safeParse({ id: 'd1', country: 'Germany', raw: {}, extra: {}, source: {} });
  assert.equal(r.success, false);
});

test('InputError renders file:line: message', () => {
  assert.equal(new InputError('a.csv', 3, 'missing column id').message, 'a.csv:3: missing column id');
});
