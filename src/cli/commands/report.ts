// `cleanpath report`: one report of a snapshot (inventory, findings with evidence and sources,
// flow exposure, kill-switch, replacement plan, deadlines) as self-contained HTML, Markdown, CSV
// or JSON. Register in src/cli/program.ts.
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { todayUtc } from '../../policy/index.js';
import { renderCsvReport } from '../../report/csv.js';
import { renderHtml } from '../../report/html.js';
import { renderJsonReport } from '../../report/json.js';
import { renderMarkdown } from '../../report/markdown.js';
import { PAPER_SIZES, renderPdf, requireChromium, type PaperSize } from '../../report/pdf.js';
import { InputError } from '../../model/index.js';
import { buildReportModel, type ReportModel } from '../../report/model.js';
import { REPORT_PARAMS, type ReportParams } from '../../report/params.js';
import { DEFAULT_UNTRUSTED } from '../../analyses/untrusted.js';
import { addParamOptions, parseCliParams } from '../analysis-command.js';
import { checkSnapshotVendors } from '../network-input.js';
import { DEFAULT_DB } from '../options.js';

export const REPORT_FORMATS = ['html', 'md', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
/** Formats of the command: the text ones, and PDF (printed by Chromium, binary, to a file only). */
const CLI_FORMATS = [...REPORT_FORMATS, 'pdf'] as const;
type CliFormat = (typeof CLI_FORMATS)[number];

interface ReportCliOptions {
  format: CliFormat;
  paper: PaperSize;
  output?: string;
  db: string;
  snapshot?: string;
}

export function renderReport(model: ReportModel, format: ReportFormat): string {
  switch (format) {
    case 'html':
      return renderHtml(model);
    case 'md':
      return renderMarkdown(model);
    case 'csv':
      return renderCsvReport(model);
    case 'json':
      return renderJsonReport(model);
  }
}

export function register(program: Command): void {
  const cmd = program
    .command('report')
    .description('Write a report of a snapshot: summary, map, vendor shares, findings with evidence, flow exposure, kill-switch, plan, deadlines (HTML is one self-contained file)')
    .addOption(new Option('--format <format>', 'report format (pdf: the HTML report printed by Chromium, with -o)').choices([...CLI_FORMATS]).default('html'))
    .addOption(new Option('--paper <size>', 'paper size of --format pdf').choices([...PAPER_SIZES]).default('a4'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--db <path>', 'store to read: an SQLite file or a postgres:// URL', DEFAULT_DB)
    .option('-s, --snapshot <name>', 'snapshot of the store (default: the latest)')
    .option('--whatif <scenario.yaml>', 'add a What if section: the snapshot under this scenario file beside the baseline (cleanpath whatif --help; docs/policy.md)');
  // the same parameters, descriptions and defaults as the API's report query (src/report/params.ts)
  addParamOptions(cmd, { params: REPORT_PARAMS });
  cmd
    .addHelpText(
      'after',
      `
Examples:
  cleanpath report --db cleanpath-demo/demo.db --as-of 2026-12-31 -o report.html
  cleanpath report --format md --untrusted huawei,zte,h3c -o report.md
  cleanpath report --format csv --snapshot 2026-q4 > report.csv
  cleanpath report --format pdf --paper letter -o report.pdf      # needs Chromium (/usr/bin/chromium)
  cleanpath report --snapshot 2026-q4 --since 2026-q3 -o report.html   # with what changed since`,
    )
    .action(async (opts: ReportCliOptions & Record<string, unknown>) => {
      const p = parseCliParams({ params: REPORT_PARAMS }, opts) as ReportParams;
      // checked before the analyses run: a PDF is binary, and minutes of work should not end in a refusal
      if (opts.format === 'pdf' && !opts.output) throw new InputError('--format pdf', undefined, 'writes a file: give it one with -o FILE');
      if (opts.format === 'pdf') requireChromium();
      const model = await buildReportModel({
        db: opts.db,
        snapshot: opts.snapshot,
        asOf: p.asOf ?? todayUtc(),
        untrusted: p.untrusted ? await checkSnapshotVendors(p.untrusted, '--untrusted', opts.db, opts.snapshot) : DEFAULT_UNTRUSTED,
        budget: p.budget,
        budgetStart: p.budgetStart,
        planTimeLimit: p.timeLimit,
        noPlan: !p.plan,
        assumeInScope: p.assumeInScope,
        includeUnverified: p.includeUnverified,
        since: p.since,
        whatif: opts.whatif as string | undefined,
      });
      // The report is still written (devices, findings); the flow part says why it is empty.
      if (model.nothingToAnalyse) process.stderr.write(`note: ${model.nothingToAnalyse}\n`);
      const text = opts.format === 'pdf' ? await renderPdf(model, opts.paper) : renderReport(model, opts.format);
      if (opts.output) {
        await writeFile(opts.output, text);
        process.stderr.write(`report written to ${opts.output}\n`);
      } else process.stdout.write(text);
    });
}
