// The ownership walk: a subsidiary is caught through its listed parent, with the path.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFtm, Screener } from '../../src/screen/index.js';

const line = (o: object) => JSON.stringify(o);
// A listed parent, a holding it owns 100%, and an operating company the holding is parent of;
// plus a company whose owner sold it, and an ownership cycle.
const LIST = [
  line({ id: 'parent', schema: 'Company', target: true, properties: { name: ['Zenith Telecom Group Co., Ltd.'], country: ['cn'] } }),
  line({ id: 'parent-sanction', schema: 'Sanction', properties: { entity: ['parent'], program: ['TEST-1'], startDate: ['2020-01-01'], authority: ['Test authority'] } }),
  line({ id: 'holding', schema: 'Company', properties: { name: ['Zenith International Holdings Ltd'], country: ['hk'] } }),
  line({ id: 'own-1', schema: 'Ownership', properties: { owner: ['parent'], asset: ['holding'], percentage: ['100'] } }),
  line({ id: 'opco', schema: 'Company', properties: { name: ['Northbridge Radio Systems GmbH'], country: ['de'], parent: ['holding'] } }),
  line({ id: 'sold', schema: 'Company', properties: { name: ['Lakeside Antenna Works'] } }),
  line({ id: 'own-2', schema: 'Ownership', properties: { owner: ['parent'], asset: ['sold'], endDate: ['2023-06-30'] } }),
  line({ id: 'c1', schema: 'Company', properties: { name: ['Circle One Ltd'], parent: ['c2'] } }),
  line({ id: 'c2', schema: 'Company', properties: { name: ['Circle Two Ltd'], parent: ['c1'] } }),
].join('\n');

describe('ownership walk', () => {
  const list = parseFtm(LIST, 'owners.ftm.jsonl', { id: 'test' });

  it('flags a subsidiary two levels down through its listed parent, with the path', () => {
    const r = new Screener([list], { asOf: '2025-01-01' }).screen('NORTHBRIDGE RADIO SYSTEMS G.M.B.H.');
    assert.equal(r.verdict, 'match');
    const h = r.hits[0]!;
    assert.equal(h.via, 'ownership');
    assert.equal(h.matched.name, 'Northbridge Radio Systems GmbH');
    assert.equal(h.listed.name, 'Zenith Telecom Group Co., Ltd.');
    assert.deepEqual(h.path.map((s) => [s.name, s.link]), [['Zenith International Holdings Ltd', 'parent'], ['Zenith Telecom Group Co., Ltd.', 'ownership']]);
    assert.equal(h.pathText, 'Northbridge Radio Systems GmbH → subsidiary of Zenith International Holdings Ltd → owned 100% by Zenith Telecom Group Co., Ltd.');
    assert.equal(h.listed.listings[0]!.programs[0], 'TEST-1');
    assert.match(h.path[1]!.source, /owners\.ftm\.jsonl:4$/);
  });

  it('does not flag the listed parent before its listing, nor a company after it was sold, and survives cycles', () => {
    assert.equal(new Screener([list], { asOf: '2019-12-31' }).screen('Northbridge Radio Systems').verdict, 'no-match');
    assert.equal(new Screener([list], { asOf: '2023-06-29' }).screen('Lakeside Antenna Works').hits[0]?.via, 'ownership');
    assert.equal(new Screener([list], { asOf: '2023-06-30' }).screen('Lakeside Antenna Works').verdict, 'no-match');
    assert.equal(new Screener([list], { asOf: '2025-01-01' }).screen('Circle One Ltd').verdict, 'no-match');
  });

  it('an unrelated name matches nothing', () => {
    assert.deepEqual(new Screener([list], { asOf: '2025-01-01' }).screen('Fjord Cable Partners AS').hits, []);
  });
});
