// Screening: company names — or every maker, supplier, reseller and maintainer of a snapshot —
// against restricted-party lists (the bundled CSL and OpenSanctions samples and the FCC Covered
// List, plus the caller's list files), each hit with its score, explanation, ownership path and
// the list version it came from. Run as `cleanpath screen NAME...`, served as /screening.
import { z } from 'zod';
import { countryCode, InputError, unknownCountryMessage } from '../model/index.js';
import { todayUtc } from '../policy/index.js';
import {
  bundledLists, downloadedLists, listsDir, loadListFile, MATCH_THRESHOLD, POSSIBLE_THRESHOLD, screenInventory, Screener,
  type ScreeningFinding, type ScreeningList, type ScreenResult,
} from '../screen/index.js';
import { openStore } from '../store/index.js';
import { loadCatalog } from '../vendors/index.js';
import { defineAnalysis, filterName, paramName, type AnalysisDocument, type AnalysisSource, type ColumnSpec, type RunEnv, type TableRow } from './define.js';
import { dateParam, flagParam, intParam, namesParam, optionalChoiceParam, paramCli } from './params.js';

export const SCREEN_FAIL_ON = ['match', 'possible'] as const;

/** The side inputs only the CLI names: list files, and whether the bundled lists count. */
export interface ScreeningSource extends AnalysisSource {
  /** List files: CSL bulk JSON or FollowTheMoney JSON lines (`--list`). */
  lists?: string[];
  /** false: leave the bundled lists out (`--no-bundled`). */
  bundled?: boolean;
  /** How the document names the store (the CLI's --db); absent, as in the API, it names none. */
  storeLabel?: string;
  /** Where `cleanpath lists update` put its downloads (`--lists-dir`); default CLEANPATH_LISTS_DIR, else the user's data dir. */
  listsDir?: string;
}

export interface ScreeningAnalysis extends AnalysisDocument {
  asOf: string;
  threshold: number;
  possible: number;
  /** The lists screened against, each with its version and how it was dated. */
  lists: TableRow[];
  /** Names screened: one result each. */
  results?: ScreenResult[];
  /** --inventory: the store, the snapshot, how many distinct parties, and one finding per hit. */
  db?: string;
  snapshot?: string;
  parties?: number;
  findings?: ScreeningFinding[];
  failOn: (typeof SCREEN_FAIL_ON)[number] | null;
  /** Hits at or above failOn. */
  failed: number;
}

/** A score in (0, 1]. */
function scoreParam(description: string, byDefault: number) {
  const s = z
    .string()
    .max(32)
    .transform((v, ctx) => {
      const n = Number(v);
      if (v.trim() !== '' && Number.isFinite(n) && n > 0 && n <= 1) return n;
      ctx.addIssue({ code: 'custom', message: `${v} is not a score in (0, 1]` });
      return z.NEVER;
    })
    .optional()
    .transform((v) => v ?? byDefault)
    .meta({ description, default: String(byDefault) });
  paramCli.add(s, { valueName: '<score>' });
  return s;
}

/** One country (ISO 3166 alpha-2 code or English name). */
function countryParam(description: string) {
  const s = z
    .string()
    .max(100)
    .transform((v, ctx) => countryCode(v) ?? (ctx.addIssue({ code: 'custom', message: unknownCountryMessage(v) }), z.NEVER))
    .optional()
    .meta({ description, examples: ['CN'] });
  paramCli.add(s, { valueName: '<cc>' });
  return s;
}

/**
 * The lists to screen against: the bundled ones unless `bundled` is false — each sample replaced
 * by the newest download of its list in `downloads` (a lists directory; false: the samples, as
 * the demo's fixed story wants) — then every file.
 */
