// A user-supplied Osmocom-format TAC database (CSV): line 1 licence, line 2 the header
// `tac,name,name,contributor,comment,gsmarena,gsmarena,aka` (first name = brand, second = model).
import { readFileSync } from 'node:fs';
import { InputError, type ImportWarning } from '../model/index.js';
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
  /** Rows skipped, with the reason (at most MAX_WARNINGS). */
  warnings: ImportWarning[];
}

const MAX_WARNINGS = 100;

/** One CSV line into fields; double quotes quote, "" inside quotes is a quote. */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (q) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else q = false;
      } else cur += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

export function parseTacCsv(text: string, file: string, catalog: Catalog): TacTable {
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex((l, i) => i < 3 && /^\s*"?tac"?\s*,/i.test(l));
  if (headerAt < 0) throw new InputError(file, 2, 'expected the Osmocom TAC header "tac,name,name,..." on line 1 or 2');
  const header = splitCsvLine(lines[headerAt]!).map((h) => h.trim().toLowerCase());
  const tacCol = header.indexOf('tac');
  const brandCol = header.indexOf('name');
  const modelCol = header.indexOf('name', brandCol + 1);
  if (brandCol < 0) throw new InputError(file, headerAt + 1, 'header has no "name" column for the brand');
  const names = buildNameIndex(catalog);
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
  const warnings: ImportWarning[] = [];
  const warn = (line: number, message: string) => {
    if (warnings.length < MAX_WARNINGS) warnings.push({ file, line, message });
  };
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const f = splitCsvLine(line);
    let tac = (f[tacCol] ?? '').trim();
    if (!/^\d{7,8}$/.test(tac)) {
      warn(i + 1, `TAC "${tac.slice(0, 20)}" is not 7 or 8 digits; row skipped`);
      continue;
    }
    // Some exports lost the leading zero of 8-digit TACs.
    if (tac.length === 7) tac = `0${tac}`;
    const brand = (f[brandCol] ?? '').trim();
    const model = modelCol >= 0 ? (f[modelCol] ?? '').trim() : '';
    table.set(tac, { tac, brand, model, vendor: brand ? vendorOf(brand) : null });
  }
  return { file, size: table.size, lookup: (tac) => table.get(tac), warnings };
}

export function loadTacCsv(path: string, catalog: Catalog): TacTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(path, undefined, `cannot read TAC table: ${(e as Error).message}`);
  }
  return parseTacCsv(text, path, catalog);
}
