import type { Command } from 'commander';
import { InputError } from '../../model/index.js';
import { isRealDate, todayUtc } from '../../policy/index.js';
import {
  bundledLists, loadListFile, MATCH_THRESHOLD, POSSIBLE_THRESHOLD, screenInventory, Screener,
  type ScreeningFinding, type ScreeningList, type ScreenResult,
} from '../../screen/index.js';
import { openStore, storeLabel } from '../../store/index.js';
import { loadCatalog } from '../../vendors/index.js';
import { DEFAULT_DB, outputFormatOf, parseOutputFormat } from '../options.js';
import { render, renderJson, renderTable, type OutputFormat, type Row } from '../output.js';

interface ScreenCliOptions {
  inventory?: boolean;
  db: string;
  snapshot?: string;
  list?: string[];
  bundled: boolean;
  country?: string;
  asOf?: string;
  threshold?: string;
  possible?: string;
  limit?: string;
  failOn?: string;
  format?: OutputFormat;
  json?: boolean;
}

const collectFiles = (v: string, prev: string[] = []) => [...prev, v];

function score(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > 1) throw new InputError(name, undefined, `${v} is not a score in (0, 1]`);
  return n;
}

/** The lists to screen against: the bundled ones unless --no-bundled, then every --list file. */
export function screeningLists(files: readonly string[], bundled: boolean): ScreeningList[] {
  const lists = bundled ? bundledLists() : [];
  const ids = new Set(lists.map((l) => l.id));
  for (const f of files) {
    const l = loadListFile(f);
    let id = l.id;
    for (let i = 2; ids.has(id); i++) id = `${l.id}-${i}`;
    ids.add(id);
    lists.push({ ...l, id });
  }
  if (lists.length === 0) throw new InputError('--list', undefined, 'no lists to screen against (--no-bundled needs at least one --list FILE)');
  return lists;
}

export function listSummary(lists: readonly ScreeningList[]): Row[] {
  return lists.map((l) => ({
    list: l.id, version: l.version, 'dated by': l.versionSource, parties: l.entities.length,
    listed: l.entities.filter((e) => e.listed).length, file: l.file, title: l.title,
  }));
}

function listCell(h: { list: { id: string; version: string } }): string {
  return `${h.list.id}@${h.list.version}`;
}

function nameRows(results: readonly ScreenResult[]): Row[] {
  const rows: Row[] = [];
  for (const r of results) {
    if (r.hits.length === 0) rows.push({ name: r.query, verdict: 'no-match', score: r.score });
    for (const h of r.hits) {
      rows.push({
        name: r.query, verdict: h.verdict, score: h.score, list: listCell(h), 'listed party': h.listed.name,
        via: h.via === 'listed' ? 'listed' : h.pathText, entry: h.matched.source, why: h.explanationText,
      });
    }
  }
  return rows;
}

export function findingRows(findings: readonly ScreeningFinding[]): Row[] {
  return findings.map((f) => ({
    role: f.role, party: f.party, devices: f.deviceCount, verdict: f.verdict, score: f.score, list: listCell(f.hit),
    'listed party': f.hit.listed.name,
    via: f.via === 'listed' ? 'listed' : f.via === 'ownership' ? f.hit.pathText : `equipment of ${f.hit.listed.name}`,
    why: f.via === 'equipment' ? f.reason : f.hit.explanationText,
    'first device': f.devices[0] ? `${f.devices[0].id} @ ${f.devices[0].source}` : '',
  }));
}

const NAME_COLUMNS = ['name', 'verdict', 'score', 'list', 'listed party', 'via', 'why'];
const FINDING_COLUMNS = ['role', 'party', 'devices', 'verdict', 'score', 'list', 'listed party', 'via', 'why'];

