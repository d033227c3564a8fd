// List ingestion: the CSL bulk JSON and FollowTheMoney JSON lines, their versions, and malformed
// files rejected with file:line.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/model/index.js';
import { bundledDataPath, bundledLists, entryName, fccCatalogList, loadListFile, parseCsl, parseFtm, Screener } from '../../src/screen/index.js';
import { loadRuleCatalog } from '../../src/policy/index.js';

const dir = mkdtempSync(join(tmpdir(), 'cleanpath-screen-lists-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
function rejects(fn: () => unknown, file: string, line: number, message: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof InputError, String(e));
    assert.equal(e.file, file);
    assert.equal(e.line, line, e.message);
    assert.match(e.detail, message);
    return true;
  });
}

describe('Consolidated Screening List bulk JSON', () => {
  it('reads the bundled sample: names, alternative names, countries from addresses, listing dates, version', () => {
    const l = loadListFile(bundledDataPath('csl-huawei-entity-list-sample.json'));
    assert.equal(l.format, 'csl');
    assert.equal(l.version, '2020-08-17');
    assert.equal(l.versionSource, 'file');
    const hw = l.entities.find((e) => e.names[0] === 'Huawei Technologies Co., Ltd.')!;
    assert.ok(hw, 'the "and any successor, sub-unit, or subsidiary thereof" suffix is not part of the name');
    assert.deepEqual(hw.countries, ['CN']);
    assert.equal(hw.listings[0]!.startDate, '2019-05-16');
    assert.equal(hw.listings[0]!.reference, '84 FR 22961');
    assert.match(hw.source, /csl-huawei-entity-list-sample\.json:\d+$/);
    assert.ok(l.entities.every((e) => e.listed));
  });

  it('splits "; "-joined alt_names and dates a file without sources_used by its name, then by its modification day', () => {
    const rec = { id: 'x1', name: 'Example Trading Co.', alt_names: 'Example Co; Ex Trading', type: 'Entity', source: 'Entity List (EL) - Bureau of Industry and Security', start_date: '2024-02-01', addresses: [{ country: 'HK' }] };
    const named = file('consolidated-2025-03-04.json', JSON.stringify({ results: [rec] }));
    const l = loadListFile(named);
    assert.deepEqual(l.entities[0]!.names, ['Example Trading Co.', 'Example Co', 'Ex Trading']);
    assert.deepEqual([l.version, l.versionSource], ['2025-03-04', 'file-name']);
    const plain = file('consolidated.json', JSON.stringify({ results: [rec] }));
    utimesSync(plain, new Date('2024-06-07T12:00:00Z'), new Date('2024-06-07T12:00:00Z'));
    assert.deepEqual([loadListFile(plain).version, loadListFile(plain).versionSource], ['2024-06-07', 'modified']);
  });

  it('rejects a malformed file with file:line of the bad record', () => {
    const p = file('bad-date.json', '{"results": [\n  {"name": "Good Co", "start_date": "2020-01-01"},\n  {"name": "Bad Co",\n   "start_date": "yesterday"}\n]}\n');
    rejects(() => loadListFile(p), p, 3, /start_date "yesterday" is not a date/);
    const q = file('no-name.json', '{"results": [\n  {"name": "Good Co"},\n  {"alt_names": ["x"]}\n]}');
    rejects(() => loadListFile(q), q, 3, /results\[1\]\.name/);
    const r = file('alt.json', '{"results": [\n {"name": "A", "alt_names": [1, 2]}]}');
    rejects(() => loadListFile(r), r, 2, /alt_names/);
    const s = file('not-csl.json', '{"data": []}');
    rejects(() => loadListFile(s), s, 1, /"results" array/);
    const t = file('broken.json', '{"results": [\n {"name": "A"},\n {"name": "B"\n]}');
    rejects(() => loadListFile(t), t, 4, /invalid JSON/);
    rejects(() => parseCsl('{"results":[{"id":"1","name":"A"},{"id":"1","name":"B"}]}', 'dup.json'), 'dup.json', 1, /id 1 appears twice/);
  });
});

