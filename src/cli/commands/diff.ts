// `cleanpath diff A B`: what changed between two snapshots of the store: devices per vendor,
// findings opened and closed, progress toward each removal deadline; with --analysis, the keyed
// rows of any analysis of the registry (src/analyses/compare.ts). Register in src/cli/program.ts.
import type { Command } from 'commander';
import { compareRuns, describeDiff, type AnalysisDiff } from '../../analyses/compare.js';
import type { AnyAnalysis, ColumnSpec, TableRow } from '../../analyses/define.js';
import { diffSnapshots, type DiffResult } from '../../analyses/diff.js';
import { optionName, paramCli } from '../../analyses/params.js';
import type { z } from 'zod';
import { allAnalyses, analysisById, ANALYSIS_IDS, isAnalysisId } from '../../analyses/registry.js';
import { tableSpec } from '../../analyses/tables.js';
import { addParamOptions, parseCliParams } from '../analysis-command.js';
import { warn } from '../network-input.js';
import { createProgress } from '../progress.js';
import { wrapLongLines } from '../wrap.js';
import { InputError } from '../../model/index.js';
import { activeCatalog } from '../../analyses/catalog-source.js';
import { isRealDate } from '../../policy/index.js';
import { openStore } from '../../store/index.js';
import { addOutputOptions, DEFAULT_DB, outputFormatOf } from '../options.js';
import { renderCsv, renderJson, renderTable, type OutputFormat, type Row } from '../output.js';

interface DiffOptions {
  db: string;
  asOf?: string;
  format?: OutputFormat;
  json?: boolean;
}

export function renderDiffTable(d: DiffResult): string {
  let out = `${d.a.name} (${d.a.date}, ${d.a.devices} devices, ${d.a.findings} findings) -> ${d.b.name} (${d.b.date}, ${d.b.devices} devices, ${d.b.findings} findings)\n\n`;
  out += `Devices: ${d.devices.added.length} added, ${d.devices.removed.length} removed\n`;
  out += renderTable(d.devices.byVendor.map((v) => ({ vendor: v.vendor, in_a: v.inA, in_b: v.inB, added: v.added, removed: v.removed })), ['vendor', 'in_a', 'in_b', 'added', 'removed']) + '\n';
  out += `Findings: ${d.findings.opened.length} opened, ${d.findings.closed.length} closed, ${d.findings.changed.length} changed\n`;
  const rows = [
    ...d.findings.opened.map((f) => ({ change: 'opened', ...f })),
    ...d.findings.closed.map((f) => ({ change: 'closed', ...f })),
  ];
  if (rows.length) out += renderTable(rows, ['change', 'rule', 'device', 'status', 'vendor'], 60) + '\n';
  const changed = d.findings.changed.map((c) => ({ device: c.key.device || c.key.group, rule: c.key.rule, what: Object.keys(c.after).map((k) => `${k}: ${c.before[k] ?? '—'} → ${c.after[k] ?? '—'}`).join('; ') }));
  if (changed.length) out += renderTable(changed, ['rule', 'device', 'what'], 80) + '\n';
  out += `Deadlines\n`;
  out += d.deadlines.length
    ? renderTable(
        d.deadlines.map((p) => ({
          rule: p.rule, remove_by: p.removeBy, unit: p.unit, in_scope_a: p.inScopeA, in_scope_b: p.inScopeB, left: p.leftB,
          removed: p.removed, per_day: p.perDay, done_by: p.projectedDone, verdict: p.verdict,
        })),
        // the verdict next to its deadline: the counts behind it are what a narrow terminal leaves out
        ['rule', 'remove_by', 'verdict', 'done_by', 'left', 'removed', 'per_day', 'in_scope_a', 'in_scope_b', 'unit'],
      )
    : '  no removal deadline concerns either snapshot\n';
  return out;
}

/** Every parameter of every analysis, once: `diff --analysis X` takes X's (others are refused). */
function addAnalysisParams(cmd: Command): void {
  const taken = new Set(cmd.options.map((o) => o.attributeName()));
  for (const def of allAnalyses()) addParamOptions(cmd, def, taken);
}

/**
 * The diff as rows: change, the key columns, then before/after of each value column. A changed
 * row fills only the columns that differ; an empty cell that means something is written as the
 * column says (`inf`: no path), so "no clean path before" is not a blank.
 */
function diffRows(d: AnalysisDiff, columns: readonly ColumnSpec[]): { rows: Row[]; header: string[] } {
  const values = columns.filter((c) => !d.keyColumns.includes(c.id));
  const header = ['change', ...d.keyColumns, ...values.flatMap((v) => [`${v.id}_before`, `${v.id}_after`])];
  const cell = (c: ColumnSpec, v: TableRow[string] | undefined) => (v === null || v === undefined ? (c.nullAs ?? null) : v);
  const side = (r: TableRow, suffix: string, only?: readonly string[]): Row =>
    Object.fromEntries(values.filter((v) => !only || only.includes(v.id)).map((v) => [`${v.id}_${suffix}`, cell(v, r[v.id])]));
  const rows: Row[] = [
    ...d.added.map((r) => ({ change: 'added', ...pick(r, d.keyColumns), ...side(r, 'after') })),
    ...d.removed.map((r) => ({ change: 'removed', ...pick(r, d.keyColumns), ...side(r, 'before') })),
    ...d.changed.map((c) => ({ change: 'changed', ...c.key, ...side(c.before, 'before', Object.keys(c.before)), ...side(c.after, 'after', Object.keys(c.after)) })),
  ];
  return { rows, header };
}

const pick = (r: TableRow, keys: readonly string[]): Row => Object.fromEntries(keys.map((k) => [k, r[k] ?? null]));

