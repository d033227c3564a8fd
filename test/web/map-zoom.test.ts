// issue 18 point 2: the dashboard's map zooms and clusters. On the demo store in Debian's
// chromium: at first sight nearby sites are merged (fewer markers than sites, every site in
// exactly one marker); zooming in (a cluster click, the buttons, the keyboard) splits them and
// swaps in the finer coastline; a click on a site lists the site's devices as the API has them.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { copyDemoStore } from '../support/demo-store.js';
import { type Dashboard, NEEDS_CHROMIUM, openDashboard, type PageTrouble, REPO, watch } from './browser.js';

const OUT = join(REPO, 'test-output');

interface Markers {
  singles: string[];
  clusters: Array<{ key: string; sites: number }>;
  zoom: number;
}

function markers(page: Page): Promise<Markers> {
  return page.$eval('svg[data-testid=map]', (svg) => {
    return {
      singles: [...svg.querySelectorAll('.sites circle[data-site]')].map((c) => c.getAttribute('data-site')!),
      clusters: [...svg.querySelectorAll('.sites g[data-cluster]')].map((g) => ({ key: g.getAttribute('data-cluster')!, sites: Number(g.getAttribute('data-sites')) })),
      zoom: Number(svg.getAttribute('data-zoom')),
    };
  });
}

/** Waits until the map's zoom settles at something other than `from`. */
async function zoomedFrom(page: Page, from: number): Promise<number> {
  await page.waitForFunction(`Number(document.querySelector('svg[data-testid=map]').getAttribute('data-zoom')) !== ${from}`);
  await page.waitForTimeout(200);
  return (await markers(page)).zoom;
}

