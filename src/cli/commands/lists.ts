// `cleanpath lists` (what is installed) and `cleanpath lists update` (download the current
// Consolidated Screening List and OpenSanctions data, check, date and install them, keeping
// the previous copy). `screen` then uses the newest download over the bundled samples.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import {
  DEFAULT_LIMITS, installedLists, listSources, listsDir, LISTS_DIR_ENV, readSourcesFile, updateList,
  type DownloadProgress, type InstalledList, type UpdateOutcome,
} from '../../screen/index.js';
import { addOutputOptions, collectList, outputFormatOf } from '../options.js';
import { render, renderTable, type OutputFormat, type Row } from '../output.js';
import { parseByteSize } from './serve.js';

const DIR_HELP = `where downloaded lists are kept (default: $${LISTS_DIR_ENV}, else $XDG_DATA_HOME or ~/.local/share, under cleanpath/lists)`;

interface UpdateOptions {
  listsDir?: string;
  only?: string[];
  cslUrl?: string;
  opensanctionsUrl?: string;
  sources?: string;
  maxSize: number;
  timeout: number;
  format?: OutputFormat;
  json?: boolean;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number of seconds > 0');
  return n;
}

function httpUrl(value: string): string {
  if (!/^https?:\/\/\S+$/.test(value)) throw new InvalidArgumentError('expected an http(s) URL');
  return value;
}

function installedRow(l: InstalledList): Row {
  const c = l.current;
  return {
    list: l.source.id, version: c?.version ?? 'not downloaded', records: c?.records, listed: c?.listed, downloaded: c?.downloadedAt,
    sha256: c?.sha256.slice(0, 12), previous: l.previous?.downloadedAt, url: c?.url ?? l.source.url,
  };
}

function outcomeRow(o: UpdateOutcome): Row {
  if (o.status === 'refused') return { list: o.id, status: 'refused', detail: `${o.reason}; ${o.kept ? `kept the copy downloaded ${o.kept.downloadedAt}` : 'none installed'}` };
  const m = o.meta;
  const was = o.status === 'updated' && o.previous ? `; previous ${o.previous.downloadedAt} kept` : '';
  return { list: o.id, status: o.status, detail: `${m.records} records (${m.listed} listed), version ${m.version}, sha256 ${m.sha256.slice(0, 12)}${was}` };
}

/** Progress of long downloads on stderr, a line about every 2 s, so logs stay readable. */
function progressFor(id: string): DownloadProgress {
  const started = Date.now();
  let last = started;
  return (received, total) => {
    const now = Date.now();
    if (now - last < 2000) return;
    last = now;
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    process.stderr.write(`lists update: ${id} ${mb(received)} MB${total ? ` of ${mb(total)} MB` : ''} in ${Math.round((now - started) / 1000)} s\n`);
  };
}

async function runUpdate(opts: UpdateOptions): Promise<void> {
  const dir = listsDir(opts.listsDir);
  // a sources.json in the lists directory configures a cron job or a server without flags
  const sourcesFile = opts.sources ?? (existsSync(join(dir, 'sources.json')) ? join(dir, 'sources.json') : undefined);
  const fromFile = sourcesFile ? readSourcesFile(sourcesFile) : {};
  const sources = listSources({ ...fromFile, ...(opts.cslUrl && { csl: opts.cslUrl }), ...(opts.opensanctionsUrl && { opensanctions: opts.opensanctionsUrl }) }, opts.only);
  const limits = { maxBytes: opts.maxSize, timeoutMs: opts.timeout * 1000 };
  const outcomes: UpdateOutcome[] = [];
  for (const s of sources) {
    process.stderr.write(`lists update: ${s.id} from ${s.url}\n`);
    outcomes.push(await updateList(s, dir, limits, progressFor(s.id)));
  }
  const format = outputFormatOf(opts);
  const rows = outcomes.map(outcomeRow);
  // the detail is the point of the table (why a list was refused): not cut at the usual width
  process.stdout.write(format === 'table' ? renderTable(rows, ['list', 'status', 'detail'], 200) : render(format, rows, ['list', 'status', 'detail'], { dir, outcomes }));
  // A refused list is a failed update even though screening still works on the kept copy.
  if (outcomes.some((o) => o.status === 'refused')) process.exitCode = 1;
}

function show(opts: { listsDir?: string; format?: OutputFormat; json?: boolean }): void {
  const dir = listsDir(opts.listsDir);
  const installed = installedLists(dir);
  const columns = ['list', 'version', 'records', 'listed', 'downloaded', 'sha256', 'previous', 'url'];
  process.stdout.write(render(outputFormatOf(opts), installed.map(installedRow), columns, { dir, lists: installed }));
  if (!installed.some((l) => l.current)) process.stderr.write(`No lists downloaded in ${dir}: screen uses the bundled samples; run cleanpath lists update\n`);
}

export function register(program: Command): void {
  const lists = program
    .command('lists')
    .description('Restricted-party lists downloaded for screen: what is installed (lists show, the default), lists update');
  // Options live on the subcommands: a parent's option would take the subcommand's flag of the same name.
  addOutputOptions(
    lists
      .command('show', { isDefault: true })
      .description('What is installed: each list with its version, records, download time, sha256, previous copy and URL')
      .option('--lists-dir <dir>', DIR_HELP),
  ).action(show);
  const update = lists
    .command('update')
    .description('Download the Consolidated Screening List and OpenSanctions data, check that they parse and hold records, and install them (the previous copy is kept; a refused download changes nothing)')
    .option('--lists-dir <dir>', DIR_HELP)
    .option('--only <ids>', 'only these lists: csl, opensanctions', collectList)
    .option('--csl-url <url>', 'where to download the CSL bulk JSON (default: trade.gov)', httpUrl)
    .option('--opensanctions-url <url>', 'where to download OpenSanctions FollowTheMoney entities (default: the sanctions collection)', httpUrl)
    .option('--sources <file.json>', 'URLs from a file: {"csl": "https://…", "opensanctions": "https://…"} (default: sources.json in the lists dir, if any; flags win)')
    .option('--max-size <size>', 'largest download, e.g. 512M', parseByteSize, DEFAULT_LIMITS.maxBytes)
    .option('--timeout <seconds>', 'time allowed for each download', seconds, DEFAULT_LIMITS.timeoutMs / 1000);
  addOutputOptions(update)
    .addHelpText('after', `
Exit codes: 0 every list updated or unchanged, 1 a list was refused (its previous copy stays in use).

Examples:
  cleanpath lists update
  cleanpath lists update --only csl --csl-url https://mirror.example.org/consolidated.json
  cleanpath lists                                   # what screen will use, with dates and sha256`)
    .action(runUpdate);
}
