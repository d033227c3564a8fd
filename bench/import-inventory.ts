// Benchmark: import of a generated inventory CSV (default 1,000,000 devices) into a fresh SQLite
// store, end to end: parse + identify + store, one transaction. The import runs in a child
// process so that its peak RSS is the import's own, not the generator's, and on the compiled
// JavaScript in dist/ (built first when stale, as ./bin/cleanpath does), which is what users run.
//
//   node --import tsx bench/import-inventory.ts          (BENCH_ROWS=100000 for a quick try;
//                                                         BENCH_TSX=1 runs the sources under tsx)
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './types.js';
import { seededUniform } from '../src/model/seeded-random.js';

const TARGET_ROWS_PER_S = 200_000;

// Per vendor: real OUI blocks (IEEE registry), sysObjectID (IANA enterprise number), sysDescr and
// a declared name, so identification does its real work. A device's evidence mostly agrees; a
// few per cent carry a MAC of another vendor (a replaced NIC), as real inventories do.
interface VendorProfile {
  weight: number;
  ouis: string[];
  oid: string;
  descr: string;
  declared: string;
}
const PROFILES: VendorProfile[] = [
  { weight: 20, ouis: ['10:01:77', '10:24:07', '00:e0:fc'], oid: '1.3.6.1.4.1.2011.2.23.96', descr: 'Huawei Versatile Routing Platform Software VRP (R) software, Version 8.180', declared: 'Huawei Technologies Co., Ltd.' },
  { weight: 10, ouis: ['10:10:81', '14:20:04'], oid: '1.3.6.1.4.1.3902.3.100.1', descr: 'ZXR10 ROS Version V4.08.23 ZTE Corporation', declared: 'ZTE Corporation' },
  { weight: 25, ouis: ['10:57:25', '14:19:23'], oid: '1.3.6.1.4.1.9.1.1208', descr: 'Cisco IOS Software, ASR1000 Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 16.9.4', declared: 'Cisco Systems' },
  { weight: 15, ouis: ['10:98:26', '14:18:26'], oid: '1.3.6.1.4.1.637.61.1', descr: 'Nokia 7750 SR-12 TiMOS-C-20.10.R4', declared: 'Nokia' },
  { weight: 15, ouis: ['34:84:46', '90:38:09'], oid: '1.3.6.1.4.1.193.28.1', descr: 'Ericsson Router 6672 IPOS-21.1', declared: 'Ericsson AB' },
  { weight: 15, ouis: ['20:93:39', '34:28:65'], oid: '1.3.6.1.4.1.2636.1.1.1.2.29', descr: 'Juniper Networks, Inc. mx480 internet router, kernel JUNOS 21.4R3', declared: 'Juniper Networks' },
];
const TOTAL_WEIGHT = PROFILES.reduce((n, p) => n + p.weight, 0);
const LAYERS = ['core', 'ran', 'transport', 'nms', 'access', 'enterprise'];
const COUNTRIES = ['DE', 'IT', 'JP', 'GB', 'US', 'FR', 'ES', 'PL'];
const OPERATORS = ['Telekom Example', 'Rete Esempio', 'Nihon Sample', 'Britline'];
const NETWORKS = ['commercial', 'commercial', 'commercial', 'government', 'military'];

const rng = seededUniform;

function profile(x: number): VendorProfile {
  for (const p of PROFILES) if ((x -= p.weight) < 0) return p;
  return PROFILES[PROFILES.length - 1]!;
}

const hex2 = (n: number): string => (n & 0xff).toString(16).padStart(2, '0');

/** Writes the inventory CSV and returns its size in bytes. */
export async function generateInventory(path: string, rows: number, seed = 1): Promise<number> {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const out = createWriteStream(path);
  const write = (s: string): Promise<void> | void => {
    if (!out.write(s)) return new Promise((resolve) => out.once('drain', () => resolve()));
  };
  await write('id,name,vendor,model,role,layer,technology,site,country,operator,network,installed,cost,lat,lon,mac,sys_object_id,sys_descr\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const country = pick(COUNTRIES);
    const site = `${country}-POP-${Math.floor(r() * 2000)}`;
    const v = profile(r() * TOTAL_WEIGHT);
    const macOf = r() < 0.03 ? pick(PROFILES) : v;
    const mac = r() < 1 / 3 ? `${pick(macOf.ouis)}:${hex2(i >> 16)}:${hex2(i >> 8)}:${hex2(i)}` : '';
    const oid = r() < 0.2 ? v.oid : '';
    const descr = r() < 0.15 ? `"${v.descr}"` : '';
    const declared = r() < 0.25 ? `"${v.declared}"` : '';
    const cost = r() < 0.5 ? String(1000 + Math.floor(r() * 100000)) : '';
    const lat = (35 + r() * 20).toFixed(4);
    const lon = (-5 + r() * 30).toFixed(4);
    chunk += `dev-${i},${site}-node-${i},${declared},,router,${pick(LAYERS)},,${site},${country},${pick(OPERATORS)},${pick(NETWORKS)},2019-0${1 + (i % 9)}-1${i % 10},${cost},${lat},${lon},${mac},${oid},${descr}\n`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return statSync(path).size;
}

interface ChildResult {
  seconds: number;
  /** CPU time of the import (user + system): with other work on the machine, wall time lies. */
  cpuSeconds: number;
  devices: number;
  warnings: number;
  maxRssMiB: number;
  dbBytes: number;
  closeSeconds: number;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(p) : st.mtimeMs);
  }
  return newest;
}

