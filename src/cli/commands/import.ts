import type { Command } from 'commander';
import { FORMATS, parseColumnMap, readColumnMapFile, type ColumnMap, type FormatId } from '../../ingest/index.js';
import { checkNetboxOptions, describeLiveStats } from '../../ingest/netbox/live.js';
import { InputError } from '../../model/index.js';
import { openStore } from '../../store/index.js';
import { importFiles } from '../../store/import-files.js';
import { DEFAULT_DB } from '../options.js';
import { renderJson, renderTable } from '../output.js';
import { createProgress } from '../progress.js';
import { waitOption, waitOptions } from '../wait-option.js';
import { terminalSafe } from '../run.js';

interface ImportOptions {
  db: string;
  snapshot?: string;
  base?: string;
  update?: boolean;
  format?: FormatId;
  strict?: boolean;
  tacDb?: string;
  json?: boolean;
  map?: string;
  mapFile?: string;
  tokenEnv?: string;
  roleMap?: string;
  wait: number;
}

export function register(program: Command): void {
  program
    .command('import')
    .description('Read inventories, topologies and traffic demands into a new snapshot of the store')
    .argument('<files...>', 'files to import, all into one snapshot (format detected from content)')
    .option('--db <path>', 'store: an SQLite file or a postgres:// URL', DEFAULT_DB)
    .option('-s, --snapshot <name>', 'name of the new snapshot (default: import-<time>)')
    .option('--base <snapshot>', 'start the new snapshot from a copy of this one ("latest" for the newest)')
    .option('--update', 'with --base: each device row changes the base device of its id (or, without an id column, its unique name); only filled columns change')
    .option('--format <id>', 'force the format of every file instead of detecting it')
    .option('--strict', 'treat every bad value (unparseable MAC, bad IMEI check digit...) as an error: exit 2, store unchanged')
    .option('--tac-db <file>', 'Osmocom-format TAC CSV used to identify handsets by IMEI')
    .option('--map <renames>', 'rename an inventory\'s columns before reading it: "Vendor Name=vendor,Hostname=name"')
    .option('--map-file <file>', 'the same as a YAML mapping of source column to our column')
    .option('--token-env <var>', 'NetBox source: the environment variable holding the API token (default NETBOX_TOKEN when set)')
    .option('--role-map <map>', 'NetBox source: device role, tag or custom-field value to layer/network, "core-switch=core,dc1=military"')
    .option('--json', 'print the import summary as JSON')
    .addOption(waitOption())
    .addHelpText('after', importHelp())
    .action(runImport);
}

/** The text after the options in `cleanpath import --help`: the formats, what a bad file does, --update, examples. */
function importHelp(): string {
  const formats = FORMATS.map((f) => `  ${f.id.padEnd(16)} ${f.description}`).join('\n');
  return `
Formats (detected from the content; the file name is only a hint):
${formats}

Every import is one transaction: if any file is bad, nothing is written and the
command exits with code 2 and "file:line: what is wrong". Bad values inside a good
file are warnings (file:line) and the device is kept with that evidence marked
invalid; --strict makes them errors. Every link and flow must name devices of the
new snapshot (flows by device id or by a name only one device has): a phantom is
an error at its file:line. A file with no records is said plainly (exit 1 when no
file has any).

One import writes to an SQLite store at a time: another waits its turn (saying so
on stderr) for up to --wait seconds, then exits 2 with "store busy, retry" and the
store unchanged. Token changes never wait for an import (their own file).

With --update, device rows change existing devices instead of adding them: each
row names one device of the base by id, or by name when the file has no id column
(no match, or a name several devices share: file:line, exit 2). Only the columns
a row fills change; a vendor set this way is declared evidence at that file:line,
and the device is identified again. The base stays as it was: the result is a new
snapshot.

Examples:
  cleanpath import inventory.csv links.csv flows.csv --snapshot 2026-q4
  cleanpath import ../shared/data/topologyzoo/Dfn.graphml
  cleanpath import netbox-demo-v3.6.json --db netbox.db
  NETBOX_TOKEN=... cleanpath import netbox+https://netbox.example.net/ --token-env NETBOX_TOKEN --role-map pe=transport
  cleanpath import phones.csv --tac-db tacdb.csv --base latest
  cleanpath import vendors.csv --base latest --update --snapshot with-vendors
      (vendors.csv: "name,vendor,layer" then "Frankfurt,Huawei,core" ...)
  cleanpath import flows.csv --base with-vendors        # src/dst by device id or name`;
}

async function runImport(files: string[], opts: ImportOptions): Promise<void> {
  // A bad map is refused before the store is opened.
  const columns = await columnMapOf(opts);
  checkNetboxOptions(files, opts);
  const progress = createProgress('importing');
  const store = openStore(opts.db, waitOptions(opts.wait, () => progress.done()));
  try {
    const summary = await importFiles(store, files, {
      snapshot: opts.snapshot,
      base: opts.base,
      update: opts.update,
      strict: opts.strict,
      format: opts.format,
      tacCsvPath: opts.tacDb,
      columns,
      netbox: {
        tokenEnv: opts.tokenEnv,
        roleMap: opts.roleMap,
        onPage: (p) => progress.update(p.pages, p.totalPages, `pages of ${p.endpoint}`),
        onStats: (s, label) => process.stderr.write(`${describeLiveStats(s, label)}\n`),
      },
      onProgress: (p) => progress.update(p.records, undefined, p.file),
    });
    progress.done();
    for (const w of summary.warnings.slice(0, 50)) process.stderr.write(`warning: ${terminalSafe(`${w.file}:${w.line}: ${w.message}`)}\n`);
    if (summary.warnings.length > 50) process.stderr.write(`warning: ... and ${summary.warnings.length - 50} more\n`);
    if (opts.json) {
      process.stdout.write(renderJson(summary));
      return;
    }
    process.stdout.write(
      renderTable(
        summary.files.map((f) => ({ file: f.file, format: f.format, devices: f.devices, sites: f.sites, links: f.links, flows: f.flows, warnings: f.warnings })),
        ['file', 'format', 'devices', 'sites', 'links', 'flows', 'warnings'],
        80,
      ),
    );
    process.stdout.write(`snapshot ${summary.snapshot.name} written to ${store.path}\n`);
  } catch (e) {
    progress.done();
    throw e;
  } finally {
    await store.close();
  }
}

async function columnMapOf(opts: ImportOptions): Promise<ColumnMap | undefined> {
  if (opts.map !== undefined && opts.mapFile !== undefined) throw new InputError('--map', undefined, 'give --map or --map-file, not both');
  if (opts.map !== undefined) return parseColumnMap(opts.map);
  return opts.mapFile === undefined ? undefined : readColumnMapFile(opts.mapFile);
}
