// `npm run bench`: runs every benchmark, prints a table and writes docs/benchmarks.md.
// Select some with arguments: `npm run bench -- oui import`; add `--write` to replace just their
// rows in docs/benchmarks.md (the other benchmarks' rows and their dates stay as they were).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { BenchModule, BenchResult } from './types.js';

const BENCHMARKS: Record<string, () => Promise<BenchModule>> = {
  oui: () => import('./oui-lookup.js'),
  import: () => import('./import-inventory.js'),
  'pg-import': () => import('./pg-import.js'),
  exposure: () => import('./exposure.js'),
  fuzz: () => import('./fuzz.js'),
  hostile: () => import('./hostile-input.js'),
  probe: () => import('./probe-throughput.js'),
  plan: () => import('./plan.js'),
  screen: () => import('./screen.js'),
  'screen-quality': () => import('./screen-quality.js'),
  paths: () => import('./paths.js'),
  serve: () => import('./serve.js'),
  scale: () => import('./scale.js'),
  'report-open': () => import('./report-open.js'),
  views: () => import('./views.js'),
  'topology-view': () => import('./topology-view.js'),
  attest: () => import('./attest.js'),
};

const args = process.argv.slice(2);
const merge = args.includes('--write');
const wanted = args.filter((a) => a !== '--write');
const unknown = wanted.filter((n) => !(n in BENCHMARKS));
if (unknown.length) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}\n`);
  process.exit(2);
}
const names = wanted.length ? Object.keys(BENCHMARKS).filter((n) => wanted.includes(n)) : Object.keys(BENCHMARKS);
const rows: { bench: string; r: BenchResult }[] = [];
for (const name of names) {
  process.stderr.write(`== ${name}\n`);
  const mod = await BENCHMARKS[name]!();
  for (const r of await mod.run()) {
    rows.push({ bench: name, r });
    process.stderr.write(`  ${r.name}: ${r.value} ${r.unit}${r.target ? ` (target ${r.target}: ${r.met ? 'met' : 'MISSED'})` : ''}\n`);
  }
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const fmt = (v: number) => (Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(3));
const today = new Date().toISOString().slice(0, 10);
const HEADER = ['| benchmark | measure | value | target | met | how |', '|---|---|---|---|---|---|'];
const rowLines = rows.map(({ bench, r }) => `| ${bench} | ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.target ?? ''} | ${r.met === undefined ? '' : r.met ? 'yes' : '**no**'} | ${r.note ?? ''}${merge ? ` (measured ${today})` : ''} |`);
const table = [...HEADER, ...rowLines].join('\n');
process.stdout.write(table + '\n');
// The written file: an intro, the table, and sections after it (written by hand) that stay.
const old = existsSync('docs/benchmarks.md') ? readFileSync('docs/benchmarks.md', 'utf8').split('\n') : [];
const tableStart = old.findIndex((l) => l.startsWith('| benchmark |'));
let tableEnd = Math.max(0, tableStart);
while (tableStart >= 0 && tableEnd < old.length && old[tableEnd]!.startsWith('|')) tableEnd++;
const outro = tableStart >= 0 && tableEnd < old.length ? `\n${old.slice(tableEnd).join('\n').trim()}\n` : '';
if (merge && wanted.length) {
  // Keep every row of the benchmarks not rerun; the rerun ones take their place, in registry order.
  const benchOf = (line: string) => /^\| ([a-z0-9-]+) \|/.exec(line)?.[1];
  const kept = old.slice(Math.max(0, tableStart), tableEnd).filter((l) => benchOf(l) !== undefined && benchOf(l) !== 'benchmark' && !wanted.includes(benchOf(l)!));
  const order = Object.keys(BENCHMARKS);
  const all = [...kept, ...rowLines].sort((a, b) => order.indexOf(benchOf(a)!) - order.indexOf(benchOf(b)!));
  const intro = old.length ? old.slice(0, old.findIndex((l) => l.startsWith('| benchmark |'))).join('\n') : `# Benchmarks\n`;
  writeFileSync('docs/benchmarks.md', `${intro.trimEnd()}\n\n${[...HEADER, ...all].join('\n')}\n${outro}`);
  process.stderr.write(`updated the rows of ${wanted.join(', ')} in docs/benchmarks.md\n`);
}
if (!wanted.length) {
  writeFileSync(
    'docs/benchmarks.md',
    `# Benchmarks\n\nWritten by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (${machine}).\n` +
      `Speeds are measured in the same process or script as their reference; rerun to refresh.\n\n${table}\n${outro}`,
  );
  process.stderr.write('wrote docs/benchmarks.md\n');
}
