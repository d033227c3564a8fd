import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { parsePort } from './serve.js';
import { renderHtml } from '../../report/html.js';
import { buildReportModel } from '../../report/model.js';
import { ADOPTION_REMOVE_BY, writeAdoptionScenario, writeDemoScenario } from '../../demo/index.js';
import { paramsOf } from '../../analyses/define.js';
import { ANALYSES } from '../../analyses/registry.js';
import type { WhatIfSource } from '../../analyses/whatif.js';
import type { Device } from '../../model/index.js';
import { openStore } from '../../store/index.js';
import { importFiles } from '../../store/import-files.js';
import { demoPolicyJson, renderDemoPolicySection } from '../demo-policy.js';
import { renderJson, renderTable, type Row } from '../output.js';
import { wrapLongLines } from '../wrap.js';
import { createProgress } from '../progress.js';
import { demoScreening, renderDemoScreeningSection } from './screen.js';
import { whatIfText } from './whatif.js';

interface DemoOptions {
  dir: string;
  db?: string;
  json?: boolean;
  report: boolean;
  serve?: boolean;
  host: string;
  port: number;
}

const vendorOf = (d: Device): string => d.vendor ?? 'unknown';

/** Counts devices by one attribute (rows) and vendor (columns), vendors ordered by total. */
export function pivotByVendor(devices: readonly Device[], rowKey: (d: Device) => string): { rows: Row[]; columns: string[] } {
  return pivot(devices, rowKey, vendorOf);
}

/** Counts devices by one attribute (rows) and another (columns), columns ordered by total. */
function pivot(devices: readonly Device[], rowKey: (d: Device) => string, columnKey: (d: Device) => string): { rows: Row[]; columns: string[] } {
  const totals = new Map<string, number>();
  const cells = new Map<string, Map<string, number>>();
  for (const d of devices) {
    const v = columnKey(d);
    const k = rowKey(d);
    totals.set(v, (totals.get(v) ?? 0) + 1);
    const row = cells.get(k) ?? new Map<string, number>();
    row.set(v, (row.get(v) ?? 0) + 1);
    cells.set(k, row);
  }
  const vendors = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || a.localeCompare(b));
  const rows: Row[] = [...cells.keys()].sort().map((k) => {
    const row: Row = { '': k };
    let sum = 0;
    for (const v of vendors) {
      const n = cells.get(k)!.get(v) ?? 0;
      row[v] = n || null;
      sum += n;
    }
    row.total = sum;
    return row;
  });
  return { rows, columns: ['', ...vendors, 'total'] };
}

const UNTRUSTED = ['huawei', 'zte'];
/** A fixed date keeps the demo's output the same every day; `cleanpath check` defaults to today. */
const DEMO_AS_OF = '2026-12-31';
/** The demo's replacement budget: an assumption, stated in docs/demo.md. */
const DEMO_BUDGET = '3000000/year';
const DEMO_BUDGET_START = '2027-01-01';

/** The cheapest replacements that give every sensitive flow a clean path, rule-forced devices first (the registry's plan). */
async function planDemo(db: string, countryOf: ReadonlyMap<string, string | undefined>) {
  const plan = await ANALYSES.plan.run(
    { db, snapshot: 'demo' },
    paramsOf(ANALYSES.plan, { untrusted: UNTRUSTED, asOf: DEMO_AS_OF, budget: DEMO_BUDGET, budgetStart: DEMO_BUDGET_START }),
    { strict: true, planTimeLimit: 60 },
  );
  const phasing = plan.phasing;
  const phaseOf = new Map<string, number>();
  for (const ph of phasing?.phases ?? []) for (const id of ph.devices) phaseOf.set(id, ph.index + 1);
  const missed = new Set((phasing?.missedDeadlines ?? []).map((m) => m.id));
  const deadlines: Row[] = plan.devices
    .filter((d) => d.deadline && ['DE', 'GB'].includes(countryOf.get(d.id) ?? ''))
    .map((d) => ({ country: countryOf.get(d.id), device: d.id, deadline: d.deadline, rule: d.forcedBy?.split(':')[0], phase: phaseOf.get(d.id) ?? null, met: missed.has(d.id) ? 'MISSED' : 'yes' }));
  return { plan, phasing, deadlines };
}

