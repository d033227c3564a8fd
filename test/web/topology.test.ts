// issue 18 point 4: the topology view explains. On the demo store in Debian's chromium: by default
// it draws only the devices on the sensitive flows' shortest paths (every chokepoint the exposure
// analysis names among them, every connected flow's endpoints, far fewer than the whole network),
// groups them by site or operator, and drills down to a device's k-hop neighbourhood (the same
// devices as a breadth-first search over the API's links here); a click reaches the evidence.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { copyDemoStore } from '../support/demo-store.js';
import { type Dashboard, NEEDS_CHROMIUM, openDashboard, type PageTrouble, REPO, watch } from './browser.js';

const OUT = join(REPO, 'test-output');

interface TopologyAnswer {
  nodes: Array<{ id: string; vendor: string | null; untrusted: boolean }>;
  links: Array<{ a: string; b: string }>;
}

interface ReportAnswer {
  exposure: { chokepoints: Array<{ id: string }>; flows: Array<{ src: string; dst: string; class: string; exposure: string }> };
}

/** The devices within k links of `centre`, by breadth-first search. */
function within(t: TopologyAnswer, centre: string, k: number): Set<string> {
  const nb = new Map<string, string[]>();
  for (const l of t.links) {
    nb.set(l.a, [...(nb.get(l.a) ?? []), l.b]);
    nb.set(l.b, [...(nb.get(l.b) ?? []), l.a]);
  }
  const seen = new Set([centre]);
  let frontier = [centre];
  for (let i = 0; i < k; i++) frontier = frontier.flatMap((v) => (nb.get(v) ?? []).filter((u) => !seen.has(u) && seen.add(u)));
  return seen;
}

async function drawn(page: Page): Promise<{ mode: string; nodes: number; total: number }> {
  const el = page.locator('[data-testid=topology]');
  return { mode: (await el.getAttribute('data-mode'))!, nodes: Number(await el.getAttribute('data-nodes')), total: Number(await el.getAttribute('data-total')) };
}

/** The ids of the devices drawn (the view puts them on the canvas's container). */
function nodeIds(page: Page): Promise<string[]> {
  return page.$eval('[data-testid=topology]', (el) => (el as unknown as { topologyNodes?: string[] }).topologyNodes ?? []);
}

/** Waits for the canvas to be drawn with `nodes` devices (a new graph clears data-render-ms). */
async function renderedWith(page: Page, nodes: number): Promise<void> {
  await page.waitForSelector(`[data-testid=topology][data-nodes="${nodes}"][data-render-ms]`, { timeout: 60_000 });
}

describe('topology view on the demo, in chromium', NEEDS_CHROMIUM, () => {
  let server: Dashboard;
  let browser: Browser;
  let page: Page;
  let trouble: PageTrouble;
  let topo: TopologyAnswer;
  let report: ReportAnswer;

  before(async () => {
    server = await openDashboard('cleanpath-topology-', copyDemoStore);
    browser = server.browser;
    topo = await server.api<TopologyAnswer>('/api/snapshots/demo/topology');
    report = await server.api<ReportAnswer>('/api/snapshots/demo/report');
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    trouble = watch(page);
    await page.goto(`${server.url}/#token=${server.token}`);
    await page.waitForSelector('[data-testid=overview]', { timeout: 120_000 });
    await page.click('[data-view=topology]');
    await page.waitForSelector('[data-testid=topology][data-render-ms]', { timeout: 60_000 });
  });
  after(() => server?.close());

  it("draws the sensitive flows' paths by default, chokepoints and endpoints included", async () => {
    const d = await drawn(page);
    assert.equal(d.mode, 'paths');
    assert.equal(d.total, topo.nodes.length);
    assert.ok(d.nodes > 0 && d.nodes < d.total / 2, `${d.nodes} of ${d.total} devices`);
    const ids = new Set(await nodeIds(page));
    assert.equal(ids.size, d.nodes, 'the view lists what it draws');
    assert.ok(report.exposure.chokepoints.length > 0);
    for (const c of report.exposure.chokepoints) assert.ok(ids.has(c.id), `chokepoint ${c.id} drawn`);
    for (const f of report.exposure.flows) if (f.class === 'sensitive' && f.exposure !== 'unreachable') assert.ok(ids.has(f.src) && ids.has(f.dst), `flow ${f.src} → ${f.dst}`);
    mkdirSync(OUT, { recursive: true });
    await page.locator('.topology').screenshot({ path: join(OUT, 'topology-default.png') });
  });

  it('groups by operator on request', async () => {
    const bySite = await page.$$eval('.group-labels [data-group]', (els) => els.map((e) => e.getAttribute('data-group')!));
    assert.ok(bySite.length > 0 && bySite.every((k) => !k.startsWith('operator:')));
    await page.selectOption('select[aria-label="group by"]', 'operator');
    await page.waitForSelector('.group-labels [data-group^="operator:"]');
    await page.selectOption('select[aria-label="group by"]', 'site');
  });

  it("drills down to a device's k-hop neighbourhood; a click on it opens its evidence", async () => {
    const target = topo.nodes.find((n) => n.untrusted)!;
    await page.fill('input[aria-label="find device"]', target.id);
    await page.click('button:text-is("Find")');
    const two = within(topo, target.id, 2);
    await renderedWith(page, two.size);
    assert.equal((await drawn(page)).mode, 'drill');
    assert.deepEqual(new Set(await nodeIds(page)), two);
    await page.locator('.topology').screenshot({ path: join(OUT, 'topology-drill-down.png') });
    await page.selectOption('select[aria-label="hops"]', '1');
    const one = within(topo, target.id, 1);
    assert.ok(one.size < two.size);
    await renderedWith(page, one.size);
    const at = await page.waitForSelector('[data-testid=topology][data-found-at]');
    const [x, y] = (await at.getAttribute('data-found-at'))!.split(',').map(Number) as [number, number];
    const box = (await page.locator('[data-testid=topology]').boundingBox())!;
    await page.mouse.click(box.x + x, box.y + y);
    await page.locator(`[data-testid=evidence-panel] [data-device="${target.id}"]`).waitFor();
    await page.click('[data-testid=evidence-panel] button.close');
  });

  it('nothing went wrong in the page', () => {
    assert.deepEqual(trouble.errors, []);
    assert.deepEqual(trouble.dialogs, []);
  });
});
