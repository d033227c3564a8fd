// `cleanpath screen` end to end: an inventory with supplier, reseller and maintainer columns,
// imported through the normal pipeline, screened against the bundled lists and a list file.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, dumpStore, tempDir } from '../cli/helpers.js';
import { openStore } from '../../src/store/index.js';

// hw-1: Huawei by its VRP sysDescr, bought from Huawei itself; hw-2: labelled "Brightline" (a
// rebadge), sold by a reseller on no list; er-1: Ericsson from a clean supplier; cam-1: maintained
// by Hikvision's consumer brand.
const INVENTORY = `id,name,vendor,layer,country,operator,sys_descr,supplier,reseller,maintainer
hw-1,Core 1,,core,DE,Op A,"Huawei Versatile Routing Platform Software VRP (R) software, Version 8.180","HUAWEI TECHNOLOGIES CO.,LTD",,
hw-2,Agg 2,Brightline,transport,DE,Op A,"Huawei Versatile Routing Platform Software VRP (R) software, Version 8.180",,Kestrel Network Supply Ltd,Kestrel Network Supply Ltd
er-1,RAN 1,Ericsson,ran,DE,Op A,,Ericsson GmbH,,Ericsson GmbH
cam-1,Camera 1,,surveillance,IT,Op B,,Adriatica Sicurezza S.r.l.,,Ezviz Inc
`;

interface Finding {
  role: string;
  party: string;
  verdict: string;
  via: string;
  score: number;
  devices: { id: string; source: string; label?: string }[];
  hit: { list: { id: string; version: string }; listed: { name: string }; pathText: string; explanationText: string };
  reason: string;
}

describe('cleanpath screen', () => {
  let dir = '';
  let db = '';
  before(() => {
    dir = tempDir('cleanpath-screen-');
    const inv = join(dir, 'inventory.csv');
    writeFileSync(inv, INVENTORY);
    db = join(dir, 's.db');
    const r = cli(['import', inv, '--db', db, '--snapshot', 's1']);
    assert.equal(r.code, 0, r.stderr);
  });

  it('the store keeps supplier, reseller and maintainer next to the maker', async () => {
    const store = openStore(db, { readonly: true });
    try {
      const devs = await store.devices((await store.resolveSnapshot()).id);
      const hw2 = devs.find((d) => d.id === 'hw-2')!;
      assert.equal(hw2.reseller, 'Kestrel Network Supply Ltd');
      assert.equal(hw2.maintainer, 'Kestrel Network Supply Ltd');
      assert.equal(hw2.supplier, undefined);
      assert.equal(devs.find((d) => d.id === 'hw-1')!.supplier, 'HUAWEI TECHNOLOGIES CO.,LTD');
    } finally {
      await store.close();
    }
  });

  it('--inventory: each hit with its score, explanation, list and version; the rebadged reseller via its equipment', () => {
    const r = cli(['screen', '--inventory', '--db', db, '--as-of', '2026-08-01', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { snapshot: string; findings: Finding[]; lists: { list: string; version: string }[] };
    assert.equal(doc.snapshot, 's1');
    const f = (role: string, party: string) => doc.findings.filter((x) => x.role === role && x.party === party);
    const supplier = f('supplier', 'HUAWEI TECHNOLOGIES CO.,LTD').filter((x) => /^Huawei Technologies Co(mpany|\., Ltd\.)$/.test(x.hit.listed.name));
    assert.ok(supplier.length >= 2, 'on more than one list');
    for (const s of supplier) {
      assert.equal(s.verdict, 'match');
      assert.equal(s.via, 'listed');
      assert.match(s.hit.list.version, /^\d{4}-\d{2}-\d{2}$/);
      assert.match(s.hit.explanationText, /same name after normalisation/);
      assert.deepEqual(s.devices.map((d) => d.id), ['hw-1']);
      assert.match(s.devices[0]!.source, /inventory\.csv:2$/);
    }
    const reseller = f('reseller', 'Kestrel Network Supply Ltd');
    assert.ok(reseller.length > 0 && reseller.every((x) => x.via === 'equipment'));
    assert.match(reseller[0]!.reason, /labelled "Brightline" but identified by evidence/);
    const ezviz = f('maintainer', 'Ezviz Inc');
    assert.ok(ezviz.some((x) => x.via === 'ownership' && /Hikvision/.test(x.hit.listed.name) && x.hit.pathText.includes('→')));
    assert.deepEqual(doc.findings.filter((x) => /Ericsson|Adriatica/.test(x.party)), [], 'clean parties have no hit');
    assert.ok(f('maker', 'Huawei Technologies Co., Ltd.').length > 0, 'the attributed maker is screened too');
  });

  it('table output shows the lists with their versions, and the hits', () => {
    // --wide: the party's name whole (a table fits 100 columns by default off a terminal)
    const r = cli(['screen', '--inventory', '--db', db, '--as-of', '2026-08-01', '--wide']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /csl-sample\s+2020-08-17/);
    assert.match(r.stdout, /supplier\s+HUAWEI TECHNOLOGIES CO\.,LTD\s+1\s+match/);
  });

  it('names on the command line, with --fail-on', () => {
    const r = cli(['screen', 'Hik Vision', 'Ericsson AB', '--json', '--as-of', '2026-08-01']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { results: { query: string; verdict: string }[] };
    assert.deepEqual(doc.results.map((x) => [x.query, x.verdict]), [['Hik Vision', 'match'], ['Ericsson AB', 'no-match']]);
    assert.equal(cli(['screen', 'Ericsson AB', '--fail-on', 'possible']).code, 0);
    const failed = cli(['screen', 'ZTE Corp.', '--fail-on', 'match']);
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /at or above --fail-on match/);
  });

  it('a list file given with --list is screened against, under its own version', () => {
    const list = join(dir, 'extra-2026-05-01.ftm.jsonl');
    writeFileSync(list, JSON.stringify({ id: 'k', schema: 'Company', target: true, properties: { name: ['Kestrel Network Supply Limited'], country: ['gb'] } }) + '\n');
    const r = cli(['screen', 'Kestrel Network Supply Ltd', '--no-bundled', '--list', list, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { results: { verdict: string; hits: { list: { id: string; version: string } }[] }[] };
    assert.equal(doc.results[0]!.verdict, 'match');
    assert.deepEqual(doc.results[0]!.hits[0]!.list, { id: 'extra-2026-05-01', title: 'OpenSanctions (FollowTheMoney entities)', version: '2026-05-01', versionSource: 'file-name', file: list });
  });

  it('a malformed list file: exit 2 with file:line, nothing printed, the store unchanged', () => {
    const before = dumpStore(db);
    const bad = join(dir, 'bad.ftm.jsonl');
    writeFileSync(bad, `${JSON.stringify({ id: 'a', schema: 'Company', properties: { name: ['A'] } })}\n{"id": "b", "schema": "Company", "properties": {"name": "B"}}\n`);
    const r = cli(['screen', '--inventory', '--db', db, '--list', bad]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: .*property "name" must be a list`));
    const csl = join(dir, 'bad.json');
    writeFileSync(csl, '{"results": [\n  {"name": "X", "start_date": "13/2020"}\n]}');
    const r2 = cli(['screen', 'X', '--list', csl]);
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /bad\.json:2: start_date/);
    assert.equal(dumpStore(db), before);
  });

  it('bad options are bad input', () => {
    assert.equal(cli(['screen']).code, 2);
    assert.equal(cli(['screen', 'X', '--threshold', '2']).code, 2);
    assert.equal(cli(['screen', 'X', '--as-of', '2026-02-30']).code, 2);
  });
});
