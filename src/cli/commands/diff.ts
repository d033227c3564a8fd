// `cleanpath diff A B`: what changed between two snapshots of the store: devices per vendor,
// findings opened and closed, progress toward each removal deadline. Register in src/cli/program.ts.
import { Option, type Command } from 'commander';
import { diffSnapshots, type DiffResult } from '../../analyses/diff.js';
import { InputError } from '../../model/index.js';
import { isRealDate, loadRuleCatalog } from '../../policy/index.js';
import { openStore } from '../../store/index.js';
import { DEFAULT_DB } from '../options.js';
import { renderJson, renderTable } from '../output.js';

interface DiffOptions {
  db: string;
  asOf?: string;
  format: 'table' | 'json';
}

export function renderDiffTable(d: DiffResult): string {
  let out = `${d.a.name} (${d.a.date}, ${d.a.devices} devices, ${d.a.findings} findings) -> ${d.b.name} (${d.b.date}, ${d.b.devices} devices, ${d.b.findings} findings)\n\n`;
  out += `Devices: ${d.devices.added.length} added, ${d.devices.removed.length} removed\n`;
  out += renderTable(d.devices.byVendor.map((v) => ({ vendor: v.vendor, in_a: v.inA, in_b: v.inB, added: v.added, removed: v.removed })), ['vendor', 'in_a', 'in_b', 'added', 'removed']) + '\n';
  out += `Findings: ${d.findings.opened.length} opened, ${d.findings.closed.length} closed\n`;
  const rows = [
    ...d.findings.opened.map((f) => ({ change: 'opened', ...f })),
    ...d.findings.closed.map((f) => ({ change: 'closed', ...f })),
  ];
  if (rows.length) out += renderTable(rows, ['change', 'rule', 'device', 'status', 'vendor'], 60) + '\n';
  out += `Deadlines\n`;
  out += d.deadlines.length
    ? renderTable(
        d.deadlines.map((p) => ({
          rule: p.rule, remove_by: p.removeBy, unit: p.unit, in_scope_a: p.inScopeA, in_scope_b: p.inScopeB, left: p.leftB,
          removed: p.removed, per_day: p.perDay, done_by: p.projectedDone, verdict: p.verdict,
        })),
        ['rule', 'remove_by', 'unit', 'in_scope_a', 'in_scope_b', 'left', 'removed', 'per_day', 'done_by', 'verdict'],
      )
    : '  no removal deadline concerns either snapshot\n';
  return out;
}

export function register(program: Command): void {
  program
    .command('diff')
    .description('Compare two snapshots: devices added and removed per vendor, findings opened and closed, progress toward each removal deadline')
    .argument('<snapshotA>', 'the earlier snapshot')
    .argument('<snapshotB>', 'the later snapshot')
    .option('--db <path>', 'store to read: an SQLite file or a postgres:// URL', DEFAULT_DB)
    .option('--as-of <date>', "date to evaluate both snapshots as of (default: each snapshot's own date)")
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addHelpText('after', `
Examples:
  cleanpath diff 2026-q1 2026-q4
  cleanpath diff 2026-q1 latest --as-of 2026-12-31 --format json`)
    .action(async (nameA: string, nameB: string, opts: DiffOptions) => {
      if (opts.asOf !== undefined && !isRealDate(opts.asOf)) throw new InputError('--as-of', undefined, `${opts.asOf} is not a date as YYYY-MM-DD`);
      const store = openStore(opts.db, { readonly: true });
      try {
        const side = async (name: string) => {
          const snap = await store.resolveSnapshot(name);
          const date = snap.createdAt.slice(0, 10);
          return { name: snap.name, date, asOf: opts.asOf ?? date, devices: await store.devices(snap.id) };
        };
        const a = await side(nameA);
        const b = await side(nameB);
        const result = diffSnapshots({ a, b, rules: loadRuleCatalog().rules });
        process.stdout.write(opts.format === 'json' ? renderJson(result) : renderDiffTable(result));
      } finally {
        await store.close();
      }
    });
}
