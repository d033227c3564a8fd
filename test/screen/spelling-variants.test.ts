// Issue 20, the second pass on the labelled OFAC/SEC pairs: romanisations that differ in vowels
// and letters for one sound, words glued or split, short and long forms of a name (at least
// `possible`), and names that each have words the other lacks (never a `match` on one shared word).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { explainText, NameIndex, type ListEntity, type ScreeningList } from '../../src/screen/index.js';
import { soundSkeleton, vowelMask } from '../../src/screen/skeleton.js';

function company(id: string, names: string[]): ListEntity {
  return { id, schema: 'Company', names, weakNames: [], countries: [], listed: true, listings: [], owners: [], source: `test:${id}` };
}

/** Real OFAC names (bench/screen-quality/pairs.csv) and a few ordinary companies around them. */
const LISTED = [
  'Indian Mujahideen', 'Kata\'ib Hizballah', 'Hizbul Mujahideen', 'Rosoboroneksport OAO', 'Evrofinance Mosnarbank', 'AO Kontsern Okeanpribor',
  'PetroIran Development Company (PEDCO) Limited', 'Namchongang Trading Corporation', 'Multiservicios Jeviz S.A. de C.V.',
  'Bank Markazi Jomhouri Islami Iran', 'Kala Limited', 'Solid Ltd', 'Dey Bank', 'Kardiam', 'Petro Trading Co', 'Iran Tractor Company',
];
const list: ScreeningList = {
  id: 'test', title: 'test list', format: 'ftm', file: 'test', version: '2026-12-03', versionSource: 'file',
  entities: LISTED.map((n) => company(n, [n])),
};
const index = new NameIndex([list]);

/** The score and explanation the listed name `listed` gets for `query` (0 when not a candidate). */
function scored(query: string, listed: string): { score: number; why: string } {
  const c = index.query(query, { cutoff: 0 }).find((x) => x.entity.id === listed);
  return c === undefined ? { score: 0, why: '(not a candidate)' } : { score: c.score, why: explainText(index.explain(c)) };
}

describe('sound skeletons and vowel masks (skeleton.ts)', () => {
  it('two romanisations of one name have one skeleton', () => {
    for (const [a, b] of [['mujahidin', 'mujahideen'], ['hizballah', 'hezbollah'], ['rosoboroneksport', 'rosoboronexport'], ['evrofinans', 'evrofinance'], ['kontsern', 'concern']] as const) {
      assert.ok(soundSkeleton(a) !== undefined && soundSkeleton(a) === soundSkeleton(b), `${a} ${soundSkeleton(a)} / ${b} ${soundSkeleton(b)}`);
    }
  });
  it('different names keep different skeletons, and short words have none', () => {
    assert.notEqual(soundSkeleton('quectel'), soundSkeleton('kaspersky'));
    assert.notEqual(soundSkeleton('hizballah'), soundSkeleton('hisbollahs'.slice(0, 5)));
    assert.equal(soundSkeleton('babaie'), undefined);
    assert.equal(soundSkeleton('huawei'), undefined);
  });
  it('short words differing in vowels share a mask; consonants tell them apart', () => {
    assert.equal(vowelMask('dey'), vowelMask('day'));
    assert.equal(vowelMask('noor'), vowelMask('nour'));
    assert.notEqual(vowelMask('dey'), vowelMask('dex'));
    assert.equal(vowelMask('ai'), undefined);
    assert.equal(vowelMask('tata'.replace(/a/g, '')), undefined);
  });
});

describe('spelling variants the matcher meets (labelled OFAC aliases)', () => {
  it('another romanisation of a distinctive word counts as that word', () => {
    for (const [q, l] of <const>[['Indian Mujahidin', 'Indian Mujahideen'], ['Kata\'ib Hezbollah', 'Kata\'ib Hizballah'], ['OJSC Rosoboronexport', 'Rosoboroneksport OAO'], ['Evrofinans Mosnarbank, AO', 'Evrofinance Mosnarbank'], ['JSC Concern Okeanpribor', 'AO Kontsern Okeanpribor'], ['Cardiam', 'Kardiam'], ['Day Bank', 'Dey Bank']]) {
      const { score, why } = scored(q, l);
      assert.ok(score >= 0.5, `${q} → ${l}: ${score} ${why}`);
      assert.match(why, /≈/, `${q}: ${why}`);
    }
  });
  it('a skeleton alone does not join words whose letters are far apart (Hizbul is not Hezbollah)', () => {
    assert.doesNotMatch(scored('Kata\'ib Hezbollah', 'Hizbul Mujahideen').why, /hezbollah≈hizbul/);
  });
  it('words written apart meet the list word they are glued into, besides the name as written', () => {
    const petro = scored('Petro Iran Development Company', 'PetroIran Development Company (PEDCO) Limited');
    assert.ok(petro.score >= 0.5, petro.why);
    assert.ok(scored('Nam Chon Gang Corporation', 'Namchongang Trading Corporation').score >= 0.5);
    // The name as written still meets the list's own "Petro ..." name.
    assert.ok(scored('Petro Iran Trading', 'Petro Trading Co').score > 0);
  });
  it('a short form of a listed name is at least possible and never a match on that alone', () => {
    for (const [q, l] of <const>[['Jeviz', 'Multiservicios Jeviz S.A. de C.V.'], ['Bank Markazi Iran', 'Bank Markazi Jomhouri Islami Iran']]) {
      const { score, why } = scored(q, l);
      assert.ok(score >= 0.5 && score < 0.7, `${q}: ${score} ${why}`);
    }
    assert.match(scored('Jeviz', 'Multiservicios Jeviz S.A. de C.V.').why, /one name within the other/);
    // Sharing only common words is no short form: "Iran Tractor Company" has one distinctive word.
    assert.ok(scored('Iran Company', 'Iran Tractor Company').score < 0.5);
  });
  it('names that each have words the other lacks are capped below match (SEC filers vs OFAC names)', () => {
    for (const [q, l] of <const>[['KALA BIO, Inc.', 'Kala Limited'], ['Solid Biosciences Inc.', 'Solid Ltd']]) {
      const { score, why } = scored(q, l);
      assert.ok(score < 0.7, `${q}: ${score} ${why}`);
      assert.match(why, /each name has words the other lacks/);
    }
    assert.ok(scored('Kala Ltd', 'Kala Limited').score >= 0.7, 'the listed name itself still matches');
  });
});
