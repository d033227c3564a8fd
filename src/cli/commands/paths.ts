// `cleanpath paths import|exposure`: measured paths (traceroutes) through networks you do not
// own — which cross untrusted vendors' routers, ASes or countries, at which hop, how often.
import { writeFile } from 'node:fs/promises';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_UNTRUSTED, resolveCountries } from '../../analyses/untrusted.js';
import { checkSnapshotVendors } from '../network-input.js';
import { InputError } from '../../model/index.js';
import { analysePathExposure, importPaths, lastDays, type PathExposureDocument, type WindowFilter } from '../../paths/index.js';
import { openStore, storeLabel } from '../../store/index.js';
import { collectList, collectVendors, DEFAULT_DB, parsePositiveInt } from '../options.js';
import { render, renderJson, type Row } from '../output.js';
import { createProgress } from '../progress.js';

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
}

interface ExposureOpts extends EnrichOpts {
  db: string;
  org: string;
  snapshot?: string;
  discovery?: string[];
  site?: string[];
  time?: string;
  since?: string;
  until?: string;
  days?: number;
  untrusted?: string[];
  avoidCountry?: string[];
  avoidOperator?: string[];
  avoidAs?: number[];
  format: 'table' | 'csv' | 'json';
  json?: boolean;
  output?: string;
  examples: number;
  top: number;
}

/** `--avoid-as 4134,AS4837` → [4134, 4837] */
export function collectAsns(value: string, previous: number[] = []): number[] {
  const out = [...previous];
  for (const part of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const n = Number(part.replace(/^as/i, ''));
    if (!Number.isInteger(n) || n <= 0 || n > 0xffffffff) throw new InvalidArgumentError(`"${part}" is not an AS number`);
    out.push(n);
  }
  return out;
}

/** A date (YYYY-MM-DD, UTC midnight) or an ISO time → seconds since the epoch. */
function parseTime(flag: string, v: string): number {
  const t = /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(`${v}T00:00:00Z`) : /^\d+$/.test(v) ? Number(v) * 1000 : Date.parse(v);
  if (!Number.isFinite(t)) throw new InputError(flag, undefined, `expected a date (YYYY-MM-DD), an ISO time or seconds since the epoch, got "${v}"`);
  return Math.floor(t / 1000);
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
  for (const n of doc.notes) out.push(`note: ${n}`);
  return out.join('\n') + '\n';
}

function csvOutput(doc: PathExposureDocument): string {
  const rows: Row[] = doc.byDestination.map((d) => ({
    site: d.site,
    destination: d.destination,
    measurements: d.measurements,
    exposed: d.exposed,
    share: d.share,
    first: new Date(d.firstTime * 1000).toISOString(),
    last: new Date(d.lastTime * 1000).toISOString(),
    untrusted_hops: d.hits.map((h) => `${h.ttl} ${h.address} ${h.reasons.join('+')} x${h.count}`).join('; '),
  }));
  return render('csv', rows, ['site', 'destination', 'measurements', 'exposed', 'share', 'first', 'last', 'untrusted_hops']);
}

export function register(program: Command): void {
  const paths = program.command('paths').description('Measured paths (traceroutes) through networks you do not own: which cross untrusted vendors, ASes or countries');
  registerImport(paths);
  registerExposure(paths);
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
  const s = await importPaths(files, {
    db: opts.db,
    organisation: opts.org,
    ...enrichFiles(opts),
    ...(opts.site !== undefined ? { site: opts.site } : {}),
    ...(opts.time !== undefined ? { time: parseTime('--time', opts.time) } : {}),
    onWarning: (w) => process.stderr.write(`warning: ${w}\n`),
    onProgress: (n) => progress.update(n, undefined, 'measurements'),
  });
  progress.done();
  if (opts.json) process.stdout.write(renderJson(s));
  else {
    process.stdout.write(`${s.measurements} measurement(s), ${s.hops} hops imported into ${storeLabel(opts.db)}${s.duplicates ? `; ${s.duplicates} already there` : ''}\n`);
    for (const e of s.enrichment) process.stdout.write(`  enriched with ${e}\n`);
  }
  if (s.measurements + s.duplicates === 0) process.exitCode = 1;
}