export function screeningLists(files: readonly string[], bundled: boolean, downloads: string | false = listsDir()): ScreeningList[] {
  const newest = bundled && downloads ? downloadedLists(downloads) : new Map<string, ScreeningList>();
  const lists = bundled ? bundledLists().map((l) => newest.get(l.id) ?? l) : [];
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

export function listSummary(lists: readonly ScreeningList[]): TableRow[] {
  return lists.map((l) => ({
    list: l.id, version: l.version, 'dated by': l.versionSource, parties: l.entities.length,
    listed: l.entities.filter((e) => e.listed).length, file: l.file, title: l.title,
  }));
}

function listCell(h: { list: { id: string; version: string } }): string {
  return `${h.list.id}@${h.list.version}`;
}

/** One row per hit of each name; a name without any is one no-match row. */
export function nameRows(results: readonly ScreenResult[]): TableRow[] {
  const rows: TableRow[] = [];
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

export function findingRows(findings: readonly ScreeningFinding[]): TableRow[] {
  return findings.map((f) => ({
    role: f.role, party: f.party, devices: f.deviceCount, verdict: f.verdict, score: f.score, list: listCell(f.hit),
    'listed party': f.hit.listed.name,
    via: f.via === 'listed' ? 'listed' : f.via === 'ownership' ? f.hit.pathText : `equipment of ${f.hit.listed.name}`,
    why: f.via === 'equipment' ? f.reason : f.hit.explanationText,
    'first device': f.devices[0] ? `${f.devices[0].id} @ ${f.devices[0].source}` : '',
  }));
}

const col = (id: string, label: string, description: string, key?: true): ColumnSpec => ({ id, label, description, ...(key && { key }) });

// Column ids are the headers the CSV has always had ('listed party', 'first device').
const HIT_COLUMNS = {
  verdict: col('verdict', 'Verdict', 'match or possible (no-match: a name without any hit)'),
  score: col('score', 'Score', 'the best name comparison, with the country signal'),
  list: col('list', 'List', 'the list and its version, id@version', true),
  listed: col('listed party', 'Listed party', 'the party on the list: the one matched, or its listed owner', true),
  why: col('why', 'Why', 'how the names compare'),
};

export const NAME_COLUMNS: readonly ColumnSpec[] = [
  col('name', 'Name', 'the name screened', true),
  HIT_COLUMNS.verdict, HIT_COLUMNS.score, HIT_COLUMNS.list, HIT_COLUMNS.listed,
  col('via', 'Via', 'listed, or the ownership path from the party matched to the listed one', true),
  HIT_COLUMNS.why,
  col('entry', 'Entry', 'the list entry matched, file:line', true),
];

export const FINDING_COLUMNS: readonly ColumnSpec[] = [
  col('role', 'Role', 'maker, supplier, reseller or maintainer', true),
  col('party', 'Party', 'the name as the inventory gives it (an attributed maker: its legal name)', true),
  col('devices', 'Devices', 'devices naming it'),
  HIT_COLUMNS.verdict, HIT_COLUMNS.score, HIT_COLUMNS.list, HIT_COLUMNS.listed,
  col('via', 'Via', 'listed; the ownership path; or "equipment of" the listed maker whose devices it handles', true),
  HIT_COLUMNS.why,
  col('first device', 'First device', 'the first of its devices, with its inventory line'),
];

/** The checks that need more than one parameter; names or --inventory, possible ≤ threshold. */
function checkParams(p: { names: string[]; inventory: boolean; threshold: number; possible: number }, env: RunEnv): void {
  if (!p.inventory && p.names.length === 0) {
    throw new InputError(env.paramName ? env.paramName('names') : 'screen', undefined, `name at least one company, or ${env.paramName ? 'set inventory=true' : 'use --inventory'}`);
  }
  if (p.possible > p.threshold) throw new InputError(paramName(env, 'possible'), undefined, `must not be above ${filterName(env, 'threshold')} (${p.threshold})`);
}

/** Every maker and party of the snapshot, screened once per distinct name. */
async function screenSnapshot(source: ScreeningSource, screener: Screener) {
  const catalog = new Map(loadCatalog().vendors.map((v) => [v.slug, v.legalNames[0]]));
  const store = openStore(source.db, { readonly: true });
  try {
    const snap = await store.resolveSnapshot(source.snapshot, source.organisation);
    const devices = await store.devices(snap.id);
    return { snapshot: snap.name, devices: devices.length, ...screenInventory(devices, screener, (v) => catalog.get(v)) };
  } finally {
    await store.close();
  }
}

function failedHits(verdicts: readonly string[], failOn: ScreeningAnalysis['failOn']): number {
  return failOn === null ? 0 : verdicts.filter((v) => v === 'match' || (failOn === 'possible' && v === 'possible')).length;
}

export const screening = defineAnalysis({
  id: 'screening',
  command: 'screen',
  title: 'Screening',
  summary: 'Screen company names — or every maker, supplier, reseller and maintainer in the store — against restricted-party lists',
  help: `Verdicts: match (score >= 0.7), possible (>= 0.5), no-match. The score is the best name
comparison (same tokens after normalisation = 1; else weighted token overlap with typos
credited, or character overlap for glued words) plus country (+0.05 same, -0.1 other).
A party owned by a listed party (FtM Ownership or parent links, or a catalog subsidiary)
is a hit with the ownership path. Lists are read at screen time, each dated (the date the
file states, else one in its file name, else its modification day): docs/screening.md.
The table written as CSV is the names' hits, or with --inventory the findings.`,
  examples: [
    'cleanpath screen "HUAWEI TECHNOLOGIES CO.,LTD" "Hik Vision" "Ericsson AB"',
    'cleanpath screen --inventory --db cleanpath-demo/demo.db',
    'cleanpath screen --inventory --list consolidated.json --list entities.ftm.json --json',
    'cleanpath screen --no-bundled --list our-list.ftm.jsonl "Acme Trading" --fail-on possible',
  ],
  positional: 'names',
  params: z.object({
    names: namesParam('company names to screen', 'HUAWEI TECHNOLOGIES CO.,LTD'),
    inventory: flagParam('screen every maker and party of a snapshot in the store'),
    country: countryParam('country of the named parties (ISO 3166 alpha-2 code or English name): a soft signal'),
    asOf: dateParam('judge listings and ownership as of this day, YYYY-MM-DD (default: today, UTC)'),
    threshold: scoreParam('score at or above which a name is a match (as yente)', MATCH_THRESHOLD),
    possible: scoreParam('score at or above which a name is a possible match', POSSIBLE_THRESHOLD),
    limit: intParam('most hits per name', 5),
    failOn: optionalChoiceParam(SCREEN_FAIL_ON, 'exit 1 (CLI; "failed" counts them in JSON) when any hit is at least'),
  }),
  sources: 'snapshot',
  async run(source: ScreeningSource, p, env): Promise<ScreeningAnalysis> {
    checkParams(p, env);
    const asOf = p.asOf ?? todayUtc();
    // Every list is read (and rejected, with file:line) before the store is opened.
    const lists = screeningLists(source.lists ?? [], source.bundled ?? true, listsDir(source.listsDir));
    const screener = new Screener(lists, { asOf, threshold: p.threshold, possible: p.possible, limit: p.limit });
    const meta = { asOf, threshold: p.threshold, possible: p.possible, lists: listSummary(lists) };
    const failOn = p.failOn ?? null;
    if (!p.inventory) {
      const results = [...new Set(p.names)].map((n) => screener.screen(n, p.country)); // a name given twice is screened once: rows are keyed by it
      return { ...meta, results, failOn, failed: failedHits(results.flatMap((r) => r.hits.map((h) => h.verdict)), failOn), nothingToAnalyse: null };
    }
    const s = await screenSnapshot(source, screener);
    return {
      ...meta, ...(source.storeLabel !== undefined && { db: source.storeLabel }), snapshot: s.snapshot, parties: s.parties.length, findings: s.findings,
      failOn, failed: failedHits(s.findings.map((f) => f.verdict), failOn),
      nothingToAnalyse: s.parties.length ? null : `no makers or parties in snapshot ${s.snapshot}${s.devices ? '' : ': import an inventory (cleanpath import inventory.csv)'}`,
    };
  },
  tables: [
    { id: 'findings', title: 'Findings on the inventory', columns: FINDING_COLUMNS, rows: (d) => findingRows(d.findings ?? []) },
    { id: 'names', title: 'Names screened', columns: NAME_COLUMNS, rows: (d) => nameRows(d.results ?? []) },
  ],
});