/**
 * The seed's question through the what-if analysis: Germany, Italy and Japan adopt the US ask
 * (src/demo/adoption.ts says how it is written and why), with the demo's date and budget.
 */
async function adoptionDemo(db: string, scenario: string) {
  return ANALYSES.whatif.run(
    { db, snapshot: 'demo', scenario } as WhatIfSource,
    paramsOf(ANALYSES.whatif, { untrusted: UNTRUSTED, asOf: DEMO_AS_OF, budget: DEMO_BUDGET, budgetStart: DEMO_BUDGET_START }),
    { strict: true, planTimeLimit: 60 },
  );
}

/** The bases' sensitive flows against Huawei and ZTE, and what a Huawei switch-off would cut (the registry's analyses). */
async function analyseDemo(db: string, names: ReadonlyMap<string, string>) {
  const source = { db, snapshot: 'demo' };
  const exposure = await ANALYSES.exposure.run(source, paramsOf(ANALYSES.exposure, { untrusted: UNTRUSTED, top: 5 }), { strict: true });
  const ks = await ANALYSES.killswitch.run(source, paramsOf(ANALYSES.killswitch, { vendors: ['huawei'], top: 5 }), { strict: true });
  const cut = new Set(ks.disruptedFlows);
  const label = (id: string) => names.get(id) ?? id;
  const flows: Row[] = exposure.flows
    .filter((f) => f.class === 'sensitive')
    .map((f) => ({
      flow: f.id,
      from: label(f.src),
      to: label(f.dst),
      exposure: f.exposure,
      cost: f.cost,
      'clean path': f.exposure === 'none' ? 'not needed' : f.cleanCost === null ? 'NONE' : `cost ${f.cleanCost}`,
      'cut by huawei off': cut.has(f.id) ? 'CUT' : '',
    }));
  return { exposure, killswitch: ks, flows };
}

export function register(program: Command): void {
  program
    .command('demo')
    .description('Build the demo scenario (allied networks in DE, IT, JP, UK serving US bases), import it, identify every device and show the bases\' flow exposure and a Huawei kill-switch')
    .option('--dir <dir>', 'where to write the scenario files and its store', './cleanpath-demo')
    .option('--db <path>', 'store to create (default: <dir>/demo.db, replaced on every run)')
    .option('--json', 'print the summary as JSON')
    .option('--no-report', 'do not write the HTML report (<dir>/report.html)')
    .option('--serve', 'then serve the dashboard and API over the demo store until interrupted (npm start does)')
    .option('--host <address>', 'address for --serve', '127.0.0.1')
    .option('--port <n>', 'port for --serve (0: any free port)', parsePort, 8080)
    .addHelpText(
      'after',
      `
The scenario is deterministic and documented in docs/demo.md. Its files are plain
inventory/links/flows CSVs, imported through the same pipeline as your own data:
inspect them, then explore with e.g.
  cleanpath devices --db cleanpath-demo/demo.db --vendor huawei --country DE
  cleanpath devices --db cleanpath-demo/demo.db --json | jq '.[] | select(.conflicts|length>0)'`,
    )
    .action(runDemo);
}

type Imported = Awaited<ReturnType<typeof importFiles>>;
type DemoResults = { devices: Device[]; analysis: Awaited<ReturnType<typeof analyseDemo>>; planned: Awaited<ReturnType<typeof planDemo>>; adoption: Awaited<ReturnType<typeof adoptionDemo>>; adoptionFile: string };

