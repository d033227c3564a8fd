// Issue 18 in a real browser: the overview draws the summary route's counts and shares while its
// analysis cards' numbers are still being computed, those cards saying "computing…" (never 0,
// never green), and fills them in from the overview route (the report's numbers, equal to the
// report's) without ever fetching the report itself; a failure shows as an error, not as zeros.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page, Route } from 'playwright-core';
import { writeDemoScenario } from '../../src/demo/index.js';
import type { ReportModel } from '../../src/report/model.js';
import type { ReportOverview } from '../../src/report/overview.js';
import type { SnapshotSummary } from '../../src/report/vendor-shares.js';
import { buildDashboard, importInto, launchChromium, NEEDS_CHROMIUM, serve, watch, type PageTrouble, type Served } from './browser.js';

describe('overview before the report, in chromium', NEEDS_CHROMIUM, () => {
  let dir: string;
  let server: Served;
  let browser: Browser;
  let page: Page;
  let trouble: PageTrouble;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cleanpath-web-overview-'));
    const db = join(dir, 'demo.db');
    await importInto(db, writeDemoScenario(join(dir, 'demo')).files, 'demo');
    await buildDashboard(join(dir, 'web'));
    server = await serve(db, join(dir, 'web'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    trouble = watch(page);
  });
  after(async () => {
    await browser?.close();
    await server?.app.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('draws the counts first, "computing…" on the analysis cards, then the report\'s numbers without the report', async () => {
    // the numbers held back until the counts are checked: at 100k devices they take minutes
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/snapshots/*/overview*', async (route: Route) => {
      await held;
      await route.continue();
    });
    const api: string[] = [];
    let bytes = 0;
    page.on('requestfinished', (r) => {
      if (!new URL(r.url()).pathname.startsWith('/api/')) return;
      api.push(new URL(r.url()).pathname);
      void r.sizes().then((z) => (bytes += z.responseBodySize));
    });
    const summary = await server.api<SnapshotSummary>('/api/snapshots/demo/summary');
    const total = (await server.api<{ total: number }>('/api/snapshots/demo/devices?limit=1')).total;
    assert.equal(summary.snapshot.devices, total);
    await page.goto(`${server.url}/#token=${server.token}`);
    await page.waitForSelector('[data-testid=overview-computing]', { timeout: 120_000 });
    assert.equal(await page.locator('[data-card="devices"] b').textContent(), total.toLocaleString('en-US'));
    assert.equal(await page.locator('[data-card="sites"] b').textContent(), summary.sites.toLocaleString('en-US'));
    assert.equal(await page.locator('[data-card="findings"] b').textContent(), 'computing…');
    assert.equal(await page.locator('[data-card="untrusted devices"] b').textContent(), 'computing…');
    assert.equal(await page.locator('.shares').first().locator('tbody tr').count(), summary.shares.byCountry.length);
    release();
    await page.waitForSelector('[data-testid=overview]', { timeout: 120_000 });
    const asOf = await page.inputValue('input[name=asOf]');
    const report = await server.api<ReportModel>(`/api/snapshots/demo/report?asOf=${asOf}`);
    const overview = await server.api<ReportOverview>(`/api/snapshots/demo/overview?asOf=${asOf}`);
    assert.deepEqual(overview.summary, report.summary);
    const card = (label: string) => page.locator(`[data-card="${label}"] b`).textContent();
    const s = report.summary;
    assert.ok(s.findings > 0 && s.untrustedDevices > 0 && s.sensitiveFlows > 0, 'the demo has numbers that can be wrong');
    assert.equal(await card('findings'), s.findings.toLocaleString('en-US'));
    assert.equal(await card('untrusted devices'), s.untrustedDevices.toLocaleString('en-US'));
    assert.equal(await card('sensitive flows'), s.sensitiveFlows.toLocaleString('en-US'));
    assert.equal(await card('exposed on every path'), s.sensitiveExposedAll.toLocaleString('en-US'));
    assert.equal(await page.locator('.overview section h3', { hasText: 'Kill-switch impact' }).locator('xpath=..').locator('li').count(), report.killSwitches.length);
    assert.equal(await page.locator('[aria-busy=true]').count(), 0);
    assert.match((await page.textContent('[data-testid=report-line]')) ?? '', new RegExp(`as of ${asOf}`));
    // the cards came from the overview route: the report (0.7 MB on the demo) was never asked for
    assert.deepEqual(api.filter((p) => p.endsWith('/report')), []);
    assert.ok(api.includes('/api/snapshots/demo/overview'), api.join(' '));
    await new Promise((r) => setTimeout(r, 200)); // the last sizes() answers
    process.stdout.write(`# overview page load: ${api.length} API answers, ${bytes} bytes of bodies\n`);
    assert.ok(bytes < 64_000, `${bytes} bytes`);
    assert.deepEqual(trouble.errors, []);
  });

  it('an error computing the numbers shows as an error in place of the cards, never as zeros', async () => {
    const other = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    try {
      await other.route('**/api/snapshots/*/overview*', (route: Route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'the analysis exceeded its time budget' }) }));
      await other.goto(`${server.url}/#token=${server.token}`);
      const error = other.locator('[data-testid=overview-error]');
      await error.waitFor({ timeout: 120_000 });
      assert.match((await error.textContent()) ?? '', /Cannot compute the analysis cards.*exceeded its time budget/);
      assert.equal(await error.getAttribute('role'), 'alert');
      for (const label of ['findings', 'untrusted devices', 'sensitive flows']) assert.equal(await other.locator(`[data-card="${label}"]`).count(), 0, label);
      assert.doesNotMatch((await other.locator('.overview').textContent()) ?? '', /computing…/);
      assert.equal(await other.locator('[aria-busy=true]').count(), 0);
      // the store's counts stay: they did not fail
      assert.ok(Number((await other.locator('[data-card="devices"] b').textContent())?.replace(/,/g, '')) > 0);
    } finally {
      await other.close();
    }
  });
});
