import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getOuiIndex, OUI_INVALID, OUI_UNASSIGNED, parseMacInto } from './index.js';

const idx = getOuiIndex();
const at = (hex12: string) => idx.match(parseInt(hex12.slice(0, 6), 16), parseInt(hex12.slice(6), 16));

test('00:E0:FC is Huawei in the real IEEE registry', () => {
  const m = at('00E0FC000001')!;
  assert.equal(m.org, 'HUAWEI TECHNOLOGIES CO.,LTD');
  assert.equal(m.block, 'MA-L');
  assert.equal(m.vendor, 'huawei');
  assert.equal(idx.vendorOfMac('00:e0:fc:12:34:56'), 'huawei');
});

test('subsidiaries and separate brands map by exact registry name', () => {
  assert.equal(at('107100000000')!.vendor, 'huawei'); // Huawei Device Co., Ltd.
  assert.equal(at('848A59000000')!.vendor, 'huawei'); // Hisilicon Technologies Co., Ltd
  assert.equal(at('00A307000000')!.vendor, 'honor'); // Honor Device Co., Ltd.
  assert.equal(at('101081000000')!.vendor, 'zte'); // zte corporation
  assert.equal(at('00D0D0000000')!.vendor, 'zte'); // ZHONGXING TELECOM LTD.
  assert.equal(at('08EDED000000')!.vendor, 'dahua');
  assert.equal(at('209339000000')!.vendor, 'juniper');
});

test('look-alike organisations are not catalog vendors (no substring matching)', () => {
  const dahuaScale = at('402C76100000')!;
  assert.equal(dahuaScale.org, 'Shanghai Dahua Scale Factory');
  assert.equal(dahuaScale.vendor, null);
  assert.equal(at('0C0535000000')!.org, 'Juniper Systems');
  assert.equal(at('0C0535000000')!.vendor, null);
  const honorElectronic = at('14AE85700000')!;
  assert.equal(honorElectronic.org, 'SHENZHEN HONOR ELECTRONIC CO.,LTD');
  assert.equal(honorElectronic.vendor, null);
  assert.equal(at('F8EFB1000000')!.vendor, null); // Hangzhou Zhongxinghui, not ZTE
  assert.equal(at('00118B000000')!.vendor, null); // Alcatel-Lucent Enterprise, not Nokia
});

test('an MA-M or MA-S block inside an MA-L wins over the MA-L', () => {
  // 40:2C:76 is an MA-L held by the IEEE Registration Authority and carved into MA-M blocks.
  assert.equal(idx.orgNames[idx.orgIdOf(0x402c76, 0)]!, 'Lista AG');
  const mam = at('402C761ABCDE')!;
  assert.equal(mam.block, 'MA-M');
  assert.equal(mam.prefix, '402C761');
  // 8C:1F:64 is carved into MA-S blocks; AF4 belongs to Nokia Bell Labs.
  const mas = at('8C1F64AF4123')!;
  assert.equal(mas.block, 'MA-S');
  assert.equal(mas.prefix, '8C1F64AF4');
  assert.equal(mas.org, 'Nokia Bell Labs');
  assert.equal(mas.vendor, 'nokia');
  assert.notEqual(at('8C1F64AF5123')?.org, 'Nokia Bell Labs');
  assert.ok(idx.subdividedPrefixes().includes(0x8c1f64));
  // An MA-M-only parent: the SHANGHAI ZTE block inside AC:64:DD.
  assert.equal(at('AC64DD500000')!.vendor, 'zte');
  assert.equal(at('AC64DD500000')!.block, 'MA-M');
});

test('every common notation parses to the same value', () => {
  const out = new Int32Array(2);
  for (const s of ['00:e0:fc:12:34:56', '00-E0-FC-12-34-56', '00e0.fc12.3456', '00e0-fc12-3456', '00E0FC-123456', '00e0fc:123456', '00E0FC123456']) {
    assert.ok(parseMacInto(s, out), s);
    assert.equal(out[0], 0x00e0fc, s);
    assert.equal(out[1], 0x123456, s);
  }
  for (const s of ['', '00:e0:fc:12:34', '00:e0-fc:12:34:56', '00e0.fc12-3456', '00:e0:fc:12:34:5g', '0x00e0fc123456', '00e0fc1234567', 'ＡＡ:bb:cc:dd:ee:ff']) {
    assert.equal(parseMacInto(s, out), null, s);
  }
  assert.equal(idx.orgIdOfMac('not a mac'), OUI_INVALID);
});

test('unassigned prefixes report no organisation', () => {
  // Find an unassigned MA-L programmatically rather than trusting a constant.
  let p = 0xfffffe;
  while (idx.orgIdOf(p, 0) !== OUI_UNASSIGNED) p--;
  assert.equal(idx.match(p, 0), null);
});

test('blockKey is equal within a block and differs between blocks', () => {
  assert.equal(idx.blockKey(0x00e0fc, 0x000001), idx.blockKey(0x00e0fc, 0xffffff));
  assert.equal(idx.blockKey(0x402c76, 0x100000), idx.blockKey(0x402c76, 0x1fffff)); // one MA-M
  assert.notEqual(idx.blockKey(0x402c76, 0x100000), idx.blockKey(0x402c76, 0x200000));
  assert.equal(idx.blockKey(0x8c1f64, 0xaf4000), idx.blockKey(0x8c1f64, 0xaf4fff)); // one MA-S
  assert.notEqual(idx.blockKey(0x8c1f64, 0xaf4000), idx.blockKey(0x8c1f64, 0xaf5000));
});

test('index agrees with a naive longest-prefix scan of the registry', async () => {
  const { readFileSync } = await import('node:fs');
  const { createRequire } = await import('node:module');
  const registry = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('oui-data'), 'utf8')) as Record<string, string>;
  const naive = (hex12: string): string | null => {
    const v = registry[hex12.slice(0, 9)] ?? registry[hex12.slice(0, 7)] ?? registry[hex12.slice(0, 6)];
    return v === undefined ? null : v.split('\n')[0]!.trim();
  };
  const check = (hex12: string) => {
    const id = idx.orgIdOf(parseInt(hex12.slice(0, 6), 16), parseInt(hex12.slice(6), 16));
    assert.equal(id < 0 ? null : idx.orgNames[id], naive(hex12), hex12);
  };
  // Every registry key, padded with a random tail, and a sweep of random MACs.
  let seed = 12345;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8).toString(16).padStart(6, '0');
  for (const k of Object.keys(registry)) check((k + rnd() + rnd()).slice(0, 12).toUpperCase());
  for (let i = 0; i < 100_000; i++) check((rnd() + rnd()).toUpperCase());
});
