// The report as PDF, for those who file it: the HTML report printed by Debian's Chromium through
// playwright-core (page.pdf), every finding group opened first (paper cannot be clicked), with a
// header on every page (snapshot, catalog version, as-of date) and page numbers in the footer.
// The header and footer templates are HTML Chromium renders outside the page: every value in
// them is escaped like any other untrusted string.
import { existsSync } from 'node:fs';
import { InputError } from '../model/index.js';
import { esc } from './escape.js';
import { renderHtml } from './html.js';
import type { ReportModel } from './model.js';

export const PAPER_SIZES = ['a4', 'letter'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

/** Debian's browser; CLEANPATH_CHROMIUM names another build of Chromium. */
export function chromiumPath(): string {
  return process.env.CLEANPATH_CHROMIUM || '/usr/bin/chromium';
}

const TEMPLATE_STYLE = 'font:8px sans-serif;color:#555;width:100%;margin:0 12mm;display:flex;justify-content:space-between';

/** The line at the top of every page; unicode-bidi isolates each value like <bdi> does in the page. */
export function headerTemplate(m: ReportModel): string {
  const v = (s: string) => `<span style="unicode-bidi:isolate">${esc(s)}</span>`;
  return `<div style="${TEMPLATE_STYLE}"><span>cleanpath report · snapshot ${v(m.source.snapshot)}</span><span>catalog ${v(m.catalogVersion)} · rules as of ${v(m.asOf)}</span></div>`;
}

export function footerTemplate(m: ReportModel): string {
  return `<div style="${TEMPLATE_STYLE}"><span>generated ${esc(m.report.generatedAt)}</span><span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
}

/** The browser's path, or a clear error when there is none (the CLI asks before the analyses run). */
export function requireChromium(): string {
  const path = chromiumPath();
  if (!existsSync(path)) {
    throw new InputError('--format pdf', undefined, `needs Chromium to print the report, and there is none at ${path}: install it (Debian: apt-get install chromium) or set CLEANPATH_CHROMIUM to its path; --format html writes the same report without it`);
  }
  return path;
}

export async function renderPdf(m: ReportModel, paper: PaperSize = 'a4'): Promise<Buffer> {
  const executablePath = requireChromium();
  // loaded here, not with the module: every other command and format goes without it
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage();
    // the page's CSP forbids every fetch, so printing it loads nothing from anywhere
    await page.setContent(renderHtml(m), { waitUntil: 'load' });
    await page.evaluate("document.querySelectorAll('details.fgroup').forEach(function (d) { d.open = true; })");
    return await page.pdf({
      format: paper === 'letter' ? 'Letter' : 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: headerTemplate(m),
      footerTemplate: footerTemplate(m),
      margin: { top: '18mm', bottom: '16mm', left: '12mm', right: '12mm' },
    });
  } finally {
    await browser.close();
  }
}
