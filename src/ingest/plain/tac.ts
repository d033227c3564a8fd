// A user-supplied Osmocom-format TAC database (CSV): line 1 licence, line 2 the header
// `tac,name,name,contributor,comment,gsmarena,gsmarena,aka` (first name = brand, second = model).
// Read here, at the edge; identification takes the rows (src/identify/tac-table.ts) and names
// each brand's vendor from the catalog.
import { InputError, type ImportWarning } from '../../model/index.js';
import { splitCsvLine } from '../csv/text.js';
import { readTextSync } from './read-text.js';

export interface TacRow {
  /** 8 digits (a 7-digit TAC that lost its leading zero is padded) */
  tac: string;
  brand: string;
  model: string;
}

export interface TacRows {
  file: string;
  rows: TacRow[];
  /** Rows skipped, with the reason (at most MAX_WARNINGS). */
  warnings: ImportWarning[];
}

const MAX_WARNINGS = 100;

export function parseTacCsv(text: string, file: string): TacRows {
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex((l, i) => i < 3 && /^\s*"?tac"?\s*,/i.test(l));
  if (headerAt < 0) throw new InputError(file, 2, 'expected the Osmocom TAC header "tac,name,name,..." on line 1 or 2');
  // Line by line, not the whole text: line 1 is a free-text licence that need not be valid CSV.
  const header = splitCsvLine(lines[headerAt]!, file, headerAt + 1).map((h) => h.trim().toLowerCase());
  const tacCol = header.indexOf('tac');
  const brandCol = header.indexOf('name');
  const modelCol = header.indexOf('name', brandCol + 1);
  if (brandCol < 0) throw new InputError(file, headerAt + 1, 'header has no "name" column for the brand');
  const rows: TacRow[] = [];
  const warnings: ImportWarning[] = [];
  const warn = (line: number, message: string): void => {
    if (warnings.length < MAX_WARNINGS) warnings.push({ file, line, message });
  };
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    let f: string[];
    try {
      f = splitCsvLine(line, file, i + 1);
    } catch (e) {
      // A community-edited table: one malformed row is skipped with the reason, not the table.
      if (!(e instanceof InputError)) throw e;
      warn(i + 1, `${e.detail}; row skipped`);
      continue;
    }
    let tac = (f[tacCol] ?? '').trim();
    if (!/^\d{7,8}$/.test(tac)) {
      warn(i + 1, `TAC "${tac.slice(0, 20)}" is not 7 or 8 digits; row skipped`);
      continue;
    }
    // Some exports lost the leading zero of 8-digit TACs.
    if (tac.length === 7) tac = `0${tac}`;
    rows.push({ tac, brand: (f[brandCol] ?? '').trim(), model: modelCol >= 0 ? (f[modelCol] ?? '').trim() : '' });
  }
  return { file, rows, warnings };
}

/** Synchronous: the identify context that takes it is built synchronously, on first use. */
export function readTacFile(path: string): TacRows {
  return parseTacCsv(readTextSync(path, ' TAC table'), path);
}
