// Issue 14.1 in the dashboard: a misspelt untrusted vendor shows the server's 400 message next to
// the input — never an empty or green view computed over a filter that matches nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { writeDemoScenario } from '../../src/demo/index.js';
import { buildDashboard, importInto, launchChromium, NEEDS_CHROMIUM, serve, type Served } from './browser.js';

describe('dashboard: untrusted vendors are checked', NEEDS_CHROMIUM, () => {
  let dir: string;
  let server: Served;
  let browser: Browser;
  let page: Page;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cleanpath-web-names-'));
    const db = join(dir, 'demo.db');
    await importInto(db, writeDemoScenario(join(dir, 'demo')).files, 'demo');
    await buildDashboard(join(dir, 'web'));
    server = await serve(db, join(dir, 'web'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  after(async () => {
    await browser?.close();
    await server?.app.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

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