export function register(program: Command): void {
  program
    .command('screen')
    .description('Screen company names — or every maker, supplier, reseller and maintainer in the store — against restricted-party lists')
    .argument('[names...]', 'company names to screen')
    .option('--inventory', 'screen every maker and party of a snapshot in the store')
    .option('--db <path>', 'store for --inventory: an SQLite file or a postgres:// URL', DEFAULT_DB)
    .option('-s, --snapshot <name>', 'snapshot to read (default: the latest)')
    .option('--list <file>', 'a list file: CSL bulk JSON or FollowTheMoney JSON lines (repeatable)', collectFiles)
    .option('--no-bundled', 'leave out the bundled lists (sample CSL and OpenSanctions files, FCC Covered List from the policy catalog)')
    .option('--country <cc>', 'country of the named parties (ISO 3166 alpha-2): a soft signal')
    .option('--as-of <date>', 'judge listings and ownership as of this day, YYYY-MM-DD (default: today, UTC)')
    .option('--threshold <score>', `score at or above which a name is a match (default ${MATCH_THRESHOLD}, as yente)`)
    .option('--possible <score>', `score at or above which a name is a possible match (default ${POSSIBLE_THRESHOLD})`)
    .option('--limit <n>', 'most hits per name (default 5)')
    .option('--fail-on <verdict>', 'exit 1 when any hit is at least: match or possible')
    .option('--format <fmt>', 'table, csv or json', parseOutputFormat, 'table')
    .option('--json', 'same as --format json')
    .addHelpText(
      'after',
      `
Verdicts: match (score >= 0.7), possible (>= 0.5), no-match. The score is the best name
comparison (same tokens after normalisation = 1; else weighted token overlap with typos
credited, or character overlap for glued words) plus country (+0.05 same, -0.1 other).
A party owned by a listed party (FtM Ownership or parent links, or a catalog subsidiary)
is a hit with the ownership path. Lists are read at screen time, each dated (the date the
file states, else one in its file name, else its modification day): docs/screening.md.

Examples:
  cleanpath screen "HUAWEI TECHNOLOGIES CO.,LTD" "Hik Vision" "Ericsson AB"
  cleanpath screen --inventory --db cleanpath-demo/demo.db
  cleanpath screen --inventory --list consolidated.json --list entities.ftm.json --json
  cleanpath screen --no-bundled --list our-list.ftm.jsonl "Acme Trading" --fail-on possible`,
    )
    .action(runScreen);
}

/** The checked settings of --as-of, --threshold, --possible, --limit, --country and --fail-on. */
function screenSettings(names: string[], opts: ScreenCliOptions) {
  if (!opts.inventory && names.length === 0) throw new InputError('screen', undefined, 'name at least one company, or use --inventory');
  const asOf = opts.asOf ?? todayUtc();
  if (!isRealDate(asOf)) throw new InputError('--as-of', undefined, `${asOf} is not a date as YYYY-MM-DD`);
  const threshold = score('--threshold', opts.threshold, MATCH_THRESHOLD);
  const possible = score('--possible', opts.possible, POSSIBLE_THRESHOLD);
  if (possible > threshold) throw new InputError('--possible', undefined, `must not be above --threshold (${threshold})`);
  const limit = opts.limit === undefined ? 5 : Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new InputError('--limit', undefined, `${opts.limit} is not a positive integer`);
  const country = opts.country?.toUpperCase();
  if (country !== undefined && !/^[A-Z]{2}$/.test(country)) throw new InputError('--country', undefined, `${opts.country} is not an ISO 3166 alpha-2 code`);
  const failOn = opts.failOn;
  if (failOn !== undefined && failOn !== 'match' && failOn !== 'possible') throw new InputError('--fail-on', undefined, `expected match or possible, not ${failOn}`);
  return { asOf, threshold, possible, limit, country, failOn };
}

async function runScreen(names: string[], opts: ScreenCliOptions): Promise<void> {
  const { asOf, threshold, possible, limit, country, failOn } = screenSettings(names, opts);
  // Every list is read (and rejected, with file:line) before the store is opened.
  const lists = screeningLists(opts.list ?? [], opts.bundled);
  const screener = new Screener(lists, { asOf, threshold, possible, limit });
  const format = outputFormatOf(opts);
  const meta = { asOf, threshold, possible, lists: listSummary(lists) };
  const verdicts = opts.inventory
    ? await screenStoredInventory(opts, screener, lists, format, meta)
    : screenNames(names, country, screener, lists, format, meta);
  const failed = failOn === undefined ? 0 : verdicts.filter((v) => v === 'match' || (failOn === 'possible' && v === 'possible')).length;
  if (failed > 0) {
    process.stderr.write(`cleanpath: ${failed} hit(s) at or above --fail-on ${failOn}\n`);
    process.exitCode = 1;
  }
}

interface ScreenMeta {
  asOf: string;
  threshold: number;
  possible: number;
  lists: Row[];
}

