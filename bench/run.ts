// `npm run bench`: runs every benchmark, prints a table and writes docs/benchmarks.md.
// Select some with arguments: `npm run bench -- oui import`.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { BenchModule, BenchResult } from './types.js';

const BENCHMARKS: Record<string, () => Promise<BenchModule>> = {
  oui: () => import('./oui-lookup.js'),
  import: () => import('./import-inventory.js'),
  exposure: () => import('./exposure.js'),
  fuzz: () => import('./fuzz-ber.js'),
  probe: () => import('./probe-throughput.js'),
  plan: () => import('./plan.js'),
  screen: () => import('./screen.js'),
  paths: () => import('./paths.js'),
  serve: () => import('./serve.js'),
};

const wanted = process.argv.slice(2);
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
const table = [
  '| benchmark | measure | value | target | met | how |',
  '|---|---|---|---|---|---|',
  ...rows.map(({ bench, r }) => `| ${bench} | ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.target ?? ''} | ${r.met === undefined ? '' : r.met ? 'yes' : '**no**'} | ${r.note ?? ''} |`),
].join('\n');
process.stdout.write(table + '\n');
if (!wanted.length) {
  writeFileSync(
    'docs/benchmarks.md',
    `# Benchmarks\n\nWritten by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (${machine}).\n` +
      `Speeds are measured in the same process or script as their reference; rerun to refresh.\n\n${table}\n`,
  );
  process.stderr.write('wrote docs/benchmarks.md\n');
}