export function renderAnalysisDiff(d: AnalysisDiff, columns: readonly ColumnSpec[], format: OutputFormat): string {
  if (format === 'json') return renderJson(d);
  const { rows, header } = diffRows(d, columns);
  if (format === 'csv') return renderCsv(rows, header);
  // The terminal gets one line per row: its key and what changed, in the columns' own words.
  const view = describeDiff(d, Infinity);
  let out = `${view.title} (${d.before} -> ${d.after})\n`;
  for (const [side, why] of Object.entries(d.nothingToAnalyse)) if (why) out += `note: ${side === 'before' ? d.before : d.after}: ${why}\n`;
  if (view.rows.length) out += '\n' + renderTable(view.rows.map((r) => ({ change: r.change, row: r.key, what: r.detail })), ['change', 'row', 'what'], 200);
  return out;
}

async function analysisDiff(nameA: string, nameB: string, id: string, opts: Record<string, unknown>): Promise<void> {
  if (!isAnalysisId(id)) throw new InputError('--analysis', undefined, `unknown analysis '${id}' (analyses: ${ANALYSIS_IDS.join(', ')})`);
  const def = analysisById(id);
  const foreign = foreignParams(def, opts);
  if (foreign.length) throw new InputError(foreign[0]!, undefined, `is not a parameter of ${id} (its parameters: ${Object.keys(def.params.shape).map(optionName).join(', ') || 'none'})`);
  const params = parseCliParams(def, opts);
  const db = (opts.db as string | undefined) ?? DEFAULT_DB;
  const progress = createProgress('diff');
  const d = await compareRuns(def, { db, snapshot: nameA }, { db, snapshot: nameB }, params, { progress, warn: (w) => warn([w]) }, opts.table as string | undefined);
  progress.done();
  const format = outputFormatOf(opts as { format?: OutputFormat; json?: boolean });
  const text = renderAnalysisDiff(d, tableSpec(def, d.table).columns, format);
  process.stdout.write(format === 'table' ? wrapLongLines(text) : text);
  // No change between two runs that had nothing to analyse is no all-clear: said, and exit 1.
  for (const [side, why] of Object.entries(d.nothingToAnalyse)) {
    if (!why) continue;
    process.stderr.write(`cleanpath: ${side === 'before' ? d.before : d.after}: ${why}\n`);
    process.exitCode = 1;
  }
}

/** Options given that belong to other analyses: `diff --analysis findings --top 5` is a mistake to say. */
function foreignParams(def: AnyAnalysis, opts: Record<string, unknown>): string[] {
  const own = new Set(Object.keys(def.params.shape));
  const given = (d: AnyAnalysis, p: string) => (paramCli.get(d.params.shape[p] as z.ZodType)?.flag === 'off' ? opts[p] === false : opts[p] !== undefined);
  const all = new Map(allAnalyses().flatMap((d) => Object.keys(d.params.shape).map((p) => [p, d] as const)));
  return [...all].filter(([p, d]) => !own.has(p) && p !== 'asOf' && given(d, p)).map(([p]) => optionName(p));
}

export function register(program: Command): void {
  const cmd = program
    .command('diff')
    .description('Compare two snapshots: devices added and removed per vendor, findings opened and closed, progress toward each removal deadline; or, with --analysis, the rows of any analysis added, removed and changed')
    .argument('<snapshotA>', 'the earlier snapshot')
    .argument('<snapshotB>', 'the later snapshot')
    .option('--db <path>', 'store to read: an SQLite file or a postgres:// URL', DEFAULT_DB)
    .option('--as-of <date>', "date to evaluate both snapshots as of (default: each snapshot's own date)")
    .option('--analysis <id>', `diff this analysis's rows by key (${ANALYSIS_IDS.join(', ')}); its own options apply to both runs`)
    .option('--table <id>', "with --analysis: which of its tables (default its main one: exposure's flows)");
  addOutputOptions(cmd);
  addAnalysisParams(cmd);
  cmd
    .addHelpText('after', `
Examples:
  cleanpath diff 2026-q1 2026-q4
  cleanpath diff 2026-q1 latest --as-of 2026-12-31 --format json
  cleanpath diff 2026-q3 2026-q4 --analysis exposure --untrusted huawei,zte
  cleanpath diff 2026-q3 2026-q4 --analysis findings --as-of 2026-12-31 --format csv
  cleanpath diff 2026-q3 2026-q4 --analysis killswitch --vendors huawei --table sites`)
    .action(async (nameA: string, nameB: string, opts: DiffOptions & Record<string, unknown>) => {
      if (opts.asOf !== undefined && !isRealDate(opts.asOf)) throw new InputError('--as-of', undefined, `${opts.asOf} is not a date as YYYY-MM-DD`);
      if (typeof opts.analysis === 'string') return analysisDiff(nameA, nameB, opts.analysis, opts);
      const format = outputFormatOf(opts);
      if (format === 'csv') throw new InputError('--format', undefined, 'csv needs --analysis (the default diff is a table or JSON)');
      const store = openStore(opts.db, { readonly: true });
      try {
        const side = async (name: string) => {
          const snap = await store.resolveSnapshot(name);
          const date = snap.createdAt.slice(0, 10);
          return { name: snap.name, date, asOf: opts.asOf ?? date, devices: await store.devices(snap.id) };
        };
        const a = await side(nameA);
        const b = await side(nameB);
        const result = diffSnapshots({ a, b, rules: activeCatalog().rules });
        process.stdout.write(format === 'json' ? renderJson(result) : wrapLongLines(renderDiffTable(result)));
      } finally {
        await store.close();
      }
    });
}
