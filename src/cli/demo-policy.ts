// The demo's compliance section (issue 3, point 5): per country, its findings and the next
// deadlines. demo.ts calls these after the import; the check itself is the `check` command's.
import { evaluate, loadRuleCatalog, STATUSES, upcomingDeadlines, type Finding, type UpcomingDeadline } from '../policy/index.js';
import { openStore } from '../store/index.js';
import { countByStatus } from './commands/check.js';
import { renderTable, type Row } from './output.js';
import { tableWidth } from './terminal.js';

const SHOWN_PER_COUNTRY = 6;
const DEADLINES_PER_COUNTRY = 4;

export interface DemoCountryPolicy {
  country: string;
  counts: ReturnType<typeof countByStatus>;
  /** The most urgent findings (overdue, banned, unknown vendor, needs data, due), at most a few. */
  urgent: Finding[];
  nextDeadlines: UpcomingDeadline[];
}

export interface DemoPolicyResult {
  asOf: string;
  catalogVersion: string;
  findings: number;
  countries: DemoCountryPolicy[];
}

const URGENT = new Set(['overdue', 'banned-new-install', 'vendor-unknown', 'needs-data', 'due']);

export async function demoPolicyJson(db: string, snapshot: string, asOf: string): Promise<DemoPolicyResult> {
  const catalog = loadRuleCatalog();
  const store = openStore(db, { readonly: true });
  let findings: Finding[];
  try {
    findings = evaluate({ devices: await store.devices((await store.resolveSnapshot(snapshot)).id), rules: catalog.rules, asOf });
  } finally {
    await store.close();
  }
  const countries = [...new Set(findings.map((f) => f.country ?? '??'))].map((country) => {
    const mine = findings.filter((f) => (f.country ?? '??') === country);
    return {
      country,
      counts: countByStatus(mine),
      urgent: mine.filter((f) => URGENT.has(f.status)).slice(0, SHOWN_PER_COUNTRY),
      nextDeadlines: upcomingDeadlines(catalog.rules, mine, asOf).slice(0, DEADLINES_PER_COUNTRY),
    };
  });
  return { asOf, catalogVersion: catalog.catalogVersion, findings: findings.length, countries };
}

export async function renderDemoPolicySection(db: string, snapshot: string, asOf: string): Promise<string> {
  const r = await demoPolicyJson(db, snapshot, asOf);
  let out = `Compliance as of ${asOf} (policy catalog ${r.catalogVersion}): ${r.findings} findings\n`;
  for (const c of r.countries) {
    out += `\n${c.country}: ${STATUSES.filter((s) => c.counts[s]).map((s) => `${c.counts[s]} ${s}`).join(', ')}\n`;
    if (c.urgent.length) {
      const rows: Row[] = c.urgent.map((f) => ({ status: f.status, days: f.daysLeft, device: f.device ?? f.name, rule: f.rule, why: f.reason }));
      // indented by two: the table fits two columns less
      out += renderTable(rows, ['status', 'days', 'device', 'rule', 'why'], 80, tableWidth() - 2).replace(/^(?=.)/gm, '  ');
    }
    for (const d of c.nextDeadlines) out += `  next: ${d.date} (${d.daysLeft} days) ${d.rule}: ${d.what} — ${d.findings} finding(s)\n`;
  }
  out += `\nWhy, with sources: cleanpath check --db ${db} --as-of ${asOf}\n`;
  return out;
}
