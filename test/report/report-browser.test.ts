// issue 18 point 5: the HTML report reads in minutes. In Debian's Chromium at 1,400 px: the demo
// report is at most 15,000 px tall, every finding's device is still in it (its group may be
// closed), and no two labels of the deadline timeline overlap. The PDF printed through
// playwright-core has more than one page, a header naming the snapshot, the catalog version and
// the as-of date on every page, and page numbers (read back with poppler's pdftotext).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { writeDemoScenario } from '../../src/demo/index.js';
import { findingSubject } from '../../src/report/finding-groups.js';
import { renderHtml } from '../../src/report/html.js';
import { buildReportModel, type ReportModel } from '../../src/report/model.js';
import { renderPdf } from '../../src/report/pdf.js';
import { isInputError } from '../../src/model/index.js';
import { buildProgram } from '../../src/cli/program.js';
import { runCli } from '../../src/cli/run.js';
import { peer } from '../support/peer.js';
import { importInto, launchChromium, NEEDS_CHROMIUM, REPO } from '../web/browser.js';
import { labelBoxes, overlaps } from '../support/label-boxes.js';

const OUT = join(REPO, 'test-output');
const VIEWPORT = { width: 1400, height: 900 };
// the as-of date of the picture: "2027" was drawn over "2026-12-31"
const AS_OF = '2026-12-31';
const SNAPSHOT = 'demo-2026-q4';
const MAX_HEIGHT = 15_000;
const hasPoppler = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).error === undefined;

/** Text without the isolates (FSI … PDI) and <bdi> boundaries the report puts around values. */
const bare = (s: string): string => s.replace(/[\u2066-\u2069]/g, '').trim();

/** The CLI as main.ts runs it, in this process (a spawned tsx costs more than the command): exit code and stderr. */
async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  const write = process.stderr.write.bind(process.stderr);
  let stderr = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    await runCli(buildProgram(), ['node', 'cleanpath', ...args]);
  } finally {
    process.stderr.write = write;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { code, stderr };
}

