// issue 16 point 6 in the dashboard: a snapshot whose name carries an unterminated U+202E, and a
// device with one in its name, an RLI without PDI in its site, an RLM in its operator and a
// 5,000-character sysDescr. In Chromium: the line under the parameters (snapshot · as of · untrusted)
// keeps the date and the vendors in their own order; the findings row and the evidence panel keep
// the cells after the name in order; the long value is folded and the page is no wider than the
// viewport, folded or open.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { type Dashboard, importInto, NEEDS_CHROMIUM, openDashboard, watch } from './browser.js';
import { assertNoWiderThanViewport, assertReadsLeftToRight, DEVICE_NAME, LONG_DESCR, SNAPSHOT, unisolated, writeBidiFiles } from './bidi-fixture.js';

const SHOTS = process.env.CLEANPATH_SHOTS;

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name) });
}

describe('bidi controls and long values in the dashboard, in chromium', NEEDS_CHROMIUM, () => {
  let server: Dashboard;
  let browser: Browser;

  before(async () => {
    server = await openDashboard('cleanpath-web-bidi-', async (dir) => {
      const db = join(dir, 'bidi.db');
      await importInto(db, writeBidiFiles(dir), SNAPSHOT);
      return db;
    });
    browser = server.browser;
  });
  after(() => server?.close());

  it('keeps the as-of date, the vendors and the cells after a hostile name in order; no value widens the page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const trouble = watch(page);
    await page.goto(`${server.url}/#token=${server.token}`);
    await page.waitForSelector('[data-testid=overview]', { timeout: 120_000 });

    const line = page.locator('[data-testid=report-line]');
    assert.match((await line.textContent()) ?? '', new RegExp(`^${SNAPSHOT} · as of \\d{4}-\\d\\d-\\d\\d · untrusted: `));
    const asOf = (await line.locator('.as-of').textContent())!;
    await assertReadsLeftToRight(line, asOf, 'the as-of date after the snapshot name');
    const vendor = line.locator('.untrusted bdi').first();
    await assertReadsLeftToRight(vendor, (await vendor.textContent())!, 'the first untrusted vendor');
    await assertReadsLeftToRight(line, ' · as of', 'the words after the snapshot name');
    await assertNoWiderThanViewport(page, 'overview');
    await shot(page, 'dashboard-overview.png');

    // the findings row of the hostile device: the cells after the name are separate paragraphs,
    // and inside the name's cell nothing follows it; the date column still reads as written
    await page.click('[data-view=findings]');
    await page.fill('input[name=text]', 'evil-1');
    const row = page.locator('[data-testid=finding-row][data-device="evil-1"]').first();
    await row.waitFor();
    assert.ok(((await row.textContent()) ?? '').includes(DEVICE_NAME));
    await assertReadsLeftToRight(page.locator('.findings h2'), asOf, 'the findings heading');

    // the evidence panel: the sysDescr folded among the identifiers and in the evidence
    await row.click();
    const panel = page.locator('[data-testid=evidence-panel] [data-device="evil-1"]');
    await panel.waitFor();
    const folds = panel.locator('details.long');
    assert.ok((await folds.count()) >= 1, 'the sysDescr is folded');
    await assertNoWiderThanViewport(page, 'evidence panel, sysDescr folded');
    await shot(page, 'dashboard-panel-folded.png');
    // the identifiers as read hold the whole sysDescr (the evidence quotes a shortened one)
    const whole = panel.locator('dl.raw details.long');
    assert.equal(await whole.count(), 1);
    await whole.locator('summary').click();
    assert.ok((await whole.locator(':scope > bdi').textContent()) === LONG_DESCR, 'open, it shows the whole value');
    await assertNoWiderThanViewport(page, 'evidence panel, sysDescr open');
    await shot(page, 'dashboard-panel-open.png');
    // the panel's "where" line: the site with its open RLI does not swallow the operator after it
    const where = panel.locator('dt:text-is("where") + dd');
    await assertReadsLeftToRight(where, 'DE', 'the country after the site in the panel');

    assert.deepEqual(await unisolated(page), [], 'findings and the evidence panel');
    assert.deepEqual(trouble, { errors: [], dialogs: [] });
    await page.close();
  });

  it('shows no hostile control outside an isolate in any view', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const trouble = watch(page);
    await page.goto(`${server.url}/#token=${server.token}`);
    await page.waitForSelector('[data-testid=overview]', { timeout: 120_000 });
    assert.deepEqual(await unisolated(page), [], 'overview');
    const views: Array<[string, string]> = [['flows', '[data-testid=flow-row]'], ['plan', '.plan'], ['deadlines', '.deadlines, p.muted'], ['changes', '[data-testid=single-snapshot]'], ['map', 'circle[data-site]']];
    // the map last: a site chosen on it is checked below
    for (const [view, ready] of views) {
      await page.click(`[data-view=${view}]`);
      await page.waitForSelector(ready);
      assert.deepEqual(await unisolated(page), [], view);
      await assertNoWiderThanViewport(page, view);
    }
    // the site's numbers under the map, and a flow's endpoint opening its device
    await page.locator('circle[data-site]').last().click(); // the hostile site, drawn on top
    await page.waitForSelector('[data-testid=site-info]');
    assert.deepEqual(await unisolated(page), [], 'map, a site chosen');
    await page.click('[data-view=flows]');
    await page.locator('[data-testid=flow-row] button').first().click();
    await page.waitForSelector('[data-testid=evidence-panel] [data-device]');
    assert.deepEqual(await unisolated(page), [], 'flows, a device opened');
    await shot(page, 'dashboard-flows.png');
    // the edit form shows the device's current values as placeholders and in the selects
    await page.click('[data-testid=evidence-panel] button.edit-open');
    await page.waitForSelector('[data-testid=device-edit]');
    assert.deepEqual(await unisolated(page), [], 'the edit form');
    assert.deepEqual(trouble, { errors: [], dialogs: [] });
    await page.close();
  });
});