async function runDemo(opts: DemoOptions): Promise<void> {
  const dir = resolve(opts.dir);
  const db = opts.db ?? join(dir, 'demo.db');
  const scenario = writeDemoScenario(dir);
  const reportFile = join(dir, 'report.html');
  if (!opts.db) for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  const store = openStore(db);
  const progress = createProgress('importing demo');
  try {
    const summary = await importFiles(store, scenario.files, { snapshot: 'demo', onProgress: (p) => progress.update(p.records, undefined, p.file) });
    progress.done();
    const devices = await store.devices(summary.snapshot.id, {});
    const analysis = await analyseDemo(db, new Map(devices.map((d) => [d.id, d.name ?? d.id])));
    const planned = await planDemo(db, new Map(devices.map((d) => [d.id, d.country])));
    const adoptionFile = writeAdoptionScenario(dir);
    const adoption = await adoptionDemo(db, adoptionFile);
    const results = { devices, analysis, planned, adoption, adoptionFile };
    if (opts.json) process.stdout.write(await demoJson(db, summary, results));
    else await writeDemoSummary(db, summary, results);
  } catch (e) {
    progress.done();
    throw e;
  } finally {
    await store.close();
  }
  if (opts.report) await writeDemoReport(db, reportFile, !opts.json);
  if (opts.serve) await serveDemo(db, opts.host, opts.port, opts.report ? reportFile : undefined);
}

async function demoJson(db: string, summary: Imported, { devices, analysis, planned, adoption }: DemoResults): Promise<string> {
  const ks = analysis.killswitch;
  const conflicts = devices.filter((d) => d.attribution.conflicts.length > 0);
  return renderJson({
    db, snapshot: summary.snapshot, files: summary.files, warnings: summary.warnings,
    byCountry: pivotByVendor(devices, (d) => d.country ?? '??').rows, byLayer: pivotByVendor(devices, (d) => d.layer ?? '?').rows,
    exposure: { untrusted: UNTRUSTED, summary: analysis.exposure.summary, sensitiveFlows: analysis.flows },
    killswitch: { vendors: ['huawei'], removedDevices: ks.removedDevices, disrupted: ks.disrupted, restore: ks.restore },
    policy: await demoPolicyJson(db, 'demo', DEMO_AS_OF),
    screening: (await demoScreening(db, 'demo', DEMO_AS_OF)).findings,
    plan: { method: planned.plan.method, status: planned.plan.status, totalCost: planned.plan.totalCost, lowerBound: planned.plan.lowerBound, gap: planned.plan.gap, devices: planned.plan.devices, deadlines: planned.deadlines, missedDeadlines: planned.phasing?.missedDeadlines ?? [] },
    conflicts: conflicts.map((d) => ({ id: d.id, vendor: d.vendor, conflicts: d.attribution.conflicts })),
    adoption: adoptionJson(adoption),
  });
}

/** The inventory part: what was imported, by country and layer, and how each device was identified. */
function inventoryText(db: string, summary: Imported, devices: readonly Device[]): string {
  // a vendor per row: a dozen vendors as columns would not fit a terminal, a handful of countries do
  const byCountry = pivot(devices, vendorOf, (d) => d.country ?? '??');
  const byLayer = pivot(devices, vendorOf, (d) => d.layer ?? '?');
  const conflicts = devices.filter((d) => d.attribution.conflicts.length > 0);
  const attributed = devices.filter((d) => d.vendor !== null);
  const fromDeclaredOnly = attributed.filter((d) => d.attribution.evidence.every((e) => e.kind === 'declared' || !e.valid)).length;
  let out = `cleanpath demo: ${devices.length} devices, ${summary.files.reduce((n, f) => n + f.links, 0)} links, ${summary.files.reduce((n, f) => n + f.flows, 0)} flows imported into ${db}\n\n`;
  out += 'Identified inventory by vendor and country\n' + renderTable(byCountry.rows, byCountry.columns) + '\n';
  out += 'Identified inventory by vendor and layer\n' + renderTable(byLayer.rows, byLayer.columns) + '\n';
  out += `Identification: ${attributed.length} of ${devices.length} devices attributed, ${attributed.length - fromDeclaredOnly} of them from the devices' own evidence (MAC, SNMP, engine ID, banners, IMEI, GPON serial) and ${fromDeclaredOnly} from a declared vendor only; ${devices.length - attributed.length} unknown.\n`;
  if (conflicts.length) {
    out += `\nConflicting evidence on ${conflicts.length} device(s):\n`;
    for (const d of conflicts.slice(0, 10)) out += `  ${d.id}: ${d.attribution.conflicts.map((c) => c.note).join('; ')}\n`;
  }
  if (summary.warnings.length) {
    out += `\nImport warnings (bad values kept as invalid evidence):\n`;
    for (const w of summary.warnings.slice(0, 10)) out += `  ${w.file}:${w.line}: ${w.message}\n`;
  }
  return out;
}

