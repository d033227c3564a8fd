// Where an analysis gets its network: phantoms refused, flows named by id or unique name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNetwork } from '../../src/analyses/network.js';
import { parseColumnMap } from '../../src/ingest/index.js';
import { InputError } from '../../src/model/index.js';

const dir = mkdtempSync(join(tmpdir(), 'cleanpath-network-'));
const write = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

async function fails(p: Promise<unknown>, file: string, line: number | undefined, re: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof InputError, String(e));
    assert.equal(e.file, file, e.message);
    assert.equal(e.line, line, e.message);
    assert.match(e.message, re);
    return true;
  });
}

const TOPO = JSON.stringify({
  devices: [
    { id: 'r1', name: 'Frankfurt', vendor: 'huawei' },
    { id: 'r2', name: 'Paris' },
    { id: 'r3', name: 'Milan' },
    { id: 'r4', name: 'Milan' },
  ],
  links: [{ a: 'r1', b: 'r2' }, { a: 'r2', b: 'r3' }, { a: 'r3', b: 'r4' }],
}, null, 1);

test('--topology: a link to a device the file does not have is an error at its file:line, not a phantom node', async () => {
  const topo = write('phantom.json', '{"devices": [{"id": "r1"}, {"id": "r2"}],\n "links": [\n  {"a": "r1", "b": "r2"},\n  {"a": "r2", "b": "ghost"}\n]}\n');
  await fails(loadNetwork({ db: '-', topology: topo }), topo, 4, /link 'r2'-'ghost' names 'ghost', which is not a device of/);
});

test('--topology with --flows: endpoints by id or unique device name; unknown and ambiguous names name the flows file and line', async () => {
  const topo = write('topo.json', TOPO);
  const flows = write('flows.csv', 'id,src,dst\nf1,Frankfurt,r3\nf2,r2,Paris\n');
  const net = await loadNetwork({ db: '-', topology: topo, flows });
  assert.deepEqual(net.flows.map((f) => [f.id, f.src, f.dst]), [['f1', 'r1', 'r3'], ['f2', 'r2', 'r2']]);
  assert.deepEqual(net.notes, []);
  const ambiguous = write('amb.csv', 'id,src,dst\nf1,r1,r2\nf2,Frankfurt,Milan\n');
  await fails(loadNetwork({ db: '-', topology: topo, flows: ambiguous }), ambiguous, 3, /flow 'f2': destination 'Milan' is the name of 2 devices .*\(ids 'r3', 'r4'\).*name it by id/);
  const unknown = write('unknown.csv', 'id,src,dst\nf1,Frankfurt,Pariss\n');
  await fails(loadNetwork({ db: '-', topology: topo, flows: unknown }), unknown, 2, /destination 'Pariss' is neither a device id nor a device name of .*topo\.json; did you mean Paris\?/);
});

test('plain files: flows may name nodes by the optional name column of nodes.csv', async () => {
  const nodes = write('nodes.csv', 'id,vendor,name\nn1,huawei,Frankfurt\nn2,,Paris\nn3,,Milan\nn4,,Milan\n');
  const links = write('links.csv', 'a,b\nn1,n2\nn2,n3\nn3,n4\n');
  const flows = write('pflows.csv', 'id,src,dst\nf1,Frankfurt,n3\nf2,n2,Paris\n');
  const net = await loadNetwork({ db: '-', nodes, links, flows });
  assert.deepEqual(net.flows.map((f) => [f.src, f.dst]), [['n1', 'n3'], ['n2', 'n2']]);
  const amb = write('pamb.csv', 'id,src,dst\nf1,Milan,n1\n');
  await fails(loadNetwork({ db: '-', nodes, links, flows: amb }), amb, 2, /source "Milan" is the name of several nodes/);
  const unk = write('punk.csv', 'id,src,dst\nf1,n1,Rome\n');
  await fails(loadNetwork({ db: '-', nodes, links, flows: unk }), unk, 2, /unknown destination node "Rome"/);
});

test('--map renames the columns of plain nodes (and of an inventory given as --topology); a snapshot refuses it', async () => {
  const nodes = write('cmdb-nodes.csv', 'Asset,Maker,Hostname\nn1,huawei,Frankfurt\nn2,cisco,Paris\n');
  const links = write('cmdb-links.csv', 'a,b\nn1,n2\n');
  const flows = write('cmdb-flows.csv', 'id,src,dst\nf1,Frankfurt,Paris\n');
  const columns = parseColumnMap('asset=id,Maker=vendor,Hostname=name');
  const net = await loadNetwork({ db: '-', nodes, links, flows, columns });
  assert.deepEqual(net.nodes.map((n) => [n.id, n.vendor]), [['n1', 'huawei'], ['n2', 'cisco']]);
  assert.deepEqual(net.flows.map((f) => [f.src, f.dst]), [['n1', 'n2']]);
  await fails(loadNetwork({ db: '-', nodes, links, columns: parseColumnMap('Make=vendor') }), nodes, 1, /column 'Make' .* is not in the file; did you mean maker\?/i);
  const topo = write('cmdb.json', '[{"Asset": "r1", "Maker": "ZTE"}]');
  const t = await loadNetwork({ db: '-', topology: topo, columns: parseColumnMap('Asset=id,Maker=vendor') });
  assert.deepEqual(t.nodes.map((n) => [n.id, n.vendor]), [['r1', 'zte']]);
  await fails(loadNetwork({ db: join(dir, 'none.db'), columns }), '--map', undefined, /a snapshot has ours already/);
});
