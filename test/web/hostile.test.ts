// issue 7 point 4: device strings are attacker-controlled. A device named
// `<img src=x onerror=alert(1)>`, a sysDescr that closes a <script> and opens another, and a site
// id that tries to break out of an attribute stay inert text — in the dashboard and in the
// self-contained HTML report, both checked in the real browser: the text is visible, no element
// was injected, no dialog opened, no script ran, nothing was even blocked by the CSP.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { renderHtml } from '../../src/report/html.js';
import { buildReportModel } from '../../src/report/model.js';
import { type Dashboard, importInto, NEEDS_CHROMIUM, openDashboard, type PageTrouble, watch } from './browser.js';

const EVIL_NAME = '<img src=x onerror=alert(1)>';
const EVIL_DESCR = '</script><script>window.__pwned=1</script>';
const EVIL_SITE = '"><svg onload=alert(3)>';

const csvField = (v: string): string => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (rows: string[][]): string => rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n';

function writeHostileFiles(dir: string): string[] {
  const inventory = csv([
    ['id', 'name', 'vendor', 'layer', 'site', 'country', 'operator', 'installed', 'lat', 'lon', 'sys_descr'],
    ['evil-1', EVIL_NAME, 'Huawei', 'core', 'berlin', 'DE', 'Op A', '2022-05-01', '52.52', '13.405', ''],
    ['evil-2', 'router-2', 'Huawei', 'core', 'munich', 'DE', 'Op A', '2022-05-01', '48.1374', '11.5755', EVIL_DESCR],
    ['ok-1', 'core-1', 'Cisco', 'core', 'berlin', 'DE', 'Op A', '2020-01-01', '52.52', '13.405', ''],
    ['ok-2', 'core-2', 'Nokia', 'core', 'munich', 'DE', 'Op A', '2020-01-01', '48.1374', '11.5755', ''],
    ['ok-3', 'edge-3', 'Nokia', 'access', EVIL_SITE, 'DE', 'Op A', '2020-01-01', '50.1109', '8.6821', ''],
  ]);
  const links = csv([
    ['a', 'b', 'metric'],
    ['evil-1', 'ok-1', '1'],
    ['ok-1', 'evil-2', '1'],
    ['evil-2', 'ok-2', '1'],
    ['ok-2', 'ok-3', '1'],
  ]);
  const flows = csv([
    ['id', 'src', 'dst', 'class', 'volume'],
    ['f1', 'evil-1', 'ok-3', 'sensitive', '10'],
  ]);
  const files = [join(dir, 'inventory.csv'), join(dir, 'links.csv'), join(dir, 'flows.csv')];
  writeFileSync(files[0]!, inventory);
  writeFileSync(files[1]!, links);
  writeFileSync(files[2]!, flows);
  return files;
}

/** Nothing ran: no injected element, no dialog, no script, no CSP refusal (a console error). */
async function assertInert(page: Page, trouble: PageTrouble): Promise<void> {
  assert.equal(await page.locator('img[src=x]').count(), 0, 'no <img src=x>');
  assert.equal(await page.locator('[onerror], [onload]').count(), 0, 'no element with an event handler attribute');
  assert.equal(await page.evaluate('typeof window.__pwned'), 'undefined', 'the injected script never ran');
  assert.deepEqual(trouble.dialogs, [], 'no dialog');
  assert.deepEqual(trouble.errors, [], 'no error, no CSP violation');
}

