// Issue 14: `import --update` (complete your data after import), references checked at import
// (no phantom link or flow endpoint ever stored), `--base latest`, and a file with no records
// said plainly. Every failure is checked to leave the store exactly as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, dumpStore, tempDir } from './helpers.js';
import { runInProcess as run } from './in-process.js'; // commands in-process; one stays a real spawn

const NODES = ['id,name,vendor,layer,country,site', 'r1,alpha,Cisco,core,DE,FRA', 'r2,beta,,core,DE,FRA', 'r3,gamma,,transport,DE,BER', 'r4,gamma,,transport,FR,PAR'].join('\n');
const LINKS = ['a,b,metric', 'r1,r2,1', 'r2,r3,1', 'r3,r4,1'].join('\n');

interface Dev {
  id: string;
  name: string | null;
  vendor: string | null;
  layer: string | null;
  site: string | null;
  country: string | null;
  evidence: { kind: string; raw: string; vendor: string | null; source: { file?: string; line?: number } }[];
}

/** A store with snapshot `s1`: four devices (two named gamma) and their links. */
async function setUp(): Promise<{ dir: string; db: string; file(name: string, text: string): string; devices(snapshot: string): Promise<Dev[]> }> {
  const dir = tempDir();
  const db = join(dir, 'store.db');
  const file = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, `${text}\n`);
    return p;
  };
  const r = await run(['import', file('nodes.csv', NODES), file('links.csv', LINKS), '--db', db, '--snapshot', 's1']);
  assert.equal(r.code, 0, r.stderr);
  const devices = async (snapshot: string): Promise<Dev[]> => {
    const out = await run(['devices', '--db', db, '--snapshot', snapshot, '--json']);
    assert.equal(out.code, 0, out.stderr);
    return JSON.parse(out.stdout) as Dev[];
  };
  return { dir, db, file, devices };
}

/** Exit `code`, stderr matching `expected`, and not one row of the store changed. */
async function assertRefused(db: string, args: string[], code: number, expected: RegExp): Promise<void> {
  const before = dumpStore(db);
  const r = await run([...args, '--db', db]);
  assert.equal(r.code, code, `exit code; stderr: ${r.stderr}`);
  assert.match(r.stderr, expected);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
  assert.equal(dumpStore(db), before, 'store changed by a refused import');
}

test('--update by name: only filled columns change; the vendor is declared evidence at file:line; the base is untouched', async () => {
  const s = await setUp();
  const changes = s.file('changes.csv', ['name,vendor,layer,site', 'beta,Huawei,,', 'alpha,ZTE,access,'].join('\n'));
  const r = await run(['import', changes, '--db', s.db, '--base', 'latest', '--update', '--snapshot', 's2']);
  assert.equal(r.code, 0, r.stderr);
  const [r1, r2, r3, r4] = await s.devices('s2');
  assert.deepEqual([r1!.id, r1!.vendor, r1!.layer, r1!.site, r1!.country], ['r1', 'zte', 'access', 'FRA', 'DE']);
  assert.deepEqual([r2!.id, r2!.vendor, r2!.layer, r2!.site], ['r2', 'huawei', 'core', 'FRA']);
  // The update's declaration replaces the earlier one (Cisco), at the update's file and line.
  assert.deepEqual(r1!.evidence.map((e) => [e.kind, e.vendor, e.source.file, e.source.line]), [['declared', 'zte', changes, 3]]);
  assert.deepEqual(r2!.evidence.map((e) => [e.kind, e.raw, e.source.file, e.source.line]), [['declared', 'Huawei', changes, 2]]);
  assert.deepEqual([r3, r4].map((d) => d!.vendor), [null, null]);
  // Snapshots are immutable: s1 still says Cisco and no vendor for beta.
  assert.deepEqual((await s.devices('s1')).map((d) => d.vendor), ['cisco', null, null, null]);
  const links = await run(['import', s.file('more.csv', 'a,b\nr1,r4'), '--db', s.db, '--base', 's2', '--snapshot', 's3']);
  assert.equal(links.code, 0, links.stderr);
  assert.deepEqual((await s.devices('s3')).map((d) => d.vendor), ['zte', 'huawei', null, null]);
});

test('--update by id: identifiers are merged and the device identified again, other evidence kept', async () => {
  const s = await setUp();
  const first = s.file('mac.csv', 'id,mac\nr1,00:e0:fc:12:34:56');
  assert.equal((await run(['import', first, '--db', s.db, '--base', 's1', '--update', '--snapshot', 's2'])).code, 0);
  const [r1] = await s.devices('s2');
  // Cisco declared (nodes.csv) against a Huawei MAC (mac.csv): both kept, the conflict shown.
  assert.deepEqual(r1!.evidence.map((e) => [e.kind, e.vendor, e.source.file]), [['declared', 'cisco', join(s.dir, 'nodes.csv')], ['oui', 'huawei', first]]);
  assert.equal(r1!.vendor, 'huawei');
  const second = s.file('declared.csv', 'id,vendor,name\nr3,Huawei,gamma-berlin');
  assert.equal((await run(['import', second, '--db', s.db, '--base', 's2', '--update', '--snapshot', 's3'])).code, 0);
  const ds = await s.devices('s3');
  assert.deepEqual(ds.map((d) => [d.id, d.name, d.vendor]), [['r1', 'alpha', 'huawei'], ['r2', 'beta', null], ['r3', 'gamma-berlin', 'huawei'], ['r4', 'gamma', null]]);
});