describe('map zoom and clusters on the demo, in chromium', NEEDS_CHROMIUM, () => {
  let server: Dashboard;
  let browser: Browser;
  let page: Page;
  let trouble: PageTrouble;
  let located: Array<{ id: string; name: string; devices: number }>;
  let links: Array<{ a: string; b: string; links: number }>;

  before(async () => {
    server = await openDashboard('cleanpath-map-', copyDemoStore);
    browser = server.browser;
    const report = await server.api<{ sites: Array<{ id: string; name: string; lat: number | null; devices: number }>; links: typeof links }>('/api/snapshots/demo/report');
    located = report.sites.filter((s) => s.lat !== null);
    links = report.links;
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    trouble = watch(page);
    await page.goto(`${server.url}/#token=${server.token}`);
    await page.waitForSelector('[data-testid=overview]', { timeout: 120_000 });
    await page.click('[data-view=map]');
    await page.locator('svg[data-testid=map] .countries path').nth(50).waitFor({ state: 'attached', timeout: 30_000 });
  });
  after(() => server?.close());

  it('clusters at first sight: fewer markers than sites, each site in one marker, links bundled', async () => {
    const m = await markers(page);
    assert.equal(m.zoom, 1);
    const drawn = m.singles.length + m.clusters.length;
    const covered = m.singles.length + m.clusters.reduce((a, c) => a + c.sites, 0);
    assert.ok(located.length > 100, `the demo has ${located.length} located sites`);
    assert.equal(covered, located.length, 'every located site in exactly one marker');
    assert.ok(drawn < located.length / 3, `${drawn} markers for ${located.length} sites`);
    // one line per pair of markers: never more lines than site pairs, and the device links add up
    const lines = await page.$$eval('svg[data-testid=map] .links line', (ls) => ls.map((l) => Number(l.getAttribute('data-links'))));
    assert.ok(lines.length > 0 && lines.length < links.length, `${lines.length} lines for ${links.length} site pairs`);
    assert.ok(lines.reduce((a, b) => a + b, 0) <= links.reduce((a, l) => a + l.links, 0));
    mkdirSync(OUT, { recursive: true });
    await page.locator('.mapview').screenshot({ path: join(OUT, 'map-zoom-1.png') });
  });

  it('a click on a cluster zooms in and splits it; the coastline gets finer', async () => {
    const before = await markers(page);
    const biggest = before.clusters.sort((a, b) => b.sites - a.sites)[0]!;
    await page.click(`svg[data-testid=map] g[data-cluster="${biggest.key}"]`);
    const k = await zoomedFrom(page, 1);
    assert.ok(k > 1, `zoomed to ${k}`);
    const after = await markers(page);
    const biggestAfter = Math.max(1, ...after.clusters.map((c) => c.sites));
    assert.ok(after.singles.length + after.clusters.length > 1, 'the cluster is split into several markers');
    assert.ok(biggestAfter < biggest.sites, `largest marker now ${biggestAfter} sites, ${biggest.sites} before`);
    // more zoom through the buttons and the keyboard: markers only split further
    await page.click('button[aria-label="zoom in"]');
    const k2 = await zoomedFrom(page, k);
    await page.focus('svg[data-testid=map]');
    await page.keyboard.press('+');
    const k3 = await zoomedFrom(page, k2);
    assert.ok(k3 > k2 && k2 > k, `${k} → ${k2} → ${k3}`);
    assert.ok(k3 >= 3);
    // world-atlas 50m from zoom 3 (10m from 12), each loaded when first needed
    await page.waitForSelector('svg[data-testid=map]:is([data-coastline="50m"], [data-coastline="10m"])', { timeout: 30_000 });
    await page.locator('.mapview').screenshot({ path: join(OUT, 'map-zoom-2.png') });
    // closer still, until single sites show (demo sites of one city sit a few km apart)
    let closer = await markers(page);
    for (let i = 0; i < 8 && !closer.singles.length; i++) {
      await page.keyboard.press('+');
      await zoomedFrom(page, closer.zoom);
      closer = await markers(page);
    }
    assert.ok(closer.singles.length > 0, `single sites at zoom ${closer.zoom}`);
    assert.ok(Math.max(1, ...closer.clusters.map((c) => c.sites)) <= biggestAfter);
    await page.waitForSelector('svg[data-testid=map][data-coastline="10m"]', { timeout: 30_000 });
    await page.locator('.mapview').screenshot({ path: join(OUT, 'map-zoom-3.png') });
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('0');
    await page.waitForSelector('svg[data-testid=map][data-zoom="1.000"]');
  });

  it("a click on a site lists the site's devices as the API has them", async () => {
    // a site drawn alone at first sight
    const { singles } = await markers(page);
    const site = located.find((s) => singles.includes(s.id) && s.devices > 1) ?? located.find((s) => singles.includes(s.id))!;
    await page.click(`svg[data-testid=map] circle[data-site="${site.id}"]`, { force: true });
    await page.waitForSelector(`[data-testid=site-info][data-marker="site:${site.id}"] [data-testid=site-devices]`, { timeout: 60_000 });
    const shown = await page.$$eval('[data-testid=site-devices] [data-device]', (bs) => bs.map((b) => b.getAttribute('data-device')!));
    const topo = await server.api<{ nodes: Array<{ id: string; site: string | null }> }>('/api/snapshots/demo/topology');
    const want = topo.nodes.filter((n) => n.site === site.id).map((n) => n.id);
    assert.equal(want.length, site.devices);
    assert.deepEqual([...shown].sort(), want.sort().slice(0, 60).sort());
    // a flow opens its own page
    for (const href of await page.$$eval('[data-testid=site-flows] a', (as) => as.map((a) => a.getAttribute('href')!))) assert.match(href, /^#\/flows\/./);
    // a device opens its evidence
    await page.click(`[data-testid=site-devices] [data-device="${want[0]}"]`);
    await page.waitForSelector('[data-testid=evidence-panel]');
  });

  it('nothing went wrong in the page', () => {
    assert.deepEqual(trouble.errors, []);
    assert.deepEqual(trouble.dialogs, []);
  });
});
