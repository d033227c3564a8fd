// The TAC table identification looks IMEIs up in, built from rows an ingest reader parsed
// (src/ingest/plain/tac.ts): identification reads no file, it names each brand's vendor.
import type { ImportWarning } from '../model/index.js';
import type { TacRows } from '../ingest/plain/tac.js';
import { buildNameIndex, normaliseCompanyName, type Catalog } from '../vendors/index.js';

export interface TacEntry {
  tac: string;
  brand: string;
  model: string;
  vendor: string | null;
}

export interface TacTable {
  file: string;
  size: number;
  lookup(tac: string): TacEntry | undefined;
  /** Rows the reader skipped, with the reason. */
  warnings: ImportWarning[];
}

export function buildTacTable(source: TacRows, catalog: Catalog): TacTable {
  const names = buildNameIndex(catalog);
  // Brands repeat over thousands of rows: name each one's vendor once.
  const brandVendor = new Map<string, string | null>();
  const vendorOf = (brand: string): string | null => {
    let v = brandVendor.get(brand);
    if (v === undefined) {
      v = names.get(normaliseCompanyName(brand))?.vendor ?? null;
      brandVendor.set(brand, v);
    }
    return v;
  };
  const table = new Map<string, TacEntry>();
  for (const r of source.rows) table.set(r.tac, { tac: r.tac, brand: r.brand, model: r.model, vendor: r.brand ? vendorOf(r.brand) : null });
  return { file: source.file, size: table.size, lookup: (tac) => table.get(tac), warnings: source.warnings };
}
