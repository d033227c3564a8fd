// Issue 14.1 in the dashboard: a misspelt untrusted vendor shows the server's 400 message next to
// the input — never an empty or green view computed over a filter that matches nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { copyDemoStore } from '../support/demo-store.js';
import { type Dashboard, NEEDS_CHROMIUM, openDashboard } from './browser.js';

describe('dashboard: untrusted vendors are checked', NEEDS_CHROMIUM, () => {
  let server: Dashboard;
  let browser: Browser;
  let page: Page;

  before(async () => {
    server = await openDashboard('cleanpath-web-names-', copyDemoStore);
    browser = server.browser;
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  after(() => server?.close());

  it('shows the unknown vendor and the suggestion by the input, and no overview', async () => {
    await page.goto(`${server.url}/#token=${server.token}`);
    await page.waitForSelector('[data-testid=overview]', { timeout: 120_000 });
    await page.fill('input[name=untrusted]', 'huawai,zte');
    await page.click('form.params button[type=submit]');
    const error = page.locator('[data-testid=untrusted-error]');
    await error.waitFor({ timeout: 60_000 });
    assert.equal(await error.textContent(), "unknown vendor 'huawai'; did you mean huawei? (cleanpath vendors lists them)");
    assert.equal(await page.getAttribute('input[name=untrusted]', 'aria-invalid'), 'true');
    assert.equal(await page.locator('[data-testid=overview]').count(), 0, 'no counts shown for a filter that names nothing');
    assert.match((await page.locator('main.content').textContent()) ?? '', /Nothing computed/);

    // a legal name is fine, and the error goes
    await page.fill('input[name=untrusted]', 'Huawei Technologies Co., Ltd.,ZTE');
    await page.click('form.params button[type=submit]');
    await page.waitForSelector('[data-testid=overview]', { timeout: 120_000 });
    assert.equal(await error.count(), 0);
    assert.match((await page.locator('form.params .muted').textContent()) ?? '', /untrusted: huawei, zte/);
  });
});
