// issue 18 points 3 and 7 and the dashboard's URLs, in Debian's chromium against the real server:
// one store holding the demo and a generated 100k-device snapshot. The devices view pages, sorts
// and filters on the server (its rows equal the API's), a device page shows evidence and
// neighbours, every view and device has a URL that survives a reload, back and forward walk the
// history, the old `#map` and the `#token=` link still work; the screening and measured-paths
// views show the registry's tables, and "nothing to analyse" is never green. Screenshots of every
// new view go to test-output/.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page, Request } from 'playwright-core';
import { writeDemoScenario } from '../../src/demo/index.js';
import { importPaths } from '../../src/paths/run.js';
import type { Device } from '../../src/model/index.js';
import { buildDashboard, importInto, launchChromium, NEEDS_CHROMIUM, REPO, serve, watch, type PageTrouble, type Served } from './browser.js';
import type { PageGlobals } from './page-globals.js';
import { writeViewsNetwork } from './views-network.js';

const OUT = join(REPO, 'test-output');
const LARGE = 100_000;
const PATH_FIXTURES = join(REPO, 'test', 'paths', 'fixtures');

interface DevicePage {
  total: number;
  devices: Device[];
}

/** The devices API requests the page sends from now until stop(), as paths with their queries. */
function devicesRequests(p: Page): { stop(): string[] } {
  const seen: string[] = [];
  const on = (r: Request) => {
    const u = new URL(r.url());
    if (/^\/api\/snapshots\/[^/]+\/devices$/.test(u.pathname)) seen.push(u.pathname + u.search);
  };
  p.on('request', on);
  return {
    stop() {
      p.off('request', on);
      return seen;
    },
  };
}

/** What the in-page frame recorder reads and writes (the test's program has no DOM library). */
interface FrameGlobals {
  cleanpathFrames?: Array<{ range: string | null; first: string | null }>;
  document: {
    querySelector(selector: string): { textContent: string | null; getAttribute(name: string): string | null } | null;
  };
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: { subtree: boolean; childList: boolean; characterData: boolean }): void };
}

/**
 * Records every distinct state of the devices view's range line and first row as the DOM
 * changes: a frame that drew one page's range over another page's rows is kept, however brief.
 */
async function recordFrames(p: Page): Promise<void> {
  await p.evaluate(() => {
    const g = globalThis as unknown as FrameGlobals;
    const frames: Array<{ range: string | null; first: string | null }> = [];
    g.cleanpathFrames = frames;
    new g.MutationObserver(() => {
      const range = g.document.querySelector('[data-testid=devices-range]')?.textContent ?? null;
      const first = g.document.querySelector('[data-testid=devices-table] tbody tr')?.getAttribute('data-device') ?? null;
      const last = frames[frames.length - 1];
      if (!last || last.range !== range || last.first !== first) frames.push({ range, first });
    }).observe(g.document, { subtree: true, childList: true, characterData: true });
  });
}

const framesSeen = (p: Page) => p.evaluate(() => (globalThis as unknown as FrameGlobals).cleanpathFrames ?? []);

