// The plan forces from a policy check the caller already made (the report's findings, a what-if
// side's) instead of checking again: the same plan, byte for byte, on the demo and on a generated
// network; a check of another date or other rules is not used; and the plan really forces from
// the findings handed in (one made up for the test puts its device in the plan).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { activeCatalog } from '../../src/analyses/catalog-source.js';
import { paramsOf } from '../../src/analyses/define.js';
import type { PlanAnalysis, PlanSource } from '../../src/analyses/plan.js';
import type { PolicyCheck } from '../../src/analyses/plan-run.js';
import { ANALYSES } from '../../src/analyses/registry.js';
import type { Finding } from '../../src/policy/index.js';
import { buildReportModel } from '../../src/report/model.js';
import { importFiles, openStore } from '../../src/store/index.js';
import { tempDir } from '../cli/helpers.js';
import { importDemoStore } from '../support/demo-store.js';
import { writeViewsNetwork } from '../web/views-network.js';

const AS_OF = '2026-12-31';
const dir = tempDir('cleanpath-plan-reuse-');
let demoDb = '';
let bigDb = '';

before(async () => {
  demoDb = await importDemoStore(dir);
  bigDb = join(dir, 'big.db');
  const store = openStore(bigDb);
  try {
    await importFiles(store, writeViewsNetwork(dir, 3000, 80).files, { snapshot: 'big' });
  } finally {
    await store.close();
  }
});

interface Reading { asOf: string; assumeInScope: boolean; includeUnverified: boolean }

/** The plan document as JSON, its one wall-clock field zeroed: what must not change. */
const stable = (d: PlanAnalysis): string => JSON.stringify({ ...d, stats: { ...d.stats, seconds: 0 } });

async function findingsOf(db: string, snapshot: string, r: Reading): Promise<Finding[]> {
  return (await ANALYSES.findings.run({ db, snapshot }, paramsOf(ANALYSES.findings, r), {})).findings;
}

function planRun(db: string, snapshot: string, r: Reading, check?: PolicyCheck): Promise<PlanAnalysis> {
  const source: PlanSource = { db, snapshot, ...(check && { policyCheck: check }) };
  const p = paramsOf(ANALYSES.plan, { ...r, untrusted: ['huawei', 'zte'], budget: '2000000/year', budgetStart: r.asOf, heuristic: true });
  return ANALYSES.plan.run(source, p, { strict: true });
}

const checkOf = (snapshot: string, r: Reading, findings: readonly Finding[]): PolicyCheck => ({ snapshot, rules: activeCatalog().rules, ...r, findings });

for (const [name, snapshot, r] of [
  ['the demo', 'demo', { asOf: AS_OF, assumeInScope: false, includeUnverified: false }],
  ['a generated 3,000-device network (--assume-in-scope)', 'big', { asOf: AS_OF, assumeInScope: true, includeUnverified: false }],
] as const) {
  test(`plan: on ${name}, forcing from the findings handed in gives the plan checking again gives, byte for byte`, async () => {
    const db = snapshot === 'demo' ? demoDb : bigDb;
    const own = await planRun(db, snapshot, r);
    const reused = await planRun(db, snapshot, r, checkOf(snapshot, r, await findingsOf(db, snapshot, r)));
    assert.ok(own.devices.some((d) => d.forcedBy), 'some device is forced by a rule: the check matters');
    assert.equal(stable(reused), stable(own));
  });
}

test('plan: the report plans from its own findings and gets the plan the plan analysis gets alone', async () => {
  const r = { asOf: AS_OF, assumeInScope: false, includeUnverified: false };
  const model = await buildReportModel({ db: demoDb, asOf: AS_OF, untrusted: ['huawei', 'zte'], generatedAt: '2026-12-31T00:00:00Z' });
  const p = paramsOf(ANALYSES.plan, { ...r, untrusted: ['huawei', 'zte'], budgetStart: AS_OF });
  const { nothingToAnalyse: _n, ...alone } = await ANALYSES.plan.run({ db: demoDb, snapshot: 'demo' }, p, { strict: true, planTimeLimit: 60 });
  assert.ok(model.plan);
  assert.equal(stable(model.plan as PlanAnalysis), stable(alone as PlanAnalysis));
});

test('plan: forces from the check handed in when it judged the same reading, and ignores one of another date, flag or rules', async () => {
  const r = { asOf: AS_OF, assumeInScope: false, includeUnverified: false };
  const own = await planRun(demoDb, 'demo', r);
  const findings = await findingsOf(demoDb, 'demo', r);
  const store = openStore(demoDb, { readonly: true });
  const devices = await store.devices((await store.resolveSnapshot('demo')).id).finally(() => store.close());
  const spare = devices.find((d) => d.vendor === 'huawei' && !own.devices.some((x) => x.id === d.id));
  assert.ok(spare, 'a Huawei device the plan does not buy');
  const madeUp: Finding = { ...findings.find((f) => f.device !== null)!, device: spare.id, status: 'overdue', deadline: '2026-06-30', rule: 'made-up-for-test' };
  const forcedSpare = (d: PlanAnalysis) => d.devices.find((x) => x.id === spare.id)?.forcedBy ?? null;

  const used = await planRun(demoDb, 'demo', r, checkOf('demo', r, [...findings, madeUp]));
  assert.match(forcedSpare(used) ?? '', /made-up-for-test/, 'the plan forced from the findings handed in');

  const others: PolicyCheck[] = [
    checkOf('demo', { ...r, asOf: '2026-12-30' }, [...findings, madeUp]),
    checkOf('demo', { ...r, assumeInScope: true }, [...findings, madeUp]),
    checkOf('other', r, [...findings, madeUp]),
    { ...checkOf('demo', r, [...findings, madeUp]), rules: activeCatalog().rules.slice(1) },
  ];
  for (const check of others) {
    const ignored = await planRun(demoDb, 'demo', r, check);
    assert.equal(forcedSpare(ignored), null, `a check of another reading is not used: ${JSON.stringify({ ...check, findings: undefined, rules: check.rules.length })}`);
    assert.equal(stable(ignored), stable(own));
  }
});
