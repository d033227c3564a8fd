// Issue 14 point 7 in a real browser: on a snapshot with devices and links but no flows, the
// dashboard's overview, flows and plan views say "no flows in snapshot X: import a flows CSV
// id,src,dst" and show no green "0 exposed" cards.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { type Dashboard, importInto, NEEDS_CHROMIUM, openDashboard, type PageTrouble, REPO, watch } from './browser.js';

const SCREENSHOT = join(REPO, 'test-output', 'dashboard-no-flows.png');
const MESSAGE = 'no flows in snapshot net: import a flows CSV id,src,dst (cleanpath import --base net flows.csv)';

describe('dashboard on a snapshot without flows, in chromium', NEEDS_CHROMIUM, () => {
  let server: Dashboard;
  let browser: Browser;
  let page: Page;
  let trouble: PageTrouble;

  before(async () => {
    server = await openDashboard('cleanpath-web-nothing-', async (dir) => {
      const db = join(dir, 'store.db');
      writeFileSync(join(dir, 'nodes.csv'), 'id,vendor,site,lat,lon\na,huawei,s1,52.5,13.4\nb,cisco,s2,48.1,11.6\nc,cisco,s3,50.1,8.7\n');
      writeFileSync(join(dir, 'links.csv'), 'a,b\na,b\nb,c\n');
      await importInto(db, [join(dir, 'nodes.csv'), join(dir, 'links.csv')], 'net');
      return db;
    });
    browser = server.browser;
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    trouble = watch(page);
  });
  after(() => server?.close());

  it('the overview says "no flows" and has no exposure or plan cards', async () => {
    await page.goto(`${server.url}/#token=${server.token}`);
    await page.waitForSelector('[data-testid=overview]', { timeout: 120_000 });
    assert.equal(await page.locator('[data-testid=nothing-to-analyse]').textContent(), MESSAGE);
    assert.equal(await page.locator('[data-card="devices"] b').textContent(), '3');
    assert.equal(await page.locator('[data-card="flows"] b').textContent(), '0');
    for (const card of ['exposed on every path', 'exposed on some paths', 'exposed, no clean path', 'plan: devices to replace']) {
      assert.equal(await page.locator(`[data-card="${card}"]`).count(), 0, `card "${card}" shown`);
    }
    assert.doesNotMatch((await page.locator('[data-testid=overview]').textContent()) ?? '', /0 sensitive flows cut/);
    mkdirSync(join(REPO, 'test-output'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
  });

  it('the flows and plan views say "no flows" too', async () => {
    for (const view of ['flows', 'plan']) {
      await page.click(`[data-view=${view}]`);
      const nothing = page.locator('[data-testid=nothing-to-analyse]');
      await nothing.waitFor({ timeout: 60_000 });
      assert.equal(await nothing.textContent(), MESSAGE, view);
    }
    assert.deepEqual(trouble.errors, []);
  });
});
