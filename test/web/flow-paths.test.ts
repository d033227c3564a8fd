// Issue 18.1 in a real browser: the flow view at its own URL (#/flows/ID), opened from the Flows
// view, draws exactly the paths the API answers (GET /api/snapshots/{s}/flows/{id}/paths), hop by
// hop with the untrusted hops marked by their evidence, the clean alternative with its extra cost
// and the routes on a map; a clean flow shows no untrusted hop; back and forward walk the views;
// an unknown flow is an error naming it. Screenshot: test-output/flow-paths.png.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { ExposureAnalysis } from '../../src/analyses/exposure.js';
import type { FlowPathsAnalysis, FlowRoute } from '../../src/analyses/flow-paths.js';
import { copyDemoStore } from '../support/demo-store.js';
import { type Dashboard, NEEDS_CHROMIUM, openDashboard, type PageTrouble, REPO, watch } from './browser.js';

const SCREENSHOT = join(REPO, 'test-output', 'flow-paths.png');

const devices = (r: FlowRoute): string[] => r.hops.map((h) => h.device);

describe('the flow view, in chromium', NEEDS_CHROMIUM, () => {
  let server: Dashboard;
  let browser: Browser;
  let page: Page;
  let trouble: PageTrouble;
  let flows: ExposureAnalysis['flows'];

  before(async () => {
    server = await openDashboard('cleanpath-web-flow-paths-', copyDemoStore);
    browser = server.browser;
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    trouble = watch(page);
    flows = (await server.api<ExposureAnalysis>('/api/snapshots/demo/exposure')).flows;
  });
  after(() => server?.close());

  const api = (id: string) => server.api<FlowPathsAnalysis>(`/api/snapshots/demo/flows/${encodeURIComponent(id)}/paths`);

  /** The view's hops, per drawn row of `testid`, as device ids. */
  async function drawn(testid: string): Promise<string[][]> {
    return page.locator(`[data-testid=${testid}]`).evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('[data-testid=hop]')].map((h) => h.getAttribute('data-device') ?? '')),
    );
  }

  async function shows(id: string): Promise<FlowPathsAnalysis> {
    await page.locator(`[data-testid=flow-view][data-flow="${id}"]`).waitFor({ timeout: 120_000 });
    const want = await api(id);
    assert.deepEqual(await drawn('flow-path'), want.paths.map(devices), `${id}: the paths drawn are the API's`);
    assert.deepEqual(await drawn('clean-path'), want.clean ? [devices(want.clean)] : [], `${id}: the clean alternative is the API's`);
    assert.equal((await page.locator('[data-testid=flow-exposure]').textContent())?.trim(), want.exposure);
    const marked = await page.locator('[data-testid=flow-path] [data-testid=hop][data-untrusted=true]').evaluateAll((hs) => hs.map((h) => h.getAttribute('data-device')));
    assert.deepEqual(marked, want.paths.flatMap((p) => p.hops.filter((h) => h.untrusted).map((h) => h.device)), `${id}: the untrusted hops marked`);
    return want;
  }

  it('opens an exposed flow from the Flows view: its paths, evidence, clean alternative and map as the API answers them', async () => {
    const exposed = flows.find((f) => f.exposure === 'some' && f.cleanCost !== null && f.cleanCost > (f.cost ?? 0)) ?? flows.find((f) => f.exposure === 'some')!;
    await page.goto(`${server.url}/#token=${server.token}`);
    await page.click('[data-view=flows]');
    await page.locator('[data-testid=flow-link]', { hasText: exposed.id }).first().click();
    assert.equal(new URL(page.url()).hash, `#/flows/${encodeURIComponent(exposed.id)}`);
    const want = await shows(exposed.id);
    assert.ok(want.paths.some((p) => p.hops.some((h) => h.untrusted)), 'the demo flow crosses untrusted equipment');
    const evidence = await page.locator('[data-testid=flow-path] [data-testid=hop-evidence]').first().textContent();
    const first = want.paths.flatMap((p) => p.hops).find((h) => h.untrusted)!;
    assert.ok(first.evidence.every((e) => evidence!.includes(e.kind)), `evidence kinds shown: ${evidence}`);
    const extra = (await page.locator('[data-testid=clean-extra]').textContent()) ?? '';
    assert.ok(want.clean && want.clean.extra !== null);
    assert.match(extra, want.clean.extra === 0 ? /no extra cost/ : new RegExp(`\\+${want.clean.extra}\\b`));
    assert.equal(await page.locator('[data-testid=more-paths]').count(), want.total > want.paths.length ? 1 : 0);
    await page.locator('[data-testid=map-site]').first().waitFor({ timeout: 60_000 });
    assert.ok((await page.locator('[data-testid=map-route]').count()) >= 1);
    mkdirSync(join(REPO, 'test-output'), { recursive: true });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('shows a clean flow by its URL with no untrusted hop; back and forward walk the views', async () => {
    const exposedHash = new URL(page.url()).hash;
    const clean = flows.find((f) => f.exposure === 'none')!;
    await page.evaluate(`window.location.hash = ${JSON.stringify(`#/flows/${encodeURIComponent(clean.id)}`)}`);
    const want = await shows(clean.id);
    assert.ok(want.paths.every((p) => p.hops.every((h) => !h.untrusted)));
    assert.equal(await page.locator('[data-testid=hop][data-untrusted=true]').count(), 0);
    await page.goBack();
    assert.equal(new URL(page.url()).hash, exposedHash);
    await page.locator(`[data-testid=flow-view][data-flow="${decodeURIComponent(exposedHash.slice('#/flows/'.length))}"]`).waitFor();
    await page.goBack();
    await page.locator('[data-testid=flow-link]').first().waitFor();
    await page.goForward();
    await page.locator('[data-testid=flow-view]').waitFor();
    await page.goForward();
    await shows(clean.id);
  });

  it('opened by its URL, draws its map without asking for the report (its sites come with its paths)', async () => {
    const exposed = flows.find((f) => f.exposure === 'some')!;
    const fresh = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const asked: string[] = [];
    fresh.on('request', (r) => asked.push(new URL(r.url()).pathname));
    try {
      await fresh.goto(`${server.url}/#token=${server.token}`);
      await fresh.evaluate(`window.location.hash = ${JSON.stringify(`#/flows/${encodeURIComponent(exposed.id)}`)}`);
      await fresh.locator('[data-testid=map-site]').first().waitFor({ timeout: 60_000 });
      const want = await api(exposed.id);
      const hopSites = new Set([...want.paths, ...(want.clean ? [want.clean] : [])].flatMap((r) => r.hops).map((h) => h.site).filter((x) => x !== null));
      assert.deepEqual(want.sites.map((x) => x.id).sort(), [...hopSites].sort(), "the answer's sites are its hops' sites");
      assert.ok(want.sites.some((x) => x.lat !== null), 'the demo sites have coordinates');
      assert.ok(!asked.some((path) => path.endsWith('/report')), `no report request: ${asked.join(' ')}`);
    } finally {
      await fresh.close();
    }
  });

  it('an unknown flow is an error naming it, not an empty view', async () => {
    await page.evaluate("window.location.hash = '#/flows/no-such-flow'");
    const err = page.locator('.flow-view [role=alert]');
    await err.waitFor({ timeout: 60_000 });
    assert.match((await err.textContent()) ?? '', /no flow 'no-such-flow' in snapshot demo/);
    assert.deepEqual(trouble.errors.filter((e) => !/404/.test(e)), []);
    assert.deepEqual(trouble.dialogs, []);
  });
});