/** The flows part: the bases' sensitive flows, and what a Huawei switch-off would cut. */
function flowsText(analysis: DemoResults['analysis']): string {
  const sum = analysis.exposure.summary;
  const ks = analysis.killswitch;
  let out = `\nThe bases' sensitive flows against Huawei and ZTE equipment (exposure over all equal-cost shortest paths)\n`;
  out += renderTable(analysis.flows, ['flow', 'from', 'to', 'exposure', 'cost', 'clean path', 'cut by huawei off'], 40);
  out += `${sum.sensitiveByClass.all} of ${sum.sensitiveFlows} sensitive flows cross Huawei/ZTE on every shortest path, ${sum.sensitiveByClass.some} on some; ` +
    `${sum.exposedWithCleanPath} exposed flows have a clean path around them, ${sum.exposedWithoutCleanPath} have none.\n`;
  out += `\nHuawei kill-switch: ${ks.removedDevices} devices off at once; ${ks.disrupted.sensitiveFlows} sensitive flows cut (${ks.disrupted.flows} flows in all, volume ${Math.round(ks.disrupted.volume)}); ` +
    `the main network shrinks from ${ks.mainNetworkBefore} to ${ks.mainNetworkAfter} devices.\n`;
  if (ks.restore[0]) out += `Replacing ${ks.restore[0].id} alone would restore ${ks.restore[0].sensitiveFlows} sensitive flow(s).\n`;
  return out;
}

/** The plan part: the cheapest replacements, and the German and UK deadlines under the demo's budget. */
function planText(db: string, planned: DemoResults['planned']): string {
  const p = planned.plan;
  const byReason = (r: string) => p.devices.filter((d) => d.reasons.includes(r as never)).length;
  let out = `\nReplacement plan (${p.method}, ${p.status}): ${p.devices.length} devices for ${p.totalCost.toLocaleString('en-US')}, lower bound ${p.lowerBound.toLocaleString('en-US')}, gap ${(p.gap * 100).toFixed(2)}% — ` +
    `${byReason('forced')} forced by rules overdue or due on ${DEMO_AS_OF}, ${byReason('flows')} to give every sensitive flow a clean path.\n`;
  out += `German and UK deadlines with a budget of ${DEMO_BUDGET} from ${DEMO_BUDGET_START} (phase = budget year):\n`;
  out += renderTable(planned.deadlines, ['country', 'device', 'deadline', 'rule', 'phase', 'met']);
  const exposedAtEnd = planned.phasing?.exposedAtEnd.length ?? 0;
  out += `${planned.phasing?.phases.length ?? 0} budget year(s); sensitive flows still exposed at the end: ${exposedAtEnd}. Details: cleanpath plan --db ${db} --as-of ${DEMO_AS_OF} --budget ${DEMO_BUDGET} --budget-start ${DEMO_BUDGET_START}\n`;
  return out;
}

async function writeDemoSummary(db: string, summary: Imported, { devices, analysis, planned, adoption, adoptionFile }: DemoResults): Promise<void> {
  const out = { write: (text: string) => process.stdout.write(wrapLongLines(text)) };
  out.write(inventoryText(db, summary, devices));
  out.write(flowsText(analysis));
  out.write('\n' + (await renderDemoPolicySection(db, 'demo', DEMO_AS_OF)));
  out.write('\n' + (await renderDemoScreeningSection(db, 'demo', DEMO_AS_OF)));
  out.write(planText(db, planned));
  out.write(adoptionText(db, adoption, adoptionFile, new Map(devices.map((d) => [d.id, d.name ?? d.id]))));
  out.write(`\nNext: cleanpath devices --db ${db} --vendor huawei,zte\n`);
  out.write(`      cleanpath check --db ${db} --as-of ${DEMO_AS_OF} --country DE\n`);
  out.write(`      cleanpath exposure --db ${db} --json     cleanpath killswitch --db ${db} --vendors huawei\n`);
}

