// Issue 17.4 in a real browser: the dashboard's "What if" view runs a scenario through the API
// (the registry's whatif route) and shows what the API answers — newly caught devices, the flows
// that become clean, the per-country table headed by the registry's labels; a scenario that
// changes nothing says so; an unknown rule id is an error naming the parameter, not a blank page;
// with a budget, each side's plan in budget phases, in the Plan view's own phases table.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { AnalysisManifest } from '../../src/analyses/manifest.js';
import type { WhatIfAnalysis } from '../../src/analyses/whatif.js';
import { whatIfStore } from '../support/whatif-network.js';
import { type Dashboard, NEEDS_CHROMIUM, openDashboard, type PageTrouble, watch } from './browser.js';

const FIELDS = ['adopt', 'in', 'by', 'list', 'from', 'like', 'networks', 'move', 'to', 'budget', 'budgetStart'];

describe('the "What if" view, in chromium', NEEDS_CHROMIUM, () => {
  let server: Dashboard;
  let browser: Browser;
  let page: Page;
  let trouble: PageTrouble;

  before(async () => {
    server = await openDashboard('cleanpath-web-whatif-', (dir) => whatIfStore(join(dir, 'net')));
    browser = server.browser;
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    trouble = watch(page);
  });
  after(() => server?.close());

  async function run(scenario: Record<string, string>): Promise<void> {
    for (const f of FIELDS) await page.fill(`form.whatif-form input[name=${f}]`, scenario[f] ?? '');
    await page.click('form.whatif-form button[type=submit]');
  }

  it('shows the API\'s answer: one device newly caught, flow s1 clean, the registry\'s column labels', async () => {
    await page.goto(`${server.url}/#token=${server.token}`);
    await page.click('[data-view=whatif]');
    const asOf = await page.locator('input[aria-label="as of"]').inputValue();
    const expected = await server.api<WhatIfAnalysis>(`/api/snapshots/net/whatif?asOf=${asOf}&list=huawei&from=2028-01-01&in=DE`);
    await run({ list: 'huawei', from: '2028-01-01', in: 'DE' });
    await page.locator('[data-testid=whatif-result]').waitFor({ timeout: 120_000 });
    assert.equal((await page.locator('[data-card=newly-caught] b').textContent())?.trim(), String(expected.delta.newlyCaught.length));
    assert.equal(expected.delta.newlyCaught.length, 1);
    assert.match((await page.locator('[data-testid=whatif-flows]').textContent()) ?? '', /s1: de-a → de-b/);
    const registry = await server.api<AnalysisManifest[]>('/api/analyses');
    const labels = new Map(registry.find((a) => a.id === 'whatif')!.tables.find((t) => t.id === 'countries')!.columns.map((c) => [c.id, c.label]));
    const heads = (await page.locator('[data-testid=whatif-countries] th').allTextContents()).map((t) => t.trim());
    assert.equal(heads[0], labels.get('country'));
    assert.ok(heads.includes(labels.get('newly_caught')!));
    const de = page.locator('[data-testid=whatif-countries] tr[data-country=DE] td[data-column=newly_caught]');
    assert.equal((await de.textContent())?.trim(), '1');
  });

  it('with a budget, shows the scenario plan\'s phases (and the baseline\'s, folded) in the Plan view\'s phases table, as the API answers them', async () => {
    const asOf = await page.locator('input[aria-label="as of"]').inputValue();
    const ask = { list: 'huawei', from: '2028-01-01', in: 'DE', budget: '1000/year', budgetStart: '2027-01-01' };
    const expected = await server.api<WhatIfAnalysis>(`/api/snapshots/net/whatif?asOf=${asOf}&${new URLSearchParams(ask)}`);
    const phasing = expected.scenario.plan!.phasing!;
    assert.equal(phasing.phases.length, 2, 'the scenario buys its three devices (1,500) over two years');
    assert.equal(phasing.phases.reduce((s, ph) => s + ph.spent, 0), 1500);
    await run(ask);
    const scenario = page.locator('[data-testid=whatif-phases] [data-side=scenario] [data-testid=plan-phases]');
    await scenario.waitFor({ timeout: 120_000 });
    const spent = await scenario.locator('[data-testid=plan-phase] td:nth-child(5)').allTextContents();
    assert.deepEqual(spent.map((t) => t.trim().replace(/,/g, '')), phasing.phases.map((ph) => String(ph.spent)));
    assert.match((await scenario.locator('h3').textContent()) ?? '', /Budget 1,000 per year from 2027-01-01: 2 phase\(s\)/);
    assert.equal(await scenario.locator('.bad').count(), phasing.missedDeadlines.length);
    assert.ok(phasing.missedDeadlines.length > 0, 'a deadline the budget misses is shown as in the Plan view');
    const baseline = page.locator('[data-testid=whatif-phases] details[data-side=baseline]');
    await baseline.locator('summary').click();
    assert.equal(await baseline.locator('[data-testid=plan-phase]').count(), expected.baseline.plan!.phasing!.phases.length);
  });

  it('a scenario that changes nothing says so', async () => {
    await run({ list: 'h3c', from: '2028-01-01', like: 'us-ndaa-889b', in: 'FR' });
    await page.locator('[data-testid=whatif-nothing-changed]').waitFor({ timeout: 120_000 });
  });

  it('an unknown rule id is an error naming the parameter', async () => {
    await run({ adopt: 'no-such-rule', in: 'DE' });
    const err = page.locator('[data-testid=whatif-error]');
    await err.waitFor({ timeout: 60_000 });
    assert.match((await err.textContent()) ?? '', /adopt.*unknown rule id no-such-rule/);
    assert.deepEqual(trouble.errors.filter((e) => !/400/.test(e)), []);
  });
});
