// Issue 17.4: what-if, every scenario kind against numbers worked out by hand from the small
// network of test/support/whatif-network.ts (its header says what the baseline is: gb-h1 caught,
// a plan of gb-h1 200 + it-h1 300 = 500, flow s1 exposed on every shortest path after it).
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { paramsOf } from '../../src/analyses/define.js';
import { ANALYSES, type DocumentOf, type ParamsOf } from '../../src/analyses/registry.js';
import { isInputError } from '../../src/model/index.js';
import { tempDir } from '../cli/helpers.js';
import { whatIfStore } from '../support/whatif-network.js';

const AS_OF = '2026-12-31';
let dir = '';
let db = '';

before(async () => {
  dir = tempDir('cleanpath-whatif-');
  db = await whatIfStore(dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

function whatif(given: Partial<ParamsOf<'whatif'>>, scenario?: string): Promise<DocumentOf<'whatif'>> {
  return ANALYSES.whatif.run({ db, snapshot: 'net', ...(scenario && { scenario }) }, paramsOf(ANALYSES.whatif, { asOf: AS_OF, timeLimit: 10, ...given }), { strict: true, workers: 1 });
}

const caught = (d: DocumentOf<'whatif'>) => d.delta.newlyCaught.map((n) => `${n.device} ${n.deadline}`);
const planIds = (d: DocumentOf<'whatif'>, side: 'baseline' | 'scenario') => d[side].plan!.devices.map((x) => x.id).sort();
const country = (d: DocumentOf<'whatif'>, c: string) => d.delta.byCountry.find((x) => x.country === c)!;
const status = (d: DocumentOf<'whatif'>, side: 'baseline' | 'scenario', device: string, rule: string) => d[side].findings.find((f) => f.device === device && f.rule === rule);

describe('whatif (the analysis)', () => {
  it('adopt: Italy adopts the German 5G-core rule; its one 5G core device is newly caught and bought', async () => {
    const d = await whatif({ adopt: ['de-2024-5g-core'], in: ['IT'] });
    assert.deepEqual(d.changes.map((c) => c.rule), ['de-2024-5g-core-in-it']);
    assert.deepEqual(caught(d), ['it-c 2026-12-31']);
    assert.equal(status(d, 'scenario', 'it-c', 'de-2024-5g-core-in-it')?.status, 'due');
    assert.equal(status(d, 'baseline', 'it-c', 'de-2024-5g-core-in-it'), undefined);
    assert.deepEqual(planIds(d, 'baseline'), ['gb-h1', 'it-h1']);
    assert.deepEqual(planIds(d, 'scenario'), ['gb-h1', 'it-c', 'it-h1']);
    assert.equal(d.baseline.plan!.totalCost, 500);
    assert.equal(d.scenario.plan!.totalCost, 900);
    assert.deepEqual([d.delta.planAdded, d.delta.planCost], [['it-c'], 400]);
    const it_ = country(d, 'IT');
    assert.deepEqual([it_.baseline.caught, it_.scenario.caught, it_.newlyCaught, it_.baseline.planCost, it_.scenario.planCost], [0, 1, 1, 300, 700]);
    // IT: cisco 2, huawei 2 -> HHI 5000; the baseline's plan takes it-h1 out (2:1 -> 4444 + 1111);
    // the scenario's takes both Huawei out, cisco alone -> 10000
    assert.deepEqual(it_.hhi, { before: 5000, baseline: 5556, scenario: 10000 });
    assert.deepEqual(d.delta.flowsBecomeClean, []);
    assert.equal(d.delta.nothingChanged, false);
    assert.equal(country(d, 'all').scenario.caught, 2);
  });

  it('adopt --by: the adopted rule\'s removal deadline moves (due before it, overdue after)', async () => {
    const later = await whatif({ adopt: ['de-2024-5g-core'], in: ['IT'], by: '2028-06-30' });
    assert.deepEqual(caught(later), ['it-c 2028-06-30']);
    const earlier = await whatif({ adopt: ['de-2024-5g-core'], in: ['IT'], by: '2026-06-30' });
    assert.equal(status(earlier, 'scenario', 'it-c', 'de-2024-5g-core-in-it')?.status, 'overdue');
    assert.deepEqual(caught(earlier), ['it-c 2026-06-30']);
  });

  it('list --from --in: Huawei banned in Germany from 2028; the clean detour becomes the shortest path', async () => {
    const d = await whatif({ list: ['huawei'], from: '2028-01-01', in: ['DE'] });
    assert.deepEqual(caught(d), ['de-h1 2027-12-31']);
    assert.equal(status(d, 'scenario', 'de-h1', 'whatif-list-huawei-de')?.status, 'due');
    assert.equal(d.scenario.plan!.totalCost, 1500);
    assert.deepEqual(d.delta.flowsBecomeClean.map((f) => [f.id, f.src, f.dst, f.baseline, f.scenario]), [['s1', 'de-a', 'de-b', 'all', 'none']]);
    assert.deepEqual(d.flows.find((f) => f.id === 's1'), { id: 's1', src: 'de-a', dst: 'de-b', before: 'all', baseline: 'all', scenario: 'none' });
    assert.deepEqual(d.flows.find((f) => f.id === 's2'), { id: 's2', src: 'it-a', dst: 'it-b', before: 'all', baseline: 'none', scenario: 'none' });
  });

  it('list --like: H3C listed with the scope of NDAA 889(b) (government and military networks) catches the ministry switch only', async () => {
    const d = await whatif({ list: ['h3c'], from: '2028-01-01', like: 'us-ndaa-889b' });
    assert.deepEqual(caught(d), ['de-x1 2027-12-31']);
    assert.equal(status(d, 'scenario', 'fr-x1', d.changes[0]!.rule), undefined, 'fr-x1 sits in a commercial network');
    assert.deepEqual(d.scenario.untrusted, ['huawei', 'zte', 'h3c']);
    assert.equal(d.scenario.plan!.totalCost, 540);
  });

  it('a scenario that catches nothing says so plainly', async () => {
    const d = await whatif({ list: ['h3c'], from: '2028-01-01', like: 'us-ndaa-889b', in: ['FR'] });
    assert.equal(d.delta.nothingChanged, true);
    assert.ok(d.notes?.some((n) => /changes nothing/.test(n)));
    assert.deepEqual(d.delta.newlyCaught, []);
    assert.equal(d.delta.planCost, 0);
  });

  it('adopting a rule where it already applies changes nothing, and says where', async () => {
    const d = await whatif({ adopt: ['uk-dvd-2022-5g'], in: ['GB'] });
    assert.equal(status(d, 'scenario', 'gb-h1', 'uk-dvd-2022-5g-in-gb')?.status, 'due', 'the same finding under the adopted id');
    assert.equal(d.delta.nothingChanged, true);
    assert.match(d.changes[0]!.what, /it already applies in GB/);
  });

  it('move: the UK 5G deadline brought forward turns a due device overdue; nothing new caught, same plan', async () => {
    const d = await whatif({ move: ['uk-dvd-2022-5g'], to: '2026-06-30' });
    assert.deepEqual([status(d, 'baseline', 'gb-h1', 'uk-dvd-2022-5g')?.status, status(d, 'scenario', 'gb-h1', 'uk-dvd-2022-5g')?.status], ['due', 'overdue']);
    assert.equal(status(d, 'scenario', 'gb-h1', 'uk-dvd-2022-5g')?.deadline, '2026-06-30');
    assert.deepEqual(d.delta.newlyCaught, []);
    assert.equal(d.delta.planCost, 0);
    assert.equal(d.delta.nothingChanged, false);
  });

  it('a scenario file combines adopt, list, move and a rule of its own (vendor and country names resolved)', async () => {
    const file = join(dir, 'scenario.yaml');
    writeFileSync(file, SCENARIO);
    const d = await whatif({}, file);
    assert.equal(d.title, 'the allies tighten up');
    assert.deepEqual(d.changes.map((c) => `${c.step} ${c.rule}`), ['rule acme-no-h3c', 'adopt de-2024-5g-core-in-it', 'list whatif-list-huawei-de', 'move uk-dvd-2022-5g']);
    assert.deepEqual(caught(d).sort(), ['de-h1 2027-12-31', 'fr-x1 2027-03-31', 'it-c 2027-06-30']);
    // 500 + it-c 400 + de-h1 1000 + fr-x1 50
    assert.equal(d.scenario.plan!.totalCost, 1950);
    assert.deepEqual(d.delta.byCountry.map((c) => [c.country, c.newlyCaught]), [['DE', 1], ['FR', 1], ['GB', 0], ['IT', 1], ['all', 3]]);
  });

  it('--budget: both plans in phases; the scenario needs a second year and misses a deadline', async () => {
    const d = await whatif({ list: ['huawei'], from: '2028-01-01', in: ['DE'], budget: '1000/year', budgetStart: '2027-01-01' });
    const b = d.baseline.plan!, s = d.scenario.plan!;
    assert.deepEqual(b.phases.map((p) => [p.index, p.end, p.spent, p.devices]), [[1, '2027-12-31', 500, ['gb-h1', 'it-h1']]]);
    assert.equal(b.doneBy, '2027-12-31');
    // forced first by deadline: de-h1 (1000) takes year 1's money; gb-h1 (due 2027-12-31) waits to year 2
    assert.deepEqual(s.phases.map((p) => [p.index, p.end, p.spent, p.devices]), [[1, '2027-12-31', 1000, ['de-h1']], [2, '2028-12-31', 500, ['gb-h1', 'it-h1']]]);
    assert.equal(s.doneBy, '2028-12-31');
    assert.deepEqual(s.missedDeadlines, [{ id: 'gb-h1', deadline: '2027-12-31', phase: 2 }]);
  });

  it('unknown rule ids, vendors and missing companions are bad input naming the parameter', async () => {
    const fails = async (given: Partial<ParamsOf<'whatif'>>, file: string, message: RegExp) => {
      await assert.rejects(whatif(given), (e: unknown) => isInputError(e) && e.file === file && message.test(e.message));
    };
    await fails({ adopt: ['no-such-rule'], in: ['DE'] }, '--adopt', /unknown rule id no-such-rule/);
    await fails({ move: ['no-such-rule'], to: '2027-01-01' }, '--move', /unknown rule id no-such-rule/);
    await fails({ list: ['huawei'], from: '2028-01-01', like: 'no-such-rule' }, '--like', /unknown rule id no-such-rule/);
    await fails({ list: ['no-such-vendor'], from: '2028-01-01' }, '--list', /no-such-vendor/);
    await fails({ adopt: ['de-2024-5g-core'] }, '--adopt', /needs --in/);
    await fails({ in: ['DE'] }, '--in', /needs --adopt/);
    await fails({ move: ['uk-dvd-2022-5g'] }, '--move', /needs --to/);
    await fails({}, '--adopt', /no scenario/);
  });

  it('a scenario file\'s problems are file:line', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'version: 1\nadopt:\n  - rule: de-2024-5g-core\n    in: [IT]\nmove:\n  - rule: no-such-rule\n    to: 2027-01-01\n');
    await assert.rejects(whatif({}, file), (e: unknown) => isInputError(e) && e.file === file && e.line === 6 && /unknown rule id no-such-rule/.test(e.message));
    writeFileSync(file, 'version: 1\nlist:\n  - vendors: [huawei]\n    from: 2028-13-01\n');
    await assert.rejects(whatif({}, file), (e: unknown) => isInputError(e) && e.line === 4 && /not a date/.test(e.message));
    writeFileSync(file, 'version: 1\nadopt:\n  - rule: de-2024-5g-core\n    in: [Atlantis]\n');
    await assert.rejects(whatif({}, file), (e: unknown) => isInputError(e) && e.line === 4 && /Atlantis/.test(e.message));
  });
});

export const SCENARIO = `version: 1
scenario: the allies tighten up
adopt:
  - rule: de-2024-5g-core
    in: [IT]
    by: 2027-06-30
list:
  - vendors: [Huawei]
    from: 2028-01-01
    in: [Germany]
move:
  - rule: uk-dvd-2022-5g
    to: 2026-06-30
rules:
  - id: acme-no-h3c
    jurisdiction: ACME
    title: No H3C in our French offices
    instrument: ACME security policy
    clause: "4.2"
    source: https://example.com/policy
    verification: { level: verified }
    kind: removal-deadline
    vendors: [h3c]
    scope: { countries: [FR] }
    effective: 2026-01-01
    removeBy: 2027-03-31
    severity: high
`;