test('--update: no such device, or a name several devices have, is file:line, exit 2, store unchanged', async () => {
  const s = await setUp();
  await assertRefused(s.db, ['import', s.file('nomatch.csv', 'name,vendor\nbeta,ZTE\nnobody,Huawei'), '--base', 'latest', '--update'], 2, /nomatch\.csv:3: no device named "nobody" in base snapshot "s1"/);
  await assertRefused(s.db, ['import', s.file('noid.csv', 'id,vendor\nr9,Huawei'), '--base', 's1', '--update'], 2, /noid\.csv:2: no device with id "r9"/);
  await assertRefused(s.db, ['import', s.file('ambiguous.csv', 'name,vendor\ngamma,Huawei'), '--base', 's1', '--update'], 2, /ambiguous\.csv:2: the name "gamma" is ambiguous: 2 devices .*\(r3, r4\)/);
  await assertRefused(s.db, ['import', s.file('nokey.csv', 'vendor\nHuawei'), '--base', 's1', '--update'], 2, /nokey\.csv:1: missing column 'id' or 'name'/);
  await assertRefused(s.db, ['import', s.file('nobase.csv', 'name,vendor\nbeta,ZTE'), '--update'], 2, /--update .*--base/);
  // Without --update, a name-keyed file is still an inventory that lacks its id column.
  await assertRefused(s.db, ['import', s.file('plain.csv', 'name,vendor\nbeta,ZTE'), '--base', 's1'], 2, /plain\.csv:1: missing required column 'id'/);
});

test('a link naming no device is file:line, exit 2, store unchanged; so is a flow endpoint', async () => {
  const s = await setUp();
  await assertRefused(s.db, ['import', s.file('phantom-links.csv', 'a,b\nr1,r2\nr2,r9'), '--base', 's1'], 2, /phantom-links\.csv:3: link r2 -> r9: "r9" is not a device id in this import or in base snapshot "s1"/);
  // Devices of the same import count, in any file order; devices of no snapshot do not.
  const nodes = s.file('n2.csv', 'id\nx1\nx2');
  const links = s.file('l2.csv', 'a,b\nx1,x2\nx2,r1');
  await assertRefused(s.db, ['import', links, nodes], 2, /l2\.csv:3: link x2 -> r1: "r1" is not a device id in this import$/m);
  assert.equal((await run(['import', links, nodes, '--db', s.db, '--base', 's1', '--snapshot', 'ok'])).code, 0);
  await assertRefused(s.db, ['import', s.file('phantom-flows.csv', 'id,src,dst\nf1,r1,r2\nf2,r1,nowhere'), '--base', 's1'], 2, /phantom-flows\.csv:3: flow "f2": dst "nowhere" is neither a device id nor a device name/);
});

test('flows name endpoints by id or unique name and are stored by id; a shared name is ambiguous', async () => {
  const s = await setUp();
  const flows = s.file('flows.csv', 'id,src,dst,class\nf1,alpha,r4,sensitive\nf2,r1,beta,normal');
  const r = await run(['import', flows, '--db', s.db, '--base', 'latest', '--snapshot', 'with-flows']);
  assert.equal(r.code, 0, r.stderr);
  const exposure = await run(['exposure', '--db', s.db, '--snapshot', 'with-flows', '--untrusted', 'cisco', '--json']);
  assert.equal(exposure.code, 0, exposure.stderr);
  const ids = (JSON.parse(exposure.stdout) as { flows: { id: string; src: string; dst: string }[] }).flows.map((f) => [f.id, f.src, f.dst]);
  assert.deepEqual(ids, [['f1', 'r1', 'r4'], ['f2', 'r1', 'r2']]);
  await assertRefused(s.db, ['import', s.file('ambiguous-flows.csv', 'id,src,dst\nf1,gamma,r1'), '--base', 's1'], 2, /ambiguous-flows\.csv:2: flow "f1": src "gamma" is the name of 2 devices \(r3, r4\): name the endpoint by its device id/);
});

test('a file with no records: exit 1 alone, a warning beside a file with records', async () => {
  const s = await setUp();
  const empty = s.file('header-only.csv', 'id,vendor,layer');
  await assertRefused(s.db, ['import', empty], 1, /header-only\.csv: no records: it reads as inventory-csv/);
  await assertRefused(s.db, ['import', s.file('empty.json', '[]')], 1, /empty\.json: no records/);
  const ok = await run(['import', empty, s.file('more-nodes.csv', 'id\nz1'), '--db', s.db, '--snapshot', 'partly']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stderr, /warning: .*header-only\.csv:1: no records: .*the other files were imported/);
});

test('--base latest starts from the newest snapshot, and says so when there is none', async () => {
  const dir = tempDir();
  const db = join(dir, 'store.db');
  const inv = join(dir, 'inv.csv');
  writeFileSync(inv, 'id\na1\n');
  const none = cli(['import', inv, '--db', db, '--base', 'latest']);
  assert.equal(none.code, 2, none.stderr);
  assert.match(none.stderr, /no snapshot/);
  assert.equal((await run(['import', inv, '--db', db, '--snapshot', 'one'])).code, 0);
  writeFileSync(join(dir, 'inv2.csv'), 'id\na2\n');
  const r = await run(['import', join(dir, 'inv2.csv'), '--db', db, '--base', 'latest', '--snapshot', 'two', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { snapshot: { base: string; devices: number } }).snapshot.base, 'one');
});