describe('devices, device pages, URLs, screening and measured paths, in chromium', NEEDS_CHROMIUM, () => {
  let dir: string;
  let db: string;
  let server: Served;
  let browser: Browser;
  let page: Page;
  let trouble: PageTrouble;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cleanpath-views-'));
    db = join(dir, 'views.db');
    mkdirSync(join(dir, 'large'));
    await importInto(db, writeViewsNetwork(join(dir, 'large'), LARGE).files, 'large');
    await importInto(db, writeDemoScenario(join(dir, 'demo')).files, 'demo');
    await buildDashboard(join(dir, 'web'));
    server = await serve(db, join(dir, 'web'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    trouble = watch(page);
    mkdirSync(OUT, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.app.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const ids = (p: Page) => p.locator('[data-testid=devices-table] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-device')));
  // the range line and the rows are drawn in separate renders: poll the rows, then compare
  async function idsShown(want: string[]): Promise<void> {
    const until = Date.now() + 30_000;
    let got = await ids(page);
    while (JSON.stringify(got) !== JSON.stringify(want) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      got = await ids(page);
    }
    assert.deepEqual(got, want);
  }
  const hash = () => page.evaluate<string>('window.location.hash');
  // predicates run in the page, as functions (its CSP forbids evaluating strings there)
  async function devicesShown(expectedRange: RegExp): Promise<void> {
    const shown = (src: string) => new RegExp(src).test((globalThis as unknown as PageGlobals).document.querySelector('[data-testid=devices-range]')?.textContent ?? '');
    await page.waitForFunction(shown, expectedRange.source, { timeout: 60_000 });
  }
  const hashIs = (h: string) => page.waitForFunction((want) => (globalThis as unknown as PageGlobals).location.hash === want, h);

  it('signs in with #token= on an old-style #map link, which becomes #/map', async () => {
    await page.goto(`${server.url}/#token=${server.token}`);
    await page.waitForSelector('[data-testid=overview]', { timeout: 120_000 });
    assert.ok(!page.url().includes(server.token));
    await page.goto(`${server.url}/#map`);
    await hashIs('#/map');
    assert.equal(await page.getAttribute('[data-view=map]', 'aria-selected'), 'true');
  });

  it('the devices view on the demo: pages, sorts and filters as the API does, and opens a device page', async () => {
    await page.selectOption('select[aria-label=snapshot]', 'demo');
    await page.click('[data-view=devices]');
    const api = await server.api<DevicePage>('/api/snapshots/demo/devices?limit=100');
    await devicesShown(new RegExp(`^1–100 of ${api.total.toLocaleString('en-US')}$`));
    await idsShown(api.devices.map((d) => d.id));
    await page.click('[data-page=next]');
    await devicesShown(/^101–200 of/);
    assert.match(await hash(), /^#\/devices\?offset=100&snapshot=demo$/);
    await page.click('th[data-column=name] a');
    await devicesShown(/^1–100 of/);
    const byName = await server.api<DevicePage>('/api/snapshots/demo/devices?sort=name&limit=100');
    await idsShown(byName.devices.map((d) => d.id));
    await page.fill('input[aria-label=vendor]', 'huawei');
    await page.fill('input[aria-label=country]', 'DE');
    await page.click('[data-testid=devices-filters] button[type=submit]');
    const filtered = await server.api<DevicePage>('/api/snapshots/demo/devices?sort=name&vendor=huawei&country=DE&limit=100');
    await devicesShown(new RegExp(`of ${filtered.total}$`));
    await idsShown(filtered.devices.map((d) => d.id));
    await page.screenshot({ path: join(OUT, 'devices-demo.png') });
    // a bad filter is the server's sentence, not a blank table
    await page.fill('input[aria-label=vendor]', 'nosuchvendorxyz');
    await page.click('[data-testid=devices-filters] button[type=submit]');
    await page.waitForSelector('[data-testid=devices-error]');
    assert.match((await page.textContent('[data-testid=devices-error]')) ?? '', /"vendor"/);
    await page.goBack();
    await devicesShown(new RegExp(`of ${filtered.total}$`));
    const first = filtered.devices[0]!;
    await page.click(`[data-device="${first.id}"] td[data-column=id] a`);
    await page.waitForSelector(`[data-testid=device-page][data-device="${first.id}"] [data-testid=evidence-table]`);
    assert.equal(await hash(), `#/devices/${encodeURIComponent(first.id)}?snapshot=demo`);
    await page.waitForSelector('[data-testid=neighbours-table], [data-testid=no-neighbours]');
    await page.screenshot({ path: join(OUT, 'device-page.png') });
  });

  it('back and forward walk devices, device pages and tabs; a reload keeps the place', async () => {
    const startId = decodeURIComponent((await hash()).slice('#/devices/'.length).replace(/\?.*$/, ''));
    const links = await server.api<{ links: Array<{ neighbour: { id: string } }> }>(`/api/snapshots/demo/devices/${encodeURIComponent(startId)}/links`);
    assert.ok(links.links.length > 0, 'the demo device has neighbours');
    const next = links.links[0]!.neighbour.id;
    await page.click(`[data-neighbour="${next}"] a`);
    await page.waitForSelector(`[data-testid=device-page][data-device="${next}"]`);
    await page.click('[data-view=findings]');
    await page.waitForSelector('[data-testid=finding-row]');
    await page.goBack();
    await page.waitForSelector(`[data-testid=device-page][data-device="${next}"]`);
    await page.goBack();
    await page.waitForSelector(`[data-testid=device-page][data-device="${startId}"]`);
    await page.goForward();
    await page.waitForSelector(`[data-testid=device-page][data-device="${next}"]`);
    // the URL names the snapshot: a reload (or the link pasted elsewhere) opens the same device in it
    assert.match(await hash(), /[?&]snapshot=demo(&|$)/);
    await page.reload();
    await page.waitForSelector(`[data-testid=device-page][data-device="${next}"] [data-testid=evidence-table]`);
    assert.equal(await page.inputValue('select[aria-label=snapshot]'), 'demo');
  });

  it('a finding has its own URL that opens its evidence panel; closing it is a step back in history', async () => {
    await page.click('[data-view=findings]');
    const row = page.locator('[data-testid=finding-row]').first();
    await row.click();
    await page.waitForSelector('[data-testid=evidence-panel]');
    const h = await hash();
    assert.match(h, /^#\/findings\/[^/?]+\/[^/?]+\?snapshot=demo$/);
    await page.reload();
    await page.waitForSelector('[data-testid=evidence-panel] .finding-summary', { timeout: 120_000 });
    await page.click('[data-testid=evidence-panel] button.close');
    await hashIs('#/findings?snapshot=demo');
    await page.goBack();
    await page.waitForSelector('[data-testid=evidence-panel]');
    assert.equal(await hash(), h);
    await page.click('[data-testid=evidence-panel] button.close');
  });

  it('the screening view shows the registry tables of the inventory screening', async () => {
    await page.click('[data-view=screening]');
    await page.waitForSelector('[data-testid=screening] section[data-table=findings]', { timeout: 120_000 });
    const api = await server.api<{ tables: Array<{ id: string; rows: unknown[] }> }>(`/api/snapshots/demo/tables/screening?inventory=true&asOf=${await page.inputValue('input[name=asOf]')}`);
    const rows = api.tables.find((t) => t.id === 'findings')!.rows.length;
    assert.equal(await page.locator('[data-testid=screening-findings] tbody tr').count(), rows);
    assert.ok(rows > 0, 'the demo has parties on the lists');
    assert.equal(await page.locator('[data-testid=screening-findings] th[data-column=verdict]').textContent(), 'Verdict');
    await page.screenshot({ path: join(OUT, 'screening.png') });
  });

  it('the measured-paths view without measurements says there is nothing to analyse, in the warning box', async () => {
    await page.click('[data-view=paths]');
    await page.waitForSelector('[data-testid=paths] [data-testid=nothing-to-analyse]', { timeout: 60_000 });
    const box = page.locator('[data-testid=nothing-to-analyse]');
    assert.match((await box.textContent()) ?? '', /no measured path/);
    assert.equal(await box.evaluate((e) => e.classList.contains('ok') || e.ownerDocument.defaultView!.getComputedStyle(e).color === 'rgb(46, 125, 50)'), false, 'not green');
    assert.equal(await page.locator('[data-testid=paths] .ok').count(), 0);
    await page.screenshot({ path: join(OUT, 'paths-nothing.png') });
  });

  it('the measured-paths view with traceroutes imported shows the registry tables, as the API', async () => {
    await importPaths([join(PATH_FIXTURES, 'atlas-api.json'), join(PATH_FIXTURES, 'atlas-dump.ndjson')], { db, asnTables: [join(PATH_FIXTURES, 'ip2asn.tsv')] });
    // another window than the run above (whose answer is cached): the imported measurements are read
    await page.fill('input[aria-label=days]', '3660');
    await page.click('[data-testid=paths] button[type=submit]');
    await page.waitForSelector('[data-testid=paths-exposure-destinations] tbody tr', { timeout: 60_000 });
    const api = await server.api<{ tables: Array<{ id: string; rows: unknown[] }> }>('/api/snapshots/demo/tables/paths-exposure?days=3660');
    for (const t of api.tables) {
      const shown = await page.locator(`[data-testid=paths-exposure-${t.id}] tbody tr`).count();
      assert.equal(shown, t.rows.length, t.id);
    }
    assert.ok(api.tables.find((t) => t.id === 'ases')!.rows.length > 0);
    assert.equal(await page.locator('[data-testid=paths] [data-testid=nothing-to-analyse]').count(), 0);
    await page.screenshot({ path: join(OUT, 'paths.png'), fullPage: true });
  });

  it(`the devices view over ${LARGE.toLocaleString('en-US')} devices: last page, sort, operator and text filters, device page`, async () => {
    await page.goto(`${server.url}/#/devices?sort=operator&order=desc&offset=${LARGE - 100}`);
    // the demo (chosen before) has no such page: its range line says so, then the snapshot is chosen
    await devicesShown(/^none of/);
    const requests = devicesRequests(page);
    await recordFrames(page);
    await page.selectOption('select[aria-label=snapshot]', 'large');
    const range = `${(LARGE - 99).toLocaleString('en-US')}–${LARGE.toLocaleString('en-US')} of ${LARGE.toLocaleString('en-US')}`;
    await devicesShown(new RegExp(`^${range}$`));
    const api = await server.api<DevicePage>(`/api/snapshots/large/devices?sort=operator&order=desc&offset=${LARGE - 100}&limit=100`);
    await idsShown(api.devices.map((d) => d.id));
    // a refetch would follow the first answer's render at once: a moment for it to show
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(requests.stop(), [`/api/snapshots/large/devices?sort=operator&order=desc&offset=${LARGE - 100}&limit=100`], 'one devices request for the snapshot chosen');
    const lines = (await framesSeen(page)).filter((f) => f.range !== null);
    assert.deepEqual(lines, [{ range, first: api.devices[0]!.id }], 'no range line but the chosen page\'s, and never over another page\'s rows');
    await page.fill('input[aria-label=operator]', 'Alpen Fiber');
    await page.fill('input[aria-label=text]', 'dev 4242');
    await page.click('[data-testid=devices-filters] button[type=submit]');
    const filtered = await server.api<DevicePage>('/api/snapshots/large/devices?sort=operator&order=desc&operator=Alpen%20Fiber&q=dev%204242&limit=100');
    assert.ok(filtered.total > 0 && filtered.total < 100);
    await devicesShown(new RegExp(`^1–${filtered.total} of ${filtered.total}$`));
    await idsShown(filtered.devices.map((d) => d.id));
    await page.screenshot({ path: join(OUT, 'devices-100k.png') });
    await page.click(`[data-device="${filtered.devices[0]!.id}"] td[data-column=id] a`);
    await page.waitForSelector('[data-testid=neighbours-table] tbody tr');
    assert.deepEqual(trouble.errors.filter((e) => !/status of 400/.test(e)), []);
    assert.deepEqual(trouble.dialogs, []);
  });
});
