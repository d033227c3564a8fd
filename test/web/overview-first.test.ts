// Issue 18 in a real browser: the overview draws the summary route's counts and shares while the
// report is still being computed, its analysis cards saying "computing…" (never 0, never green),
// and fills them in when the report arrives.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page, Route } from 'playwright-core';
import { writeDemoScenario } from '../../src/demo/index.js';
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

  it('draws the counts first, "computing…" on the analysis cards, then the report\'s numbers', async () => {
    // the report held back until the counts are checked: at 100k devices it takes minutes
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/snapshots/*/report*', async (route: Route) => {
      await held;
      await route.continue();
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
    const report = await server.api<{ summary: { findings: number } }>('/api/snapshots/demo/report');
    assert.equal(await page.locator('[data-card="findings"] b').textContent(), report.summary.findings.toLocaleString('en-US'));
    assert.equal(await page.locator('[aria-busy=true]').count(), 0);
    assert.deepEqual(trouble.errors, []);
  });
});
