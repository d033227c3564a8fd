// issue 18 point 2: the HTML report's map frames its sites as the dashboard does and adds an inset
// per dense region. The demo report opened in Debian's chromium: lettered frames on the main map,
// one inset per frame below it, each inset holding its region's sites inside its own box (at a
// larger scale than the main map: the region's sites spread wider), every located site once on the
// main map.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { renderHtml } from '../../src/report/html.js';
import { buildReportModel, type ReportModel } from '../../src/report/model.js';
import { copyDemoStore } from '../support/demo-store.js';
import { launchChromium, NEEDS_CHROMIUM, REPO } from './browser.js';

interface Box { x: number; y: number; width: number; height: number }

const inside = (p: Box, b: Box): boolean => p.x + p.width / 2 >= b.x - 0.5 && p.x + p.width / 2 <= b.x + b.width + 0.5 && p.y + p.height / 2 >= b.y - 0.5 && p.y + p.height / 2 <= b.y + b.height + 0.5;

describe("the report's map on the demo, in chromium", NEEDS_CHROMIUM, () => {
  let dir: string;
  let browser: Browser;
  let page: Page;
  let model: ReportModel;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cleanpath-report-map-'));
    const db = await copyDemoStore(dir);
    model = await buildReportModel({ db, asOf: '2026-12-31', untrusted: ['huawei', 'zte'], noPlan: true });
    writeFileSync(join(dir, 'report.html'), renderHtml(model));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`file://${join(dir, 'report.html')}`);
  });
  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has one inset per dense region, each holding its sites at a larger scale', async () => {
    const located = model.sites.filter((s) => s.lat !== null);
    assert.equal(await page.locator('svg.map > g.sites circle[data-site]').count(), located.length, 'every located site once on the main map');
    const insets = page.locator('svg.map g.inset');
    const n = await insets.count();
    assert.ok(n >= 2, `${n} insets`);
    assert.equal(await page.locator('svg.map g.inset-frame').count(), n, 'a lettered frame per inset');
    for (let i = 0; i < n; i++) {
      const g = insets.nth(i);
      const letter = (await g.getAttribute('data-inset'))!;
      const box = (await g.locator('svg').boundingBox())!;
      const frame = (await page.locator('svg.map g.inset-frame').nth(i).locator('rect').boundingBox())!;
      assert.match((await g.locator('text').first().textContent())!, new RegExp(`^${letter} · \\d+ sites`));
      const circles = await g.locator('circle[data-inset-site]').evaluateAll((cs) =>
        cs.map((c) => {
          const r = c.getBoundingClientRect();
          return { id: c.getAttribute('data-inset-site')!, x: r.x, y: r.y, width: r.width, height: r.height };
        }),
      );
      assert.ok(circles.length >= Number(await g.getAttribute('data-inset-sites')), `inset ${letter}: ${circles.length} sites drawn`);
      for (const c of circles) assert.ok(inside(c, box), `${c.id} inside inset ${letter}`);
      // the frame on the main map holds the same region the inset enlarges
      assert.ok(box.width > frame.width * 1.5 || box.height > frame.height * 1.5, `inset ${letter} larger than its frame`);
    }
    mkdirSync(join(REPO, 'test-output'), { recursive: true });
    await page.locator('svg.map').screenshot({ path: join(REPO, 'test-output', 'report-map.png') });
  });
});
