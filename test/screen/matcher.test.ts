// The matcher on the hand-built labelled set (test/screen/labelled-pairs.ts): precision and
// recall computed and asserted, plus the normalisation rules one by one.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bundledLists, MATCH_THRESHOLD, normaliseName, Screener, type ScreenResult } from '../../src/screen/index.js';
import { LABELLED_PAIRS, SCREEN_DATE, type PairKind } from './labelled-pairs.js';

const key = (s: string) => normaliseName(s).key;

describe('normalisation', () => {
  it('drops case, punctuation and legal forms (Co., Ltd., Corp., GmbH, S.p.A., K.K.)', () => {
    const same = (a: string, b: string) => assert.equal(key(a), key(b), `${a} vs ${b}`);
    same('HUAWEI TECHNOLOGIES CO.,LTD', 'Huawei Technologies');
    same('Huawei Tech. Co. Ltd', 'huawei technologies company limited');
    same('ZTE Corp.', 'ZTE Corporation');
    same('Huawei Technologies Deutschland GmbH', 'Huawei Technologies Deutschland G.m.b.H.');
    same('Telecom Italia S.p.A.', 'TELECOM ITALIA SPA');
    same('Huawei Technologies Japan K.K.', 'Huawei Technologies Japan Kabushiki Kaisha');
    same('Nokia Solutions and Networks Oy', 'Nokia Solutions & Networks');
  });
  it('ignores word order and accents', () => {
    assert.equal(key('Technologies Huawei'), key('Huawei Technologies'));
    assert.equal(key('Huawei OpenLab München'), key('Huawei OpenLab Munchen'));
  });
  it('keeps distinctive words apart', () => {
    assert.notEqual(key('Huawei Cloud Berlin'), key('Huawei Cloud France'));
    assert.notEqual(key('Limited'), '');
  });
  it('splits Chinese and Japanese into character pairs after dropping 有限公司 / 株式会社', () => {
    assert.deepEqual(normaliseName('华为技术有限公司').tokens, ['华为', '为技', '技术']);
    // Traditional characters fold into Simplified first (華為技術 → 华为技术).
    assert.deepEqual(normaliseName('華為技術日本株式会社').tokens, ['华为', '为技', '技术', '术日', '日本']);
  });
  it('treats words that are also object property names as words ("Constructor")', () => {
    assert.deepEqual(normaliseName('Constructor Systems Ltd').tokens, ['constructor', 'systems']);
  });
  it('survives hostile input (its time: npm run bench -- hostile)', () => {
    assert.ok(Array.isArray(normaliseName('A.'.repeat(100_000) + ' Co., Ltd.').tokens));
  });
});

describe('labelled name pairs against the bundled lists', () => {
  const screener = new Screener(bundledLists(), { asOf: SCREEN_DATE });
  const rows = LABELLED_PAIRS.map((p) => ({ p, r: screener.screen(p.query) }));
  // A positive counts as found when a `match` hit names the expected party (matched or listed).
  const found = (expect: string, r: ScreenResult) =>
    r.hits.some((h) => h.verdict === 'match' && [h.matched.name, h.listed.name, h.explanation.matchedName].some((n) => key(n) === key(expect)));

  it('has at least 200 pairs of every kind, each query once', () => {
    assert.ok(LABELLED_PAIRS.length >= 200, `${LABELLED_PAIRS.length} pairs`);
    for (const k of ['variant', 'affiliate', 'lookalike', 'unrelated'] as PairKind[]) assert.ok(LABELLED_PAIRS.some((p) => p.kind === k), k);
    const dup = LABELLED_PAIRS.map((p) => p.query).filter((q, i, a) => a.indexOf(q) !== i);
    assert.deepEqual(dup, []);
  });

  it('recall >= 0.98 on true variants and affiliates, precision >= 0.95 overall', () => {
    let tp = 0;
    let fp = 0;
    let positives = 0;
    const misses: string[] = [];
    const falseHits: string[] = [];
    const byKind = new Map<PairKind, { n: number; right: number }>();
    for (const { p, r } of rows) {
      const matched = r.hits.some((h) => h.verdict === 'match');
      const k = byKind.get(p.kind) ?? { n: 0, right: 0 };
      k.n++;
      if (p.expect !== null) {
        positives++;
        if (found(p.expect, r)) {
          tp++;
          k.right++;
        } else {
          misses.push(`${p.query} (want ${p.expect}; best ${r.hits[0]?.matched.name ?? 'none'} ${r.score})`);
          if (matched) fp++;
        }
      } else if (matched) {
        fp++;
        falseHits.push(`${p.query} → ${r.hits[0]!.matched.name} ${r.score}: ${r.hits[0]!.explanationText}`);
      } else k.right++;
      byKind.set(p.kind, k);
    }
    const recall = tp / positives;
    const precision = tp / (tp + fp);
    const table = [...byKind].map(([kind, c]) => `${kind}: ${c.right}/${c.n} right`).join(', ');
    console.log(`labelled set: ${LABELLED_PAIRS.length} pairs, ${positives} positive; recall ${recall.toFixed(3)}, precision ${precision.toFixed(3)} (threshold ${MATCH_THRESHOLD}); ${table}`);
    if (misses.length) console.log(`  missed: ${misses.join('; ')}`);
    if (falseHits.length) console.log(`  false matches: ${falseHits.join('; ')}`);
    assert.ok(recall >= 0.98, `recall ${recall.toFixed(3)}; missed: ${misses.join('; ')}`);
    assert.ok(precision >= 0.95, `precision ${precision.toFixed(3)}; false: ${falseHits.join('; ')}`);
  });

  it('explains every hit feature by feature and names the list version it came from', () => {
    const r = screener.screen('Huawai Technologies');
    const h = r.hits[0]!;
    assert.equal(h.verdict, 'match');
    assert.match(h.list.version, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(h.explanation.nameExact, false);
    const pair = h.explanation.tokens.find((t) => t.query === 'huawai');
    assert.deepEqual({ ...pair, weight: undefined }, { query: 'huawai', list: 'huawei', similarity: 0.85, weight: undefined });
    // Each word shows its weight: the distinctive one far above the generic one.
    const tech = h.explanation.tokens.find((t) => t.list === 'technologies')!;
    assert.ok(pair!.weight >= 0.6 && tech.weight <= 0.3, `${pair!.weight} ${tech.weight}`);
    assert.match(h.explanationText, /huawai≈huawei 0\.\d+/);
  });

  it('uses the country as a soft signal: it moves the score, never decides alone', () => {
    const none = screener.screen('Huawei Cloud Berlin').hits[0]!;
    const same = screener.screen('Huawei Cloud Berlin', 'DE').hits[0]!;
    const other = screener.screen('Huawei Cloud Berlin', 'US').hits[0]!;
    assert.ok(same.score >= none.score && other.score < none.score, `${same.score} ${none.score} ${other.score}`);
    assert.equal(other.verdict, 'match', 'an exact name stays a match in another country');
    assert.equal(other.explanation.country, -0.1);
  });

  it('a subsidiary is caught through its listed owner; a former one (sold in 2020) is not', () => {
    const device = screener.screen('Huawei Device (Dongguan) Co.');
    assert.ok(device.hits.some((h) => h.via === 'ownership' && h.pathText === 'Huawei Device Co., Ltd. → owned by Huawei Technologies Co., Ltd.'));
    assert.equal(screener.screen('Honor Device Co., Ltd.').verdict, 'no-match');
  });
});
