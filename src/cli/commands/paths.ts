// `cleanpath paths import|exposure`: measured paths (traceroutes) through networks you do not
// own — which cross untrusted vendors' routers, ASes or countries, at which hop, how often.
// `paths exposure` is generated from the registry (src/analyses/paths-exposure.ts); its side
// files, traceroute files and table layout are its adapter's, here.
import type { Command } from 'commander';
import type { AnyAnalysis } from '../../analyses/define.js';
import { pathsExposure, TIME_FORMS, timeSeconds, type PathsExposureAnalysis } from '../../analyses/paths-exposure.js';
import { InputError } from '../../model/index.js';
import { importPaths, type PathExposureDocument } from '../../paths/index.js';
import { openStore, storeLabel } from '../../store/index.js';
import { registerAnalysisCommand, type CliAdapter } from '../analysis-command.js';
import { collectList, DEFAULT_DB, parsePositiveInt } from '../options.js';
import { render, renderJson, type Row } from '../output.js';
import { createProgress } from '../progress.js';
import { waitOption, waitOptions } from '../wait-option.js';
import { terminalSafe } from '../run.js';

interface EnrichOpts {
  asnTable?: string[];
  rir?: string[];
  mmdb?: string[];
}

interface ImportOpts extends EnrichOpts {
  db: string;
  org: string;
  site?: string;
  time?: string;
  json?: boolean;
  /** --wait: seconds to wait for another import writing to the store (issue 16). */
  wait: number;
}

/** --time and the like: a date (YYYY-MM-DD, UTC midnight), an ISO time or seconds since the epoch → seconds. */
function parseTime(flag: string, v: string): number {
  const t = timeSeconds(v);
  if (t === undefined) throw new InputError(flag, undefined, `expected ${TIME_FORMS}, got "${v}"`);
  return t;
}

function addEnrichOptions(cmd: Command): Command {
  return cmd
    .option('--asn-table <file>', 'IP-to-ASN ranges, iptoasn TSV (ip2asn-v4.tsv, -v6, -combined, -v4-u32; .gz ok); repeatable', collectList)
    .option('--rir <file>', 'RIR delegated(-extended) statistics for the country of each block; repeatable (one per registry)', collectList)
    .option('--mmdb <file>', 'MaxMind-format database (GeoLite2 Country/City/ASN...); repeatable', collectList);
}

function enrichFiles(o: EnrichOpts) {
  return { asnTables: o.asnTable ?? [], rirFiles: o.rir ?? [], mmdbFiles: o.mmdb ?? [] };
}

const day = (t: number | null) => (t === null ? '' : new Date(t * 1000).toISOString().slice(0, 16).replace('T', ' '));

function tableOutput(doc: PathExposureDocument, top: number): string {
  const out: string[] = [];
  const s = doc.summary;
  const p = doc.predicate;
  out.push(
    `${s.measurements} measured path(s), ${s.exposed} exposed (${s.measurements ? Math.round((s.exposed / s.measurements) * 1000) / 10 : 0}%), ${doc.window.first ?? '-'} .. ${doc.window.last ?? '-'}`,
    `untrusted: ${[p.vendors.length ? `vendors ${p.vendors.join(',')}` : '', p.ases.length ? `AS ${p.ases.join(',')}` : '', p.countries.length ? `countries ${p.countries.join(',')}` : '', p.operators.length ? `operators ${p.operators.join(',')}` : ''].filter(Boolean).join('; ') || 'nothing'}`,
    `hop addresses: ${s.addressesSeen} seen, ${s.addressesWithAs} with an AS, ${s.addressesWithCountry} with a country, ${s.addressesIdentified} identified (${doc.routers.identified} routers, ${doc.routers.aliases} with aliases)`,
    '',
  );
  const dest: Row[] = doc.byDestination.slice(0, top * 5).map((d) => ({
    site: d.site,
    destination: d.destination,
    paths: d.measurements,
    exposed: d.exposed,
    share: `${Math.round(d.share * 1000) / 10}%`,
    last_exposed: day(d.lastExposedTime),
    untrusted_hops: d.hits.slice(0, 4).map((h) => `#${h.ttl} ${h.address} (${h.reasons.join(', ')}) ×${h.count}`).join('; '),
  }));
  out.push('Per site and destination:', render('table', dest, ['site', 'destination', 'paths', 'exposed', 'share', 'last_exposed', 'untrusted_hops']));
  const cross = (title: string, rows: PathExposureDocument['byAs']) => {
    if (!rows.length) return;
    out.push(
      title,
      render(
        'table',
        rows.slice(0, top).map((r) => ({ key: r.key, name: r.label ?? '', untrusted: r.untrusted ? 'yes' : '', paths: r.measurements, sites: r.sites, destinations: r.destinations, hops: r.ttlMin === r.ttlMax ? String(r.ttlMin) : `${r.ttlMin}-${r.ttlMax}` })),
        ['key', 'name', 'untrusted', 'paths', 'sites', 'destinations', 'hops'],
      ),
    );
  };
  cross('Crossed ASes:', doc.byAs);
  cross('Crossed countries:', doc.byCountry);
  cross('Vendors of identified hops:', doc.byVendor);
  const routers = doc.routerRows.filter((r) => r.untrusted);
  if (routers.length) {
    out.push(
      'Untrusted routers on measured paths:',
      render(
        'table',
        routers.slice(0, top).map((r) => ({ router: r.router, name: r.name ?? '', vendor: r.vendor, conf: r.confidence, addresses: r.addresses.join(' '), paths: r.measurements, hops: r.ttlMin === r.ttlMax ? String(r.ttlMin) : `${r.ttlMin}-${r.ttlMax}` })),
        ['router', 'name', 'vendor', 'conf', 'addresses', 'paths', 'hops'],
      ),
    );
  }
  return out.join('\n') + '\n';
}

