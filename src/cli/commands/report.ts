// `cleanpath report`: one report of a snapshot (inventory, findings with evidence and sources,
// flow exposure, kill-switch, replacement plan, deadlines) as self-contained HTML, Markdown, CSV
// or JSON. Register in src/cli/program.ts.
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { InputError } from '../../model/index.js';
import { isRealDate, todayUtc } from '../../policy/index.js';
import { renderCsvReport } from '../../report/csv.js';
import { renderHtml } from '../../report/html.js';
import { renderJsonReport } from '../../report/json.js';
import { renderMarkdown } from '../../report/markdown.js';
import { buildReportModel, type ReportModel } from '../../report/model.js';
import { checkSnapshotVendors } from '../network-input.js';
import { collectVendors } from '../options.js';
import { DEFAULT_DB } from '../options.js';
import { DEFAULT_UNTRUSTED } from '../../analyses/plan-run.js';

export const REPORT_FORMATS = ['html', 'md', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

interface ReportCliOptions {
  format: ReportFormat;
  output?: string;
  db: string;
  snapshot?: string;
  asOf?: string;
  untrusted?: string[];
  budget?: string;
  budgetStart?: string;
  plan: boolean;
  timeLimit?: string;
  assumeInScope?: boolean;
  since?: string;
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
  program
    .command('report')
    .description('Write a report of a snapshot: summary, map, vendor shares, findings with evidence, flow exposure, kill-switch, plan, deadlines (HTML is one self-contained file)')
    .addOption(new Option('--format <format>', 'report format').choices([...REPORT_FORMATS]).default('html'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--db <path>', 'store to read: an SQLite file or a postgres:// URL', DEFAULT_DB)
    .option('-s, --snapshot <name>', 'snapshot of the store (default: the latest)')
    .option('--as-of <date>', 'date for the policy check and deadlines (default: today)')
    .option('--untrusted <vendors>', `untrusted vendors, comma separated (default ${DEFAULT_UNTRUSTED.join(',')})`, collectVendors)
    .option('--budget <amount/period>', 'replacement budget, e.g. 2000000/year: phases the plan')
    .option('--budget-start <date>', 'first day of the first budget period (default: the as-of date)')
    .option('--time-limit <seconds>', 'wall-clock limit for the planner', '60')
    .option('--no-plan', 'skip the replacement plan')
    .option('--since <snapshot>', 'an earlier snapshot: the report says what changed since (flows whose exposure changed, findings opened and closed)')
    .option('--assume-in-scope', 'policy check: read a blank layer, technology, network, use or installed date as in scope instead of needs-data (the report says so)')
    .addHelpText(
      'after',
      `
Examples:
  cleanpath report --db cleanpath-demo/demo.db --as-of 2026-12-31 -o report.html
  cleanpath report --format md --untrusted huawei,zte,h3c -o report.md
  cleanpath report --format csv --snapshot 2026-q4 > report.csv
  cleanpath report --snapshot 2026-q4 --since 2026-q3 -o report.html   # with what changed since`,
    )
    .action(async (opts: ReportCliOptions) => {
      const asOf = opts.asOf ?? todayUtc();
      if (!isRealDate(asOf)) throw new InputError('--as-of', undefined, `expected a date as YYYY-MM-DD, got "${opts.asOf}"`);
      const timeLimit = Number(opts.timeLimit ?? 60);
      if (!Number.isFinite(timeLimit) || timeLimit <= 0) throw new InputError('--time-limit', undefined, `expected a positive number of seconds, got "${opts.timeLimit}"`);
      const model = await buildReportModel({
        db: opts.db,
        snapshot: opts.snapshot,
        asOf,
        untrusted: opts.untrusted ? await checkSnapshotVendors(opts.untrusted, '--untrusted', opts.db, opts.snapshot) : DEFAULT_UNTRUSTED,
        budget: opts.budget,
        budgetStart: opts.budgetStart,
        planTimeLimit: timeLimit,
        noPlan: !opts.plan,
        assumeInScope: opts.assumeInScope ?? false,
        since: opts.since,
      });
      // The report is still written (devices, findings); the flow part says why it is empty.
      if (model.nothingToAnalyse) process.stderr.write(`note: ${model.nothingToAnalyse}\n`);
      const text = renderReport(model, opts.format);
      if (opts.output) {
        await writeFile(opts.output, text);
        process.stderr.write(`report written to ${opts.output}\n`);
      } else process.stdout.write(text);
    });
}
