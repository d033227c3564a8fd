// The plain-file readers: what the core takes as arguments, errors as file:line, nothing read
// twice (nodes carry role and cost), the two small tables through one reader.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadNetwork } from '../../analyses/network.js';
import { InputError } from '../../model/index.js';
import { parseCostTable, parseForced, parseNodes, parseTacCsv, readCostTable, readForcedList, readPlainNetwork, readTacFile } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'cleanpath-plain-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const inputError = (re: RegExp) => (e: unknown): boolean => e instanceof InputError && re.test(e.message);

test('nodes carry role and cost beside the graph attributes; a bad cost is file:line', () => {
  const { nodes } = parseNodes('id,vendor,layer,role,cost\na,huawei,core,router,1200\nb,,access,,\n', 'n.csv');
  assert.deepEqual(nodes.map((n) => [n.id, n.layer, n.role, n.cost]), [['a', 'core', 'router', 1200], ['b', 'access', null, null]]);
  assert.throws(() => parseNodes('id,cost\na,-3\n', 'n.csv'), inputError(/^n\.csv:2: cost must be a non-negative number, got "-3"/));
  assert.throws(() => parseNodes('id,cost\na,lots\n', 'n.csv'), inputError(/^n\.csv:2: cost/));
});

test('the network loader hands the plan costs, layers and roles from one read, plain files and topology alike', async () => {
  const nodes = write('n.csv', 'id,vendor,layer,role,cost\nr1,huawei,core,router,\nr2,cisco,access,switch,99\n');
  const links = write('l.csv', 'a,b\nr1,r2\n');
  const plain = await loadNetwork({ db: '-', nodes, links });
  assert.deepEqual(plain.nodes.map((n) => [n.id, n.layer, n.role, n.cost]), [['r1', 'core', 'router', null], ['r2', 'access', 'switch', 99]]);
  const topo = write('t.json', JSON.stringify({ devices: [{ id: 'r1', vendor: 'huawei', layer: 'core', role: 'router', cost: 5 }, { id: 'r2' }], links: [{ a: 'r1', b: 'r2' }] }));
  const t = await loadNetwork({ db: '-', topology: topo });
  assert.deepEqual(t.nodes.map((n) => [n.id, n.layer, n.role, n.cost]), [['r1', 'core', 'router', 5], ['r2', null, null, null]]);
});

test('cost table and forced list: CSV or JSON through one reader, errors as file:line', async () => {
  assert.deepEqual(parseCostTable('layer,role,cost\ncore,,700000\n\n*,switch,"1000"\n', 'c.csv'), [
    { layer: 'core', role: '', cost: 700000 },
    { layer: '*', role: 'switch', cost: 1000 },
  ]);
  assert.deepEqual(parseCostTable('[{"role":"ont","cost":10}]', 'c.json'), [{ layer: undefined, role: 'ont', cost: 10 }]);
  assert.throws(() => parseCostTable('layer,role,cost\ncore,,x\n', 'c.csv'), inputError(/^c\.csv:2: cost must be/));
  assert.throws(() => parseCostTable('vendor,cost\nx,1\n', 'c.csv'), inputError(/^c\.csv:1: header must name cost and layer/));
  assert.throws(() => parseCostTable('[{"cost":1}', 'c.json'), inputError(/^c\.json: invalid JSON/));
  assert.throws(() => parseCostTable('[1]', 'c.json'), inputError(/^c\.json: entry 1: expected an object/));
  assert.deepEqual(await readCostTable(write('c.csv', 'role,cost\ncamera,5\n')), [{ layer: undefined, role: 'camera', cost: 5 }]);

  assert.deepEqual(parseForced('id,deadline\r\nX,2027-01-01\r\n', 'f.csv'), [{ id: 'X', deadline: '2027-01-01', reason: '' }]);
  assert.throws(() => parseForced('id,reason\nX,y\n', 'f.csv'), inputError(/^f\.csv:1: header must name id and deadline/));
  assert.throws(() => parseForced('id,deadline\n,2027-01-01\n', 'f.csv'), inputError(/^f\.csv:2: forced device needs an id/));
  assert.throws(() => parseForced('[{"id":"X","deadline":"soon"}]', 'f.json'), inputError(/^f\.json: deadline must be a date/));
  assert.deepEqual(await readForcedList(write('f.json', '[{"id":"X","deadline":"2026-12-31","reason":"r"}]')), [{ id: 'X', deadline: '2026-12-31', reason: 'r' }]);
  await assert.rejects(readForcedList(join(dir, 'missing.csv')), inputError(/missing\.csv: cannot read/));
});

test('TAC rows: header on line 1 or 2, 7-digit TACs padded, bad rows warned at their line', () => {
  const rows = parseTacCsv('licence\ntac,name,name\n1234567,ZTE,Blade\nbogus,X,Y\n', 't.csv');
  assert.deepEqual(rows.rows, [{ tac: '01234567', brand: 'ZTE', model: 'Blade' }]);
  assert.deepEqual(rows.warnings.map((w) => w.line), [4]);
  assert.throws(() => parseTacCsv('a,b\nc,d\n', 't.csv'), inputError(/^t\.csv:2: expected the Osmocom TAC header/));
  assert.equal(readTacFile(write('tac.csv', 'tac,name\n35000000,Apple\n')).rows.length, 1);
});

test('TAC rows are split by the one CSV tokenizer: quoted commas kept, a malformed row skipped with the reason', () => {
  const rows = parseTacCsv('"licence, with ""quotes\ntac,name,name\n35000001,"Acme, Inc","X ""1"""\n35000002,"Bad"x,Y\n35000003,"open\n', 't.csv');
  assert.deepEqual(rows.rows, [{ tac: '35000001', brand: 'Acme, Inc', model: 'X "1"' }]);
  assert.deepEqual(rows.warnings.map((w) => [w.line, /unexpected text after a closing quote|unterminated quoted field/.test(w.message)]), [[4, true], [5, true]]);
});

test('a missing plain network file is an input error naming it', async () => {
  const links = write('l2.csv', 'a,b\n');
  await assert.rejects(readPlainNetwork({ nodes: join(dir, 'none.csv'), links }), inputError(/none\.csv: cannot read/));
});