/** --inventory: every maker and party of the snapshot; prints the findings, returns their verdicts. */
async function screenStoredInventory(opts: ScreenCliOptions, screener: Screener, lists: readonly ScreeningList[], format: OutputFormat, meta: ScreenMeta): Promise<string[]> {
  const { asOf } = meta;
  const catalog = new Map(loadCatalog().vendors.map((v) => [v.slug, v.legalNames[0]]));
  const store = openStore(opts.db, { readonly: true });
  let snapshot: string;
  let result;
  try {
    const snap = await store.resolveSnapshot(opts.snapshot);
    snapshot = snap.name;
    result = screenInventory(await store.devices(snap.id), screener, (v) => catalog.get(v));
  } finally {
    await store.close();
  }
  if (format === 'json') {
    process.stdout.write(renderJson({ ...meta, db: storeLabel(opts.db), snapshot, parties: result.parties.length, findings: result.findings }));
  } else if (format === 'csv') {
    process.stdout.write(render('csv', findingRows(result.findings), [...FINDING_COLUMNS, 'first device']));
  } else {
    const out = process.stdout;
    out.write(`Screening of snapshot ${snapshot} as of ${asOf}: ${result.parties.length} distinct makers and parties against ${lists.length} list(s)\n\n`);
    out.write(render('table', listSummary(lists), ['list', 'version', 'dated by', 'parties', 'listed', 'file']) + '\n');
    if (result.findings.length === 0) out.write('No hits.\n');
    else {
      out.write(`${result.findings.filter((f) => f.verdict === 'match').length} match(es), ${result.findings.filter((f) => f.verdict === 'possible').length} possible\n`);
      out.write(renderTable(findingRows(result.findings), FINDING_COLUMNS, 100));
    }
  }
  return result.findings.map((f) => f.verdict);
}

/** Names on the command line; prints their hits, returns their verdicts. */
function screenNames(names: string[], country: string | undefined, screener: Screener, lists: readonly ScreeningList[], format: OutputFormat, meta: ScreenMeta): string[] {
  const results = names.map((n) => screener.screen(n, country));
  if (format === 'json') process.stdout.write(renderJson({ ...meta, results }));
  else if (format === 'csv') process.stdout.write(render('csv', nameRows(results), [...NAME_COLUMNS, 'entry']));
  else {
    process.stdout.write(`Screened as of ${meta.asOf} against ${lists.map((l) => `${l.id}@${l.version}`).join(', ')}\n\n`);
    process.stdout.write(renderTable(nameRows(results), NAME_COLUMNS, 100));
  }
  return results.flatMap((r) => r.hits.map((h) => h.verdict));
}

/** The demo's screening: every party of the snapshot against the bundled lists, as of a date. */
export async function demoScreening(db: string, snapshot: string, asOf: string) {
  const lists = screeningLists([], true);
  const screener = new Screener(lists, { asOf, limit: 3 });
  const catalog = new Map(loadCatalog().vendors.map((v) => [v.slug, v.legalNames[0]]));
  const store = openStore(db, { readonly: true });
  try {
    const snap = await store.resolveSnapshot(snapshot);
    return { lists: listSummary(lists), ...screenInventory(await store.devices(snap.id), screener, (v) => catalog.get(v)) };
  } finally {
    await store.close();
  }
}

/** A short text section: the hits on suppliers, resellers and maintainers (makers are what `check` covers). */
export async function renderDemoScreeningSection(db: string, snapshot: string, asOf: string): Promise<string> {
  const s = await demoScreening(db, snapshot, asOf);
  const parties = s.findings.filter((f) => f.role !== 'maker');
  // One row per party: its best hit (findings come best first).
  const seen = new Set<string>();
  const rows = findingRows(parties.filter((f) => {
    const k = `${f.role}\u0000${f.party}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  }));
  const makers = new Set(s.findings.filter((f) => f.role === 'maker' && f.verdict === 'match').map((f) => f.party));
  const clean = s.parties.filter((p) => p.role !== 'maker' && p.result.verdict === 'no-match' && !s.findings.some((f) => f.party === p.name)).map((p) => p.name);
  return (
    `Supplier screening as of ${asOf} against ${s.lists.map((l) => `${l.list}@${l.version}`).join(', ')}: ` +
    `${makers.size} listed maker(s); suppliers, resellers and maintainers with hits:\n` +
    renderTable(rows, ['role', 'party', 'devices', 'verdict', 'score', 'list', 'via', 'why'], 90) +
    `No hit: ${[...new Set(clean)].join('; ') || 'none'}\nDetails: cleanpath screen --inventory --db ${db} --as-of ${asOf}\n`
  );
}
