// Shared by the store's tests: temporary databases, sample domain objects, and a dump of every
// row of every table for "exactly as before" comparisons.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Device, Evidence, Flow, Link, Site } from '../model/index.js';

export function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'cleanpath-store-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const VENDORS = ['huawei', 'zte', 'cisco', 'nokia', null] as const;
const COUNTRIES = ['DE', 'IT', 'JP', 'GB'] as const;
const LAYERS = ['core', 'ran', 'transport', 'nms'] as const;

export function device(i: number, over: Partial<Device> = {}): Device {
  const vendor = VENDORS[i % VENDORS.length]!;
  const file = 'inv.csv';
  const line = i + 2;
  const evidence: Evidence[] = [];
  if (i % 3 === 0) evidence.push({ kind: 'oui', raw: `00:e0:fc:00:00:${(i % 256).toString(16).padStart(2, '0')}`, vendor: 'huawei', confidence: 0.9, valid: true, source: { file, line } });
  if (vendor !== null) evidence.push({ kind: 'declared', raw: vendor.toUpperCase(), vendor, confidence: 0.6, valid: true, source: { file, line } });
  return {
    id: `dev-${i}`,
    name: `device ${i}`,
    layer: LAYERS[i % LAYERS.length]!,
    country: COUNTRIES[i % COUNTRIES.length]!,
    network: i % 7 === 0 ? 'military' : 'commercial',
    raw: vendor ? { declaredVendor: vendor } : {},
    extra: {},
    source: { file, line },
    vendor,
    attribution: { vendor, confidence: vendor ? 0.6 : 0, evidence, conflicts: [] },
    ...over,
  };
}

export function devices(from: number, n: number): Device[] {
  return Array.from({ length: n }, (_, k) => device(from + k));
}

export function site(id: string, over: Partial<Site> = {}): Site {
  return { id, name: `Site ${id}`, country: 'DE', lat: 49.44, lon: 7.6, source: { file: 'sites.csv', line: 2 }, ...over };
}

export function link(a: string, b: string, line: number): Link {
  return { a, b, metric: 1, extra: {}, source: { file: 'links.csv', line } };
}

export function flow(id: string, src: string, dst: string, line: number): Flow {
  return { id, src, dst, class: 'sensitive', volume: 1, extra: {}, source: { file: 'flows.csv', line } };
}

/** Every row of every table and the schema itself, in a canonical order. */
export function dump(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const out: Record<string, string[]> = {};
    const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    out.sqlite_master = (db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master').all() as unknown[]).map((r) => JSON.stringify(r)).sort();
    for (const t of tables) out[t] = (db.prepare(`SELECT * FROM "${t}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort();
    return JSON.stringify(out);
  } finally {
    db.close();
  }
}