describe('hostile device strings stay text, in chromium', NEEDS_CHROMIUM, () => {
  let dir: string;
  let db: string;
  let server: Dashboard;
  let browser: Browser;

  before(async () => {
    server = await openDashboard('cleanpath-web-hostile-', async (d) => {
      await importInto(join(d, 'hostile.db'), writeHostileFiles(d), 'hostile');
      return join(d, 'hostile.db');
    });
    ({ dir, db, browser } = server);
  });
  after(() => server?.close());

  it('in the dashboard', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const trouble = watch(page);
    await page.goto(`${server.url}/#token=${server.token}`);
    await page.waitForSelector('[data-testid=overview]', { timeout: 120_000 });

    // findings: the name is a table cell's text
    await page.click('[data-view=findings]');
    await page.fill('input[name=text]', 'evil-1');
    const nameCell = page.locator('[data-testid=finding-row] td', { hasText: EVIL_NAME }).first();
    await nameCell.waitFor();
    assert.equal(await nameCell.textContent(), EVIL_NAME);
    assert.ok(await nameCell.isVisible());
    // its evidence panel: the heading is the name
    await nameCell.click();
    const heading = page.locator('[data-testid=evidence-panel] [data-device="evil-1"] h2');
    await heading.waitFor();
    assert.equal(await heading.textContent(), EVIL_NAME);

    // the sysDescr, shown among the identifiers read
    await page.fill('input[name=text]', 'evil-2');
    await page.locator('[data-testid=finding-row][data-device="evil-2"]').first().click();
    const descr = page.locator('[data-testid=evidence-panel] [data-device="evil-2"] code', { hasText: EVIL_DESCR });
    await descr.first().waitFor();
    // as a piece of evidence and among the identifiers read
    assert.equal(await descr.count(), 2);
    for (const d of await descr.all()) {
      assert.equal(await d.textContent(), EVIL_DESCR);
      assert.ok(await d.isVisible());
    }

    // flows: the endpoint's name; map: the site id in an attribute and its tooltip
    await page.click('[data-view=flows]');
    const endpoint = page.locator('[data-testid=flow-row] button', { hasText: EVIL_NAME });
    await endpoint.waitFor();
    assert.equal(await endpoint.textContent(), EVIL_NAME);
    await page.click('[data-view=map]');
    await page.waitForSelector('circle[data-site]');
    const sites = await page.$$eval('circle[data-site]', (cs) => cs.map((c) => c.getAttribute('data-site')));
    assert.ok(sites.includes(EVIL_SITE), JSON.stringify(sites));
    assert.equal(await page.locator('svg svg').count(), 0, 'no <svg> injected into the map');

    // topology: drawn on a canvas, so no markup at all; it must still render
    await page.click('[data-view=topology]');
    await page.waitForSelector('[data-testid=topology][data-complete-ms]', { timeout: 60_000 });

    await assertInert(page, trouble);
    await page.close();
  });

  it('in the self-contained HTML report', async () => {
    const model = await buildReportModel({ db, asOf: '2026-12-31', untrusted: ['huawei', 'zte'], planTimeLimit: 10 });
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(model));
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const trouble = watch(page);
    await page.goto(pathToFileURL(file).href);
    // the device list is collapsed under its heading (issue 18): opened as a reader would
    await page.locator('#devices details.devices > summary').click();

    const name = page.locator('#devices td', { hasText: EVIL_NAME }).first();
    assert.equal(await name.textContent(), EVIL_NAME);
    assert.ok(await name.isVisible());
    const descr = page.locator('#devices td', { hasText: EVIL_DESCR }).first();
    assert.equal(await descr.textContent(), EVIL_DESCR);
    assert.ok(await descr.isVisible());
    assert.ok(await page.locator(`circle[data-site="${EVIL_SITE.replace(/"/g, '\\"')}"]`).count(), 'the hostile site id is an attribute value');
    // the embedded JSON gives back the very strings
    const data = (await page.evaluate('JSON.parse(document.getElementById("cleanpath-report-data").textContent)')) as { devices: Array<{ name: string | null; sysDescr: string | null }> };
    assert.ok(data.devices.some((d) => d.name === EVIL_NAME));
    assert.ok(data.devices.some((d) => d.sysDescr === EVIL_DESCR));
    // the report's own filter script (allowed by its CSP hash) still runs, and treats the text as text
    await page.fill('#f-text', 'onerror');
    assert.match((await page.textContent('#f-count')) ?? '', /^[1-9]\d* shown$/);
    assert.equal(await page.locator('script').count(), 2, 'the data block and the filter script, nothing else');

    await assertInert(page, trouble);
    await page.close();
  });
});
