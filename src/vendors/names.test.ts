import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildNameIndex, normaliseCompanyName } from './index.js';

test('legal suffixes, case and punctuation are normalised away', () => {
  const cases: [string, string][] = [
    ['HUAWEI TECHNOLOGIES CO.,LTD', 'huawei technologies'],
    ['Huawei Tech. Co. Ltd', 'huawei technologies'],
    ['Huawei Technologies Co., Ltd.', 'huawei technologies'],
    ['ZTE Corporation', 'zte'],
    ['Ericsson AB', 'ericsson'],
    ['Nokia Oyj', 'nokia'],
    ['Nokia Solutions and Networks GmbH & Co. KG', 'nokia solutions and networks'],
    ['Telecom Italia S.p.A.', 'telecom italia'],
    ['NTT Docomo K.K.', 'ntt docomo'],
    ['Cisco Systems, Inc.', 'cisco systems'],
    ['Hytera Communications Corporation Limited', 'hytera communications'],
    ['  the   Foo  Company ', 'foo'],
  ];
  for (const [a, b] of cases) assert.equal(normaliseCompanyName(a), b, a);
});

test('names map to vendors exactly, never by substring', () => {
  const idx = buildNameIndex();
  assert.equal(idx.get(normaliseCompanyName('HUAWEI TECHNOLOGIES CO.,LTD'))?.vendor, 'huawei');
  assert.equal(idx.get(normaliseCompanyName('Huawei Tech. Co. Ltd'))?.vendor, 'huawei');
  assert.equal(idx.get(normaliseCompanyName('Huawei Device Co., Ltd.'))?.vendor, 'huawei');
  assert.equal(idx.get(normaliseCompanyName('HiSilicon Technologies Co., Ltd.'))?.vendor, 'huawei');
  assert.equal(idx.get(normaliseCompanyName('Zhongxing Telecom Co., Ltd.'))?.vendor, 'zte');
  assert.equal(idx.get(normaliseCompanyName('Alcatel-Lucent'))?.vendor, 'nokia');
  assert.equal(idx.get(normaliseCompanyName('Shanghai Dahua Scale Factory')), undefined);
  assert.equal(idx.get(normaliseCompanyName('Juniper Systems')), undefined);
  assert.equal(idx.get(normaliseCompanyName('Alcatel-Lucent Enterprise')), undefined);
});

// Its time is measured by `npm run bench -- hostile` (bench/hostile-input.ts).
test('normalisation of a hostile long string ends with a string', () => {
  assert.equal(typeof normaliseCompanyName('a.'.repeat(2_000_000) + 'Co., Ltd.'), 'string');
});