/**
 * `paths import` here; `paths exposure` is generated from the registry (src/analyses/paths-exposure.ts)
 * with the other analyses, which makes the `paths` command first. A program of only these
 * commands (the path tests') gets it here.
 */
export function register(program: Command): void {
  const paths = (program.commands.find((c) => c.name() === 'paths') ?? program.command('paths')).description(
    'Measured paths (traceroutes) through networks you do not own: which cross untrusted vendors, ASes or countries',
  );
  registerImport(paths);
  if (!paths.commands.some((c) => c.name() === 'exposure')) registerAnalysisCommand(program, pathsExposure as unknown as AnyAnalysis, exposureAdapter as unknown as CliAdapter);
}

function registerImport(paths: Command): void {
  addEnrichOptions(
    paths
      .command('import')
      .description('Import traceroutes (RIPE Atlas JSON, mtr --json, sc_warts2json, traceroute text), each hop enriched with its AS and country')
      .argument('<files...>', 'traceroute files; the format is recognised by content')
      .option('--db <path>', 'store: an SQLite file or a postgres:// URL', DEFAULT_DB)
      .option('--org <name>', 'organisation the measurements belong to', 'default')
      .option('--site <name>', 'the site these were measured from (default: the Atlas probe, else the source)')
      .option('--time <when>', 'start time for mtr and traceroute text, which print none (default: the file time)'),
  )
    .option('--json', 'print the import summary as JSON')
    .addOption(waitOption())
    .addHelpText(
      'after',
      `
Enrichment data is loaded once and indexed; what it says about each hop is stored with
the measurement. Importing the same measurement twice adds nothing.

Examples:
  cleanpath paths import atlas-5001-2026-11.json --asn-table ip2asn-combined.tsv.gz \\
      --rir delegated-ripencc-extended-latest --rir delegated-apnic-extended-latest
  mtr --json -n -c 10 example.net > mtr.json && cleanpath paths import mtr.json --site ramstein
  traceroute -n example.net > tr.txt && cleanpath paths import tr.txt --site aviano --time 2026-11-30T10:00:00Z`,
    )
    .action(runImport);
}

async function runImport(files: string[], opts: ImportOpts): Promise<void> {
  const progress = createProgress('paths');
  const store = openStore(opts.db, waitOptions(opts.wait, () => progress.done()));
  const s = await importPaths(files, {
    db: opts.db,
    store,
    organisation: opts.org,
    ...enrichFiles(opts),
    ...(opts.site !== undefined ? { site: opts.site } : {}),
    ...(opts.time !== undefined ? { time: parseTime('--time', opts.time) } : {}),
    onWarning: (w) => process.stderr.write(`warning: ${terminalSafe(w)}\n`),
    onProgress: (n) => progress.update(n, undefined, 'measurements'),
  }).finally(() => store.close());
  progress.done();
  if (opts.json) process.stdout.write(renderJson(s));
  else {
    process.stdout.write(`${s.measurements} measurement(s), ${s.hops} hops imported into ${storeLabel(opts.db)}${s.duplicates ? `; ${s.duplicates} already there` : ''}\n`);
    for (const e of s.enrichment) process.stdout.write(`  enriched with ${e}\n`);
  }
  if (s.measurements + s.duplicates === 0) process.exitCode = 1;
}

/** `paths exposure`: side files, the organisation, traceroute files as arguments, and the table layout. */
export const exposureAdapter: CliAdapter<PathsExposureAnalysis> = {
  format: 'table',
  text: (doc, _p, opts) => tableOutput(doc, opts.top as number),
  options(cmd: Command) {
    addEnrichOptions(cmd)
      .option('--org <name>', 'organisation whose measurements and snapshot to use', 'default')
      .option('--discovery <file>', '`cleanpath probe snmp --json` output identifying hop addresses; repeatable', collectList)
      .option('--time <when>', 'start time for mtr and traceroute text files given directly')
      .option('--top <n>', 'rows per table (table output)', parsePositiveInt, 20)
  },
  // Traceroute files are read here, never by the API: arguments, not a parameter.
  arguments: { name: 'files', description: 'traceroute files to analyse directly (RIPE Atlas JSON, mtr, scamper, traceroute text), besides the store\'s measurements' },
  source: (opts) => ({
    ...enrichFiles(opts as EnrichOpts),
    organisation: opts.org as string,
    files: opts.files as string[],
    ...(opts.discovery !== undefined && { discovery: opts.discovery as string[] }),
    ...(typeof opts.time === 'string' && { time: parseTime('--time', opts.time) }),
    storeLabel: storeLabel(opts.db as string),
  }),
};