function registerExposure(paths: Command): void {
  addEnrichOptions(
    paths
      .command('exposure')
      .description('Which measured paths cross untrusted vendors, ASes or countries, at which hop, how often; per site, destination, AS, country and vendor')
      .argument('[files...]', 'analyse these traceroute files directly instead of the stored measurements')
      .option('--db <path>', 'store (an SQLite file or a postgres:// URL): measurements, and the snapshot whose devices identify hops', DEFAULT_DB)
      .option('--org <name>', 'organisation whose measurements and snapshot to use', 'default')
      .option('-s, --snapshot <name>', 'snapshot whose devices (e.g. from `probe snmp --import`) identify hop addresses (default: the latest)')
      .option('--discovery <file>', '`cleanpath probe snmp --json` output identifying hop addresses; repeatable', collectList)
      .option('--site <names>', 'only paths measured from these sites', collectList)
      .option('--since <date>', 'window start (inclusive)')
      .option('--until <date>', 'window end (exclusive)')
      .option('--days <n>', 'window of the last N days (up to --until, else the last measurement)', parsePositiveInt)
      .option('--time <when>', 'start time for mtr and traceroute text files given directly')
      .option('--untrusted <vendors>', `untrusted vendors, comma separated: slugs or names (default ${DEFAULT_UNTRUSTED.join(',')} when no --avoid-* is given)`, collectVendors)
      .option('--avoid-as <asns>', 'also avoid these ASes, e.g. 4134,4837,9808,58453', collectAsns)
      .option('--avoid-country <codes>', 'also avoid hops in these countries (ISO alpha-2; from the enrichment data, else the device)', collectList)
      .option('--avoid-operator <names>', 'also avoid routers of these operators (from the store)', collectList),
  )
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
    .option('--json', 'shorthand for --format json')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--examples <n>', 'exposed measurements shown hop by hop in JSON', parsePositiveInt, 20)
    .option('--top <n>', 'rows per table', parsePositiveInt, 20)
    .addHelpText(
      'after',
      `
A path is exposed when any hop answered from an untrusted router (its vendor from SNMPv3
discovery or the store), an AS or a country to avoid. Late replies (RIPE Atlas "late")
are not counted as their hop's address. Routers are grouped by engine ID, boots and
engine time (alias resolution), so one router seen from several interfaces counts once.

Examples:
  cleanpath paths exposure --days 30 --avoid-as 4134,4837,9808,58453 --avoid-country CN
  cleanpath paths exposure --untrusted huawei,zte --site atlas-probe-6001 --json
  cleanpath paths exposure tr.txt --discovery hops.json --asn-table ip2asn-v4.tsv`,
    )
    .action(runExposure);
}

async function runExposure(files: string[], opts: ExposureOpts): Promise<void> {
  const window = await windowOf(files, opts);
  const doc = await analysePathExposure({
    ...enrichFiles(opts),
    db: opts.db,
    organisation: opts.org,
    ...(files.length ? { files } : {}),
    ...(opts.snapshot !== undefined ? { snapshot: opts.snapshot } : {}),
    ...(opts.discovery ? { discovery: opts.discovery } : {}),
    ...(opts.time !== undefined ? { time: parseTime('--time', opts.time) } : {}),
    window,
    ...(opts.untrusted ? { untrusted: await checkSnapshotVendors(opts.untrusted, '--untrusted', opts.db, opts.snapshot) } : {}),
    ...(opts.avoidAs ? { avoidAs: opts.avoidAs } : {}),
    ...(opts.avoidCountry ? { avoidCountry: resolveCountries(opts.avoidCountry, '--avoid-country') } : {}),
    ...(opts.avoidOperator ? { avoidOperator: opts.avoidOperator } : {}),
    examples: opts.examples,
  });
  const format = opts.json ? 'json' : opts.format;
  const text = format === 'json' ? renderJson(doc) : format === 'csv' ? csvOutput(doc) : tableOutput(doc, opts.top);
  if (opts.output) await writeFile(opts.output, text);
  else process.stdout.write(text);
}

/** The time window and sites of --since, --until, --days and --site. */
async function windowOf(files: string[], opts: ExposureOpts): Promise<WindowFilter> {
  let window: WindowFilter = { organisation: opts.org };
  if (opts.since) window.since = parseTime('--since', opts.since);
  if (opts.until) window.until = parseTime('--until', opts.until);
  if (opts.site?.length) window.sites = opts.site;
  if (opts.days !== undefined && window.until === undefined && !files.length) {
    // Counting back from the newest stored measurement needs the store.
    const store = openStore(opts.db, { readonly: true });
    try {
      window = await lastDays(store, window, opts.days);
    } finally {
      await store.close();
    }
  } else if (opts.days !== undefined) window = await lastDays(undefined, window, opts.days);
  return window;
}
