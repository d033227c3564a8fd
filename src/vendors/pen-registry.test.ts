import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { getPenRegistry, parsePenRegistry } from './pen-registry.js';

const data = new URL('./data/iana-enterprise-numbers.tsv.gz', import.meta.url);

test('the shipped IANA registry states its source and date', () => {
  const r = getPenRegistry();
  assert.match(r.source.registryLastUpdated, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(r.source.url, 'https://www.iana.org/assignments/enterprise-numbers.txt');
  assert.ok(r.source.copy.url ?? (r.source.copy.repository && r.source.copy.path && /^[0-9a-f]{40}$/.test(r.source.copy.commit ?? '')), 'copy names where it was read');
  assert.equal(r.size, r.source.entries);
  assert.ok(r.size > 50_000, `${r.size} entries`);
  const gz = readFileSync(data);
  const meta = JSON.parse(readFileSync(new URL('./data/iana-enterprise-numbers.source.json', import.meta.url), 'utf8')) as { sha256: string };
  assert.equal(createHash('sha256').update(gz).digest('hex'), meta.sha256, 'data file is the one the sidecar describes');
  assert.ok(statSync(data).size < 4 * 1024 * 1024);
  const header = gunzipSync(gz).toString('utf8').split('\n', 3);
  assert.match(header[0]!, /^# IANA Private Enterprise Numbers .* last updated \d{4}-\d{2}-\d{2}$/);
  assert.match(header[1]!, /^# copy read from: /);
});

test('well-known enterprise numbers', () => {
  const r = getPenRegistry();
  assert.equal(r.organisation(9), 'ciscoSystems');
  assert.match(r.organisation(2011)!, /huawei/i);
  assert.match(r.organisation(3902)!, /ZTE/);
  assert.equal(r.organisation(318), 'American Power Conversion Corp.');
  assert.match(r.organisation(19536)!, /^Panduit Corp/);
  assert.match(r.organisation(19046)!, /^Lenovo/);
  assert.equal(r.organisation(4_000_000_000), undefined);
});

test('parsing skips header lines', () => {
  const source = { registry: 'x', url: 'x', registryLastUpdated: '2000-01-01', copy: { format: 'tsv' }, entries: 2, highest: 7 };
  const r = parsePenRegistry('# header\t1\n3\tThree\n7\tSeven, Inc.\n', source);
  assert.equal(r.size, 2);
  assert.equal(r.organisation(7), 'Seven, Inc.');
  assert.equal(r.organisation(1), undefined);
});