describe('the HTML report in chromium, and the PDF', NEEDS_CHROMIUM, () => {
  let dir: string;
  let db: string;
  let model: ReportModel;
  let browser: Browser;
  let page: Page;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cleanpath-report-browser-'));
    db = join(dir, 'demo.db');
    const { files } = writeDemoScenario(join(dir, 'demo'));
    await importInto(db, files, SNAPSHOT);
    model = await buildReportModel({ db, asOf: AS_OF, untrusted: ['huawei', 'zte'], budget: '3000000/year', budgetStart: '2027-01-01', planTimeLimit: 20 });
    writeFileSync(join(dir, 'report.html'), renderHtml(model));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(`file://${join(dir, 'report.html')}`, { waitUntil: 'load' });
  });
  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`the demo report is at most ${MAX_HEIGHT.toLocaleString('en-US')} px tall at 1,400 px, summary first`, async () => {
    const height = await page.evaluate('document.documentElement.scrollHeight');
    assert.ok(typeof height === 'number' && height > 2000 && height <= MAX_HEIGHT, `page height ${String(height)} px`);
    assert.equal(await page.locator('main > section').first().getAttribute('id'), 'summary');
    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: join(OUT, 'report-demo.png'), fullPage: true });
  });

  it('every finding is a row of its rule-and-status group, the rule text once per group', async () => {
    const subjects = (await page.locator('#finding-groups tr.finding > td:first-child').allTextContents()).map(bare);
    assert.deepEqual(subjects.sort(), model.findings.map(findingSubject).sort());
    const groups = page.locator('#finding-groups details.fgroup');
    const keys = new Set(model.findings.map((f) => `${f.status} ${f.rule}`));
    assert.equal(await groups.count(), keys.size, 'one group per rule and status');
    assert.equal(await page.locator('#finding-groups .rule-text').count(), keys.size, 'the rule text once per group');
    // the urgent groups are open, the others closed (and their rows are still there)
    const open = await groups.evaluateAll((ds) => ds.map((d) => [d.getAttribute('data-status'), (d as unknown as { open: boolean }).open] as const));
    for (const [status, isOpen] of open) assert.equal(isOpen, status === 'overdue' || status === 'banned-new-install', `${status} group open: ${isOpen}`);
  });

  it('the filter finds a device in a closed group and opens it', async () => {
    const f = model.findings.find((x) => x.status === 'advisory' && x.device)!;
    await page.fill('#f-text', f.device!);
    const row = page.locator('#finding-groups tr.finding', { hasText: f.device! }).first();
    assert.ok(await row.isVisible(), 'the matching row is shown');
    assert.match((await page.textContent('#f-count')) ?? '', /^[1-9]\d* shown$/);
    await page.fill('#f-text', '');
  });

  it('no two labels of the deadline timeline overlap, and overdue findings are on it', async () => {
    const boxes = await labelBoxes(page, '#deadlines svg.timeline');
    assert.ok(boxes.some((b) => b.text.includes(AS_OF)) && boxes.some((b) => bare(b.text) === '2027'), 'the as-of date and the year after it are both labelled');
    assert.deepEqual(overlaps(boxes), []);
    const overdue = model.findings.filter((f) => f.status === 'overdue');
    assert.ok(overdue.length > 0, 'the demo has overdue findings');
    assert.equal(await page.locator('#deadlines svg.timeline g.row.overdue').count(), new Set(overdue.map((f) => `${f.rule} ${f.deadline}`)).size);
  });

  it('the boxes check catches an overlap', () => {
    assert.equal(overlaps([{ text: '2027', x0: 10, x1: 40, y0: 0, y1: 12 }, { text: '2026-12-31', x0: 0, x1: 70, y0: 0, y1: 12 }]).length, 1);
  });

  it('the PDF: pages with the snapshot, catalog version and as-of date in the header, page numbers, every group open', peer('poppler', hasPoppler || 'pdftotext is not installed'), async () => {
    const pdf = join(dir, 'report.pdf');
    writeFileSync(pdf, await renderPdf(model));
    assert.equal(readFileSync(pdf).subarray(0, 5).toString('latin1'), '%PDF-');
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    assert.ok(pages > 1, `${pages} pages`);
    assert.match(info, /\(A4\)/);
    const second = spawnSync('pdftotext', ['-layout', '-f', '2', '-l', '2', pdf, '-'], { encoding: 'utf8' }).stdout;
    assert.match(second, new RegExp(`snapshot ${SNAPSHOT}`), 'the header names the snapshot on page 2');
    assert.match(second, new RegExp(`catalog ${model.catalogVersion.replace(/\./g, '\\.')} · rules as of ${AS_OF}`));
    assert.match(second, new RegExp(`page 2 of ${pages}`));
    // pdftotext joins a word broken at its hyphen: compared without hyphens
    const all = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout.replace(/-/g, '');
    const closed = model.findings.filter((f) => f.status === 'advisory' && f.device).map((f) => f.device!);
    assert.ok(closed.length && closed.every((d) => all.includes(d.replace(/-/g, ''))), 'groups closed on screen are printed open');
  });

  it('without Chromium, a clear error (an InputError: the CLI exits 2)', async () => {
    const saved = process.env.CLEANPATH_CHROMIUM;
    process.env.CLEANPATH_CHROMIUM = join(dir, 'no-chromium');
    try {
      await assert.rejects(renderPdf(model), (e: unknown) => isInputError(e) && /^--format pdf: needs Chromium to print the report, and there is none at .*no-chromium: install it/.test(e.message));
    } finally {
      if (saved === undefined) delete process.env.CLEANPATH_CHROMIUM;
      else process.env.CLEANPATH_CHROMIUM = saved;
    }
  });

  it('report --format pdf --paper letter through the CLI; without -o a clear error and exit 2', async () => {
    // a store of three devices: the command's path is under test here, not the demo's analyses
    const small = join(dir, 'small.db');
    writeFileSync(join(dir, 'small.csv'), 'id,name,vendor,layer,country\nr1,core 1,Huawei,core,DE\nr2,core 2,Nokia,core,DE\nr3,edge 3,Cisco,access,DE\n');
    await importInto(small, [join(dir, 'small.csv')], 'small');
    const pdf = join(dir, 'letter.pdf');
    const ok = await cli(['report', '--db', small, '--as-of', AS_OF, '--no-plan', '--format', 'pdf', '--paper', 'letter', '-o', pdf]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(readFileSync(pdf).subarray(0, 5).toString('latin1'), '%PDF-');
    if (hasPoppler) assert.match(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout, /612 x 792 pts \(letter\)/);
    const noFile = await cli(['report', '--db', small, '--format', 'pdf']);
    assert.equal(noFile.code, 2);
    assert.match(noFile.stderr, /--format pdf: writes a file: give it one with -o FILE/);
  });
});
