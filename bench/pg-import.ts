// Benchmark: the same generated inventory CSV (default 1,000,000 devices) imported into a fresh
// PostgreSQL database (rows sent with COPY FROM STDIN in one transaction) and into a fresh SQLite
// file, in this one process one after the other, so the two rates are comparable. Needs the
// PostgreSQL of scripts/services.sh (or CLEANPATH_TEST_DATABASE_URL, a role with CREATEDB).
//
//   node --import tsx bench/pg-import.ts          (BENCH_ROWS=100000 for a quick try)
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFiles, openStore } from '../src/store/index.js';
import { createTestDatabase } from '../test/store/pg-database.js';
import { generateInventory } from './import-inventory.js';
import type { BenchResult } from './types.js';

async function timedImport(location: string, csv: string): Promise<{ seconds: number; cpuSeconds: number; devices: number }> {
  const store = openStore(location);
  try {
    await store.schemaVersion(); // connected and migrated before the clock starts
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const summary = await importFiles(store, [csv], { snapshot: 'bench' });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, devices: summary.snapshot.devices };
  } finally {
    await store.close();
  }
}

export async function run(): Promise<BenchResult[]> {
  const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
  const db = await createTestDatabase('cleanpath_bench');
  if ('skip' in db) throw new Error(db.skip);
  const dir = mkdtempSync(join(tmpdir(), 'cleanpath-bench-pg-'));
  try {
    const csv = join(dir, 'inventory.csv');
    const csvBytes = await generateInventory(csv, rows);
    const pg = await timedImport(db.url, csv);
    const sqlite = await timedImport(join(dir, 'bench.db'), csv);
    for (const r of [pg, sqlite]) if (r.devices !== rows) throw new Error(`imported ${r.devices} devices, expected ${rows}`);
    const workload = `${rows} rows, ${(csvBytes / 1e6).toFixed(0)} MB CSV, parse + identify (worker thread) + store, one transaction; TypeScript sources under tsx; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`;
    return [
      {
        name: 'inventory CSV import into PostgreSQL (COPY)',
        value: Math.round(rows / pg.seconds),
        unit: 'rows/s',
        note: `${workload}; ${pg.seconds.toFixed(2)} s, ${pg.cpuSeconds.toFixed(2)} CPU-s in this process (PostgreSQL's own CPU not counted); PostgreSQL 15 on 127.0.0.1`,
      },
      {
        name: 'the same import into SQLite, same process',
        value: Math.round(rows / sqlite.seconds),
        unit: 'rows/s',
        note: `${sqlite.seconds.toFixed(2)} s, ${sqlite.cpuSeconds.toFixed(2)} CPU-s`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  }
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) for (const r of await run()) console.log(JSON.stringify(r));
