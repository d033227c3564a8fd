import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from './helpers.js';
import { terminalSafe } from '../../src/cli/run.js';

test('terminalSafe: control characters escaped, direction controls closed', () => {
  assert.equal(terminalSafe('a\u001b[2Jb'), 'a\\x1b[2Jb');
  assert.equal(terminalSafe('x\u202Ey'), 'x\u202Ey\u202C');
  assert.equal(terminalSafe('line one\nline two\tend'), 'line one\nline two\tend');
});

test('an error quoting a hostile value prints no escape sequence and no open override', () => {
  const dir = tempDir();
  const file = join(dir, 'inv.csv');
  // a device whose country is an escape sequence and an unterminated right-to-left override
  writeFileSync(file, 'id,name,vendor,country\nd1,r1,huawei,\u001b[2J\u202EXX\n');
  const r = cli(['import', file, '--db', join(dir, 's.db'), '--strict']);
  const all = r.stderr;
  assert.doesNotMatch(all, /\u001b/, 'no raw ESC reaches the terminal');
  const opened = [...all].filter((c) => c === '\u202E').length;
  const closed = [...all].filter((c) => c === '\u202C').length;
  assert.ok(opened <= closed, `every override closed (${opened} opened, ${closed} closed): ${JSON.stringify(all)}`);
  assert.equal(r.code, 2, all);
  assert.match(all, /inv\.csv:2: .*\\x1b\[2J/, 'the value is shown, escaped');
  assert.equal(opened, 1);
});