/** dist/, built when older than src/ (as bin/cleanpath does); undefined when it cannot be built. */
function compiledStore(): string | undefined {
  if (process.env.BENCH_TSX === '1') return undefined;
  const stamp = join(ROOT, 'dist', '.build-stamp');
  const entry = join(ROOT, 'dist', 'store', 'index.js');
  const fresh = (): boolean => existsSync(stamp) && existsSync(entry) && statSync(stamp).mtimeMs >= newestMtime(join(ROOT, 'src'));
  if (!fresh()) {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0 || !existsSync(entry)) return undefined;
  }
  return entry;
}

/** Runs in the child: the timed import. */
async function importOnce(csv: string, db: string, storeModule: string | undefined): Promise<ChildResult> {
  const { openStore, importFiles } = (
    storeModule === undefined ? await import('../src/store/index.js') : await import(pathToFileURL(storeModule).href)
  ) as typeof import('../src/store/index.js');
  const store = openStore(db);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const summary = await importFiles(store, [csv], { snapshot: 'bench' });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const t1 = performance.now();
  await store.close();
  const closeSeconds = (performance.now() - t1) / 1000;
  const file = summary.files[0]!;
  return {
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    devices: file.devices,
    warnings: file.warnings,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    dbBytes: statSync(db).size,
    closeSeconds,
  };
}

export async function run(): Promise<BenchResult[]> {
  const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'cleanpath-bench-import-'));
  try {
    const csv = join(dir, 'inventory.csv');
    const db = join(dir, 'bench.db');
    const csvBytes = await generateInventory(csv, rows);
    const compiled = compiledStore();
    const code = compiled === undefined ? 'TypeScript sources under tsx (dist/ could not be built)' : 'compiled dist/';
    if (compiled === undefined && process.env.BENCH_TSX !== '1') console.error('import benchmark: dist/ could not be built; running the sources under tsx');
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', csv, db, ...(compiled === undefined ? [] : [compiled])], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (child.status !== 0) throw new Error(`the import child failed (exit ${child.status ?? child.signal})`);
    const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as ChildResult;
    if (r.devices !== rows) throw new Error(`imported ${r.devices} devices, expected ${rows}`);
    const rate = Math.round(rows / r.seconds);
    const workload = `${rows} rows, ${(csvBytes / 1e6).toFixed(0)} MB CSV (1/3 with a MAC, 20% a sysObjectID, 15% a sysDescr, 25% a declared vendor; 6 vendors); ${code}`;
    return [
      {
        name: 'inventory CSV import into SQLite (parse + identify + store)',
        value: rate,
        unit: 'rows/s',
        target: `>= ${TARGET_ROWS_PER_S}`,
        met: rate >= TARGET_ROWS_PER_S,
        note: `${workload}; ${r.seconds.toFixed(2)} s to commit, ${r.warnings} warnings; closing (WAL checkpoint) ${r.closeSeconds.toFixed(2)} s more; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`,
      },
      {
        name: 'inventory CSV import, per CPU-second',
        value: Math.round(rows / r.cpuSeconds),
        unit: 'rows/CPU-s',
        note: `${r.cpuSeconds.toFixed(2)} CPU-s (user + system, every thread: parsing and identification run in a worker thread beside the SQLite writer) for ${rows} rows`,
      },
      { name: 'inventory import peak memory', value: Math.round(r.maxRssMiB), unit: 'MiB', note: `max RSS of the importing process, ${workload}` },
      { name: 'inventory import database size', value: Math.round(r.dbBytes / 1e6), unit: 'MB', note: `SQLite file after close, ${rows} devices with evidence` },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  if (process.argv[2] === '--child') {
    const r = await importOnce(process.argv[3]!, process.argv[4]!, process.argv[5]);
    process.stdout.write(`${JSON.stringify(r)}\n`);
  } else {
    for (const r of await run()) console.log(JSON.stringify(r));
  }
}
