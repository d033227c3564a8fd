// `cleanpath screen NAME...`: generated from the registry (src/analyses/screening.ts); here its
// table layout, the list files (--list, --no-bundled), the CSV table that follows the mode, the
// --fail-on gate, and the demo's screening section.
import type { Command } from 'commander';
import { findingRows, listSummary, nameRows, screeningLists, type ScreeningAnalysis } from '../../analyses/screening.js';
import { screenInventory, Screener } from '../../screen/index.js';
import { openStore, storeLabel } from '../../store/index.js';
import { loadCatalog } from '../../vendors/index.js';
import type { CliAdapter } from '../analysis-command.js';
import { render, renderTable } from '../output.js';

const collectFiles = (v: string, prev: string[] = []) => [...prev, v];

const NAME_COLUMNS = ['name', 'verdict', 'score', 'list', 'listed party', 'via', 'why'];
const FINDING_COLUMNS = ['role', 'party', 'devices', 'verdict', 'score', 'list', 'listed party', 'via', 'why'];

/** --inventory as a table: the lists with their versions, then the findings. */
function inventoryText(doc: ScreeningAnalysis): string {
  const findings = doc.findings ?? [];
  let out = `Screening of snapshot ${doc.snapshot} as of ${doc.asOf}: ${doc.parties} distinct makers and parties against ${doc.lists.length} list(s)\n\n`;
  out += render('table', doc.lists, ['list', 'version', 'dated by', 'parties', 'listed', 'file']) + '\n';
  if (findings.length === 0) return out + 'No hits.\n';
  out += `${findings.filter((f) => f.verdict === 'match').length} match(es), ${findings.filter((f) => f.verdict === 'possible').length} possible\n`;
  return out + renderTable(findingRows(findings), FINDING_COLUMNS, 100);
}

/** Lists `cleanpath lists update` installed say so, with their download time (in their title). */
function listText(l: ScreeningAnalysis['lists'][number]): string {
  const downloaded = typeof l.title === 'string' ? /\(downloaded (\S+) from /.exec(l.title)?.[1] : undefined;
  return `${l.list}@${l.version}${downloaded ? ` (downloaded ${downloaded})` : ''}`;
}

function namesText(doc: ScreeningAnalysis): string {
  return `Screened as of ${doc.asOf} against ${doc.lists.map(listText).join(', ')}\n\n` + renderTable(nameRows(doc.results ?? []), NAME_COLUMNS, 100);
}

export const adapter: CliAdapter<ScreeningAnalysis> = {
  format: 'table',
  text: (doc) => (doc.findings ? inventoryText(doc) : namesText(doc)),
  options(cmd: Command) {
    cmd
      .option('--list <file>', 'a list file: CSL bulk JSON or FollowTheMoney JSON lines (repeatable)', collectFiles)
      .option('--no-bundled', 'leave out the bundled lists (sample CSL and OpenSanctions files, FCC Covered List from the policy catalog)')
      .option('--lists-dir <dir>', 'where cleanpath lists update keeps its downloads, used over the bundled samples (default: $CLEANPATH_LISTS_DIR, else ~/.local/share/cleanpath/lists)');
  },
  source: (opts) => ({ lists: opts.list as string[] | undefined, bundled: opts.bundled !== false, storeLabel: storeLabel(opts.db as string), listsDir: opts.listsDir as string | undefined }),
  // The table follows the mode: the findings of --inventory (the main table), else the names' hits.
  defaultTable: (p) => (p.inventory ? undefined : 'names'),
  failure: (doc) => (doc.failOn && doc.failed ? `${doc.failed} hit(s) at or above --fail-on ${doc.failOn}` : undefined),
};

/** The demo's screening: every party of the snapshot against the bundled lists, as of a date. */
export async function demoScreening(db: string, snapshot: string, asOf: string) {
  const lists = screeningLists([], true, false);
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
