// Issue 14.1: a vendor, country or layer the user names is resolved or refused — never a filter
// that silently matches nothing and reports every flow clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from './helpers.js';
import { runInProcess as run } from './in-process.js'; // commands in-process; one stays a real spawn

/** A small plain network: two paths from a to d, one through Huawei. */
function plainNetwork(): string[] {
  const dir = tempDir();
  writeFileSync(join(dir, 'nodes.csv'), 'id,vendor,country,operator,layer\na,cisco,DE,Op A,core\nb,huawei,DE,Op A,transport\nc,zte,Germany,Op B,ran\nd,american-power-conversion,FR,Op B,core\n');
  writeFileSync(join(dir, 'links.csv'), 'a,b,metric\na,b,1\nb,d,1\na,c,5\nc,d,5\n');
  writeFileSync(join(dir, 'flows.csv'), 'id,src,dst\nf1,a,d\n');
  return ['--nodes', join(dir, 'nodes.csv'), '--links', join(dir, 'links.csv'), '--flows', join(dir, 'flows.csv')];
}

const SUGGEST_HUAWEI = /did you mean huawei\? \(cleanpath vendors lists them\)/;

async function refused(args: string[], message: RegExp): Promise<void> {
  const r = await run(args);
  assert.equal(r.code, 2, `${args.join(' ')}\n${r.stdout}${r.stderr}`);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, message);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
}

test('a misspelt vendor, country or layer is exit 2 with the nearest name', async () => {
  const net = plainNetwork();
  await refused(['exposure', ...net, '--untrusted', 'hauwei'], /--untrusted: unknown vendor 'hauwei'; did you mean huawei\? \(cleanpath vendors lists them\)/);
  await refused(['exposure', ...net, '--untrusted', 'huawai,zte'], /--untrusted: unknown vendor 'huawai'; did you mean huawei\?/);
  await refused(['killswitch', ...net, '--vendors', 'hauwei'], /--vendors: unknown vendor 'hauwei'/);
  await refused(['plan', ...net, '--untrusted', 'zte,hauwei'], SUGGEST_HUAWEI);
  await refused(['exposure', ...net, '--avoid-country', 'XX1'], /--avoid-country: unknown country 'XX1'/);
  await refused(['exposure', ...net, '--avoid-country', 'Germny'], /did you mean Germany\?/);
  await refused(['exposure', ...net, '--avoid-layer', 'coer'], /--avoid-layer: unknown layer 'coer'; did you mean core\?/);
  await refused(['killswitch', ...net, '--vendors', 'huawei', '--country', 'XX1'], /--country: unknown country 'XX1'/);
  await refused(['killswitch', ...net, '--vendors', 'huawei', '--layer', 'coer'], /--layer: unknown layer 'coer'; did you mean core\?/);
  const none = join(tempDir(), 'none.db');
  await refused(['paths', 'exposure', '--db', none, '--untrusted', 'hauwei'], /--untrusted: unknown vendor 'hauwei'; did you mean huawei\?/);
  await refused(['paths', 'exposure', '--db', none, '--avoid-country', 'XX1'], /--avoid-country: unknown country 'XX1'/);
});

test('legal names, any case and vendors outside the catalog that the network has resolve', async () => {
  const net = plainNetwork();
  const base = await run(['exposure', ...net, '--untrusted', 'huawei']);
  assert.equal(base.code, 0, base.stderr);
  assert.equal(base.stdout, 'id,cost,exposure,clean_cost\nf1,2,all,10\n');
  for (const name of ['HUAWEI', 'Huawei Technologies Co., Ltd.', 'Huawei Tech. Co. Ltd']) {
    const r = await run(['exposure', ...net, '--untrusted', name]);
    assert.equal(r.code, 0, `${name}: ${r.stderr}`);
    assert.equal(r.stdout, base.stdout, name);
  }
  // "Germany" in the file and in the option are both DE: c is avoided as well as b.
  assert.equal((await run(['exposure', ...net, '--avoid-country', 'germany'])).stdout, 'id,cost,exposure,clean_cost\nf1,2,all,inf\n');
  // A maker outside the catalog, present in the network: d is an endpoint, so nothing is clean.
  const apc = await run(['exposure', ...net, '--untrusted', 'American Power Conversion Corp.']);
  assert.equal(apc.code, 0, apc.stderr);
  assert.equal(apc.stdout, 'id,cost,exposure,clean_cost\nf1,2,all,inf\n');
  // Its brand names the same maker (data/maker-aliases.json).
  assert.equal((await run(['exposure', ...net, '--untrusted', 'APC'])).stdout, apc.stdout);
  const ks = await run(['killswitch', ...net, '--vendors', 'Huawei Technologies Co., Ltd.', '--json']);
  assert.equal(ks.code, 0, ks.stderr);
  assert.equal((JSON.parse(ks.stdout) as { removedDevices: number }).removedDevices, 1);
});

test('an operator or layer no device has is a warning naming those that exist', async () => {
  const net = plainNetwork();
  const r = await run(['exposure', ...net, '--untrusted', 'huawei', '--avoid-operator', 'Op C', '--avoid-layer', 'iot']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /warning: --avoid-operator: no device has operator 'Op C' \(operators present: Op A, Op B\)/);
  assert.match(r.stderr, /warning: --avoid-layer: no device has layer 'iot' \(layers present: core, ran, transport\)/);
});

test('cleanpath vendors lists the catalog with the rules naming each vendor', async () => {
  const r = await run(['vendors', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { vendors: { slug: string; legalNames: string[]; rules: string[]; identifiers: { pens: number } }[] };
  const huawei = doc.vendors.find((v) => v.slug === 'huawei');
  const zte = doc.vendors.find((v) => v.slug === 'zte');
  assert.ok(huawei && zte);
  assert.ok(huawei.legalNames.includes('Huawei Technologies Co., Ltd.'));
  assert.ok(huawei.rules.includes('us-fcc-covered-huawei') && huawei.rules.includes('de-2024-5g-core'), huawei.rules.join(' '));
  assert.ok(zte.rules.length > 0 && huawei.identifiers.pens > 0);
  const table = cli(['vendors']);
  assert.equal(table.code, 0, table.stderr);
  for (const line of table.stdout.split('\n')) assert.ok(line.length <= 100, `wider than 100 columns: ${line}`);
  assert.match(table.stdout, /^huawei\s+Huawei\s+CN/m);
  assert.match((await run(['vendors', '--help'])).stdout, /Examples:/);
  const csv = (await run(['vendors', '--format', 'csv'])).stdout.split('\n');
  assert.match(csv[0]!, /^slug,name,country,legal_names/);
});
