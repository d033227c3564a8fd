import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closest, countryCode, countryName, unknownCountryMessage } from './index.js';

test('countries: codes in any case, alpha-3 and English names give one alpha-2 code', () => {
  for (const [input, code] of [
    ['DE', 'DE'], ['de', 'DE'], [' Germany ', 'DE'], ['DEU', 'DE'], ['United Kingdom', 'GB'], ['UK', 'GB'],
    ['Czech Republic', 'CZ'], ['Czechia', 'CZ'], ['Russia', 'RU'], ['South Korea', 'KR'], ['Macedonia', 'MK'],
    ['Myanmar [Burma]', 'MM'], ['United States', 'US'], ['United States of America', 'US'], ['Curaçao', 'CW'],
  ] as const) {
    assert.equal(countryCode(input), code, input);
  }
  for (const bad of ['XX1', 'XX', 'Germanyy', '', 'Atlantis']) assert.equal(countryCode(bad), undefined, bad);
  assert.equal(countryName('DE'), 'Germany');
});

test('countries: an unknown one is named with the nearest suggestion', () => {
  assert.match(unknownCountryMessage('Germny'), /unknown country 'Germny'.*did you mean Germany\?/);
  assert.doesNotMatch(unknownCountryMessage('qqqqqqqq'), /did you mean/);
});

test('closest: a plausible typo is suggested, a different word is not', () => {
  assert.equal(closest('hauwei', ['huawei', 'zte', 'cisco']), 'huawei');
  assert.equal(closest('huawai', ['huawei', 'zte', 'cisco']), 'huawei');
  assert.equal(closest('xyz', ['huawei', 'zte', 'cisco']), undefined);
});