/** The adoption scenario's numbers: what the demo's JSON carries (and its test checks against whatif). */
function adoptionJson(d: DemoResults['adoption']) {
  const s = d.scenario.plan;
  return {
    title: d.title, changes: d.changes, newlyCaught: d.delta.newlyCaught.length, planDevices: s?.devices.length ?? 0, planCost: s?.totalCost ?? 0,
    addedCost: d.delta.planCost, doneBy: s?.doneBy ?? null, phases: s?.phases.length ?? 0, missedDeadlines: s?.missedDeadlines.length ?? 0,
    flowsBecomeClean: d.delta.flowsBecomeClean.map((f) => f.id), byCountry: d.delta.byCountry.map((c) => ({ country: c.country, newlyCaught: c.newlyCaught, planDevices: c.scenario.planDevices, planCost: c.scenario.planCost })),
  };
}

/** The seed's question answered: the whatif's own text, after a headline with its numbers. */
function adoptionText(db: string, d: DemoResults['adoption'], file: string, names: ReadonlyMap<string, string>): string {
  const a = adoptionJson(d);
  const when = a.doneBy ? `done by ${a.doneBy}` : 'not finished within the budget horizon';
  let out = `
If Germany, Italy and Japan adopted the US ask (no Huawei or ZTE in government and commercial networks, removed by ${ADOPTION_REMOVE_BY}):
`;
  out += `${a.newlyCaught} more devices caught; the plan grows to ${a.planDevices} devices for ${a.planCost.toLocaleString('en-US')} (${a.addedCost.toLocaleString('en-US')} more); ` +
    `under ${DEMO_BUDGET} from ${DEMO_BUDGET_START} it is ${when} in ${a.phases} budget year(s)${a.missedDeadlines ? `, ${a.missedDeadlines} device(s) after their deadline` : ''}; ` +
    `${a.flowsBecomeClean.length} of the bases' sensitive flows become clean.

`;
  out += whatIfText(d, names);
  out += `Rerun it: cleanpath whatif --db ${db} --scenario ${file} --as-of ${DEMO_AS_OF} --budget ${DEMO_BUDGET} --budget-start ${DEMO_BUDGET_START}
`;
  return out;
}

/** The self-contained HTML report of the demo, with the same date and budget as the summary. */
async function writeDemoReport(db: string, file: string, say: boolean): Promise<void> {
  const model = await buildReportModel({
    db,
    snapshot: 'demo',
    asOf: DEMO_AS_OF,
    untrusted: UNTRUSTED,
    budget: DEMO_BUDGET,
    budgetStart: DEMO_BUDGET_START,
    planTimeLimit: 60,
    noPlan: false,
  });
  writeFileSync(file, renderHtml(model));
  if (say) process.stdout.write(`\nReport (one self-contained HTML file, opens offline): ${file}\n`);
}

/** Serves the dashboard over the demo store with a fresh admin token, until SIGINT/SIGTERM. */
async function serveDemo(db: string, host: string, port: number, reportFile: string | undefined): Promise<void> {
  // The web server's modules load only when the demo serves (`--serve`), not with every command.
  const { startDemoServer } = await import('../../server/index.js');
  const { app, url, dashboardUrl } = await startDemoServer({ db, host, port });
  const out = process.stdout;
  out.write(`\nDashboard: ${dashboardUrl}\n`);
  out.write(`  (the link carries a fresh admin token for this demo store; the API is under ${url}/api/, OpenAPI at ${url}/api/openapi.json)\n`);
  if (reportFile) out.write(`Report:    file://${reportFile}\n`);
  out.write('Press Ctrl-C to stop.\n');
  const stop = (): void => {
    void app.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