describe('FollowTheMoney JSON lines', () => {
  it('reads parties, aliases in native script, Sanction listings and Ownership links; dates the list by last_change', () => {
    const l = loadListFile(bundledDataPath('opensanctions-telecom-sample.ftm.jsonl'));
    assert.equal(l.format, 'ftm');
    assert.equal(l.versionSource, 'file');
    assert.equal(l.version, '2025-01-07');
    const hw = l.entities.find((e) => e.id === 'cp-huawei-technologies')!;
    assert.ok(hw.listed && hw.names.includes('华为技术有限公司'));
    assert.equal(hw.listings[0]!.programs[0], 'US-DOD-1260H');
    assert.equal(hw.listings[0]!.startDate, '2021-06-03');
    assert.deepEqual(hw.owners.map((o) => o.owner), ['cp-huawei-holding']);
    const hisi = l.entities.find((e) => e.id === 'cp-hisilicon')!;
    assert.equal(hisi.listed, false);
    assert.deepEqual(hisi.owners.map((o) => [o.owner, o.kind]), [['cp-huawei-technologies', 'parent']]);
    const honor = l.entities.find((e) => e.id === 'cp-honor')!;
    assert.equal(honor.owners[0]!.endDate, '2020-11-17');
  });

  it('takes subsidiaries, nested entities and topics as documented', () => {
    const text = [
      JSON.stringify({ id: 'p', schema: 'Company', properties: { name: ['Parent Holdings'], subsidiaries: ['s'], topics: ['sanction'] } }),
      JSON.stringify({ id: 's', schema: 'Organization', properties: { name: ['Sub Org'], country: ['de'], sanctions: [{ id: 'x', schema: 'Sanction', properties: { entity: ['s'], program: ['P1'], endDate: ['2020-01-01'] } }] } }),
      '',
      JSON.stringify({ id: 'a', schema: 'Address', properties: { full: ['somewhere'] } }),
    ].join('\n');
    const l = parseFtm(text, 'mem.ftm.jsonl');
    assert.equal(l.entities.length, 2);
    const s = l.entities.find((e) => e.id === 's')!;
    assert.deepEqual(s.countries, ['DE']);
    assert.deepEqual(s.owners.map((o) => o.owner), ['p']);
    assert.equal(s.listed, true);
    assert.equal(s.listings[0]!.endDate, '2020-01-01');
    assert.equal(l.entities.find((e) => e.id === 'p')!.listed, true);
  });

  it('rejects malformed lines with file:line', () => {
    const ok = JSON.stringify({ id: 'a', schema: 'Company', properties: { name: ['A Co'] } });
    const cases: [string, number, RegExp][] = [
      [`${ok}\n${ok.replace('"a"', '"b"')}\n{"id": "c", "schema": "Company", "properties": {"name": ["C"]}\n`, 3, /invalid JSON/],
      [`${ok}\n{"id": "b", "schema": "Company", "properties": {"name": "B Co"}}\n`, 2, /property "name" must be a list/],
      [`${ok}\n{"id": "b", "schema": "Company", "properties": {}}\n`, 2, /has no "name"/],
      [`${ok}\n\n{"id": "o", "schema": "Ownership", "properties": {"owner": ["a"]}}\n`, 3, /needs both "owner" and "asset"/],
      [`${ok}\n{"schema": "Company", "properties": {"name": ["X"]}}\n`, 2, /"id" must be a non-empty string/],
      [`${ok}\n${ok}\n`, 2, /appears twice/],
      [`${ok}\n["not", "an", "entity"]\n`, 2, /expected an entity object/],
    ];
    cases.forEach(([text, line, re], i) => {
      const p = file(`bad-${i}.ftm.jsonl`, text);
      rejects(() => loadListFile(p), p, line, re);
    });
  });
});

describe('FCC Covered List from the policy catalog', () => {
  it('has one listed party per covered vendor, named as the entry names it, dated by the catalog version', () => {
    const l = fccCatalogList();
    const catalog = loadRuleCatalog();
    assert.equal(l.version, catalog.catalogVersion.slice(0, 10));
    const zteRule = catalog.rules.find((r) => r.id === 'us-fcc-covered-zte')!;
    assert.equal(entryName(zteRule), 'ZTE Corporation');
    const zte = l.entities.find((e) => e.id === 'fcc-zte')!;
    assert.ok(zte.listed && zte.names[0] === 'ZTE Corporation' && zte.names.includes('Zhongxing Telecommunication Equipment Corporation'));
    assert.equal(zte.listings[0]!.startDate, '2021-03-12');
    const hik = l.entities.find((e) => e.id === 'fcc-hikvision')!;
    assert.equal(hik.names[0], 'Hangzhou Hikvision Digital Technology Co.');
    // subsidiaries of listed vendors are there as related parties owned by them
    assert.ok(l.entities.some((e) => !e.listed && e.names[0] === 'Futurewei Technologies, Inc.' && e.owners[0]!.owner === 'fcc-huawei'));
  });

  it('also holds the entries that name a company outside the equipment rules (Kaspersky, the §214 carriers, DJI), dated and sourced', () => {
    const l = fccCatalogList();
    const kaspersky = l.entities.find((e) => e.id === 'fcc-kaspersky-ao')!;
    assert.ok(kaspersky.listed && kaspersky.names.includes('AO Kaspersky Lab'));
    assert.equal(kaspersky.listings[0]!.startDate, '2022-03-25');
    assert.match(kaspersky.listings[0]!.note!, /verified/);
    for (const id of ['fcc-china-mobile-international-usa', 'fcc-china-telecom-americas', 'fcc-pacific-networks', 'fcc-china-unicom-americas', 'fcc-kaspersky-inc', 'fcc-dji', 'fcc-autel']) {
      const e = l.entities.find((x) => x.id === id);
      assert.ok(e?.listed && e.listings[0]!.startDate && e.listings[0]!.sourceUrl, id);
    }
    // Not clean: each is found by a screen of the bundled lists.
    const screener = new Screener(bundledLists(), { asOf: '2026-12-03' });
    for (const name of ['Kaspersky Lab JSC', 'China Mobile International USA', 'ComNet (USA) LLC', 'China Telecom Americas']) {
      assert.equal(screener.screen(name).verdict, 'match', name);
    }
    // Listed from its date of inclusion only: Kaspersky Lab, Inc. before 23 Jul 2024 is not on it.
    const before = new Screener(bundledLists(), { asOf: '2024-07-01' }).screen('Kaspersky Lab, Inc.');
    assert.ok(!before.hits.some((h) => h.listed.id === 'fcc-kaspersky-inc'));
  });

  it('the bundled lists load together and each names its version', () => {
    const lists = bundledLists();
    assert.deepEqual(lists.map((l) => l.id), ['csl-sample', 'opensanctions-sample', 'fcc-covered']);
    for (const l of lists) assert.match(l.version, /^\d{4}-\d{2}-\d{2}$/);
  });
});
