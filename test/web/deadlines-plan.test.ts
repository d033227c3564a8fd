// issue 18 point 5, the dashboard: the Deadlines view lists the overdue findings (marked overdue)
// beside the upcoming deadlines, and no two labels of its timeline overlap (their boxes checked
// pairwise in Chromium, with the rules as of 2026-12-31, where "2027" used to be drawn over
// "2026-12-31"); the Plan view phases the plan under a budget and shows each phase. On the demo,
// through the real server; a screenshot of each view goes to test-output/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { PlanDocument } from '../../src/plan/index.js';
import type { Finding } from '../../src/policy/index.js';
import { labelBoxes, overlaps } from '../support/label-boxes.js';
import { copyDemoStore } from '../support/demo-store.js';
import { type Dashboard, NEEDS_CHROMIUM, openDashboard, type PageTrouble, REPO, watch } from './browser.js';

const OUT = join(REPO, 'test-output');
const AS_OF = '2026-12-31';
const BUDGET = '3000000/year';

describe('the Deadlines and Plan views on the demo, in chromium', NEEDS_CHROMIUM, () => {
  let server: Dashboard;
  let browser: Browser;
  let page: Page;
  let trouble: PageTrouble;

  before(async () => {
    server = await openDashboard('cleanpath-deadlines-plan-', copyDemoStore);
    browser = server.browser;
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    trouble = watch(page);
    await page.goto(`${server.url}/#token=${server.token}`);
    await page.waitForSelector('[data-testid=overview]', { timeout: 120_000 });
    await page.fill('input[name=asOf]', AS_OF);
    await page.press('input[name=asOf]', 'Enter');
    mkdirSync(OUT, { recursive: true });
  });
  after(() => server?.close());

  it('Deadlines: the overdue findings are listed and marked overdue, and no label overlaps another', async () => {
    await page.click('[data-view=deadlines]');
    await page.waitForSelector('.deadlines svg.timeline', { timeout: 120_000 });
    const { findings } = await server.api<{ findings: Finding[] }>(`/api/snapshots/demo/findings?asOf=${AS_OF}`);
    const overdue = findings.filter((f) => f.status === 'overdue');
    assert.ok(overdue.length > 0, 'the demo has overdue findings');
    const groups = new Set(overdue.map((f) => `${f.rule} ${f.deadline}`));
    assert.equal(await page.locator('[data-testid=overdue-deadline]').count(), groups.size, 'one overdue row per rule and deadline');
    assert.equal(await page.locator('tr[data-overdue=true]').count(), groups.size);
    assert.match((await page.textContent('[data-testid=overdue-summary]')) ?? '', new RegExp(`^${overdue.length} finding\\(s\\) overdue`));
    const marks = await page.locator('[data-testid=overdue-deadline] text').allTextContents();
    assert.ok(marks.some((t) => /overdue since \d{4}-\d{2}-\d{2} \(\d+ days\)/.test(t)), marks.join(' | '));
    const boxes = await labelBoxes(page, '.deadlines svg.timeline');
    assert.ok(boxes.some((b) => b.text.includes(AS_OF)) && boxes.some((b) => b.text.replace(/[\u2066-\u2069]/g, '') === '2027'), 'the as-of date and 2027 are both labelled');
    assert.deepEqual(overlaps(boxes), []);
    await page.locator('.deadlines').screenshot({ path: join(OUT, 'dashboard-deadlines.png') });
  });

  it('Plan: a budget phases the plan, each phase shown with what it spends', async () => {
    await page.click('[data-view=plan]');
    await page.waitForSelector('[data-testid=budget-form]', { timeout: 120_000 });
    await page.fill('[data-testid=budget-form] input[name=budget]', BUDGET);
    await page.fill('[data-testid=budget-form] input[name=budgetStart]', '2027-01-01');
    await page.click('[data-testid=budget-form] button[type=submit]');
    await page.waitForSelector('[data-testid=plan-phases]', { timeout: 120_000 });
    const want = await server.api<PlanDocument>(`/api/snapshots/demo/plan?budget=${encodeURIComponent(BUDGET)}&budgetStart=2027-01-01&asOf=${AS_OF}&untrusted=huawei,zte`);
    const phases = want.phasing?.phases ?? [];
    assert.ok(phases.length > 1, `the demo plan takes more than one period at ${BUDGET}`);
    assert.equal(await page.locator('[data-testid=plan-phase]').count(), phases.length);
    assert.equal(await page.locator('[data-testid=phase-bars] .phase-bar').count(), phases.length);
    const cells = await page.locator('[data-testid=plan-phase]').first().locator('td').allTextContents();
    assert.deepEqual(cells.slice(0, 3).map((c) => c.replace(/[\u2066-\u2069]/g, '')), ['1', phases[0]!.start, phases[0]!.end]);
    assert.equal(cells[4], phases[0]!.spent.toLocaleString('en-US'));
    assert.match((await page.textContent('[data-testid=plan-phases] h3')) ?? '', /Budget 3,000,000 per .*year.* from .*2027-01-01/);
    await page.locator('.plan').screenshot({ path: join(OUT, 'dashboard-plan.png') });
    assert.deepEqual(trouble, { errors: [], dialogs: [] });
  });
});
