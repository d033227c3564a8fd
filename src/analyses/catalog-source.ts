// The catalog every rule is applied from: the shipped one, or the user's file named by
// `--catalog` / CLEANPATH_CATALOG (a whole catalog or an overlay, policy/catalog-file.ts). One
// process-wide choice read through activeCatalog(), so the findings, the plan's forced devices,
// the report, the diff and `policies` never disagree about the rules they apply. It travels in
// the environment because worker threads (the server's analyses) inherit it and load the same file.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../model/index.js';
import { parseCatalogText, shippedRuleCatalog, type RuleCatalog } from '../policy/index.js';

export const CATALOG_ENV = 'CLEANPATH_CATALOG';

/** Reads and checks a catalog file; its sha256 names this exact content in the catalog version. */
export function readCatalogFile(file: string): RuleCatalog {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new InputError(file, undefined, `cannot read catalog file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return parseCatalogText(bytes.toString('utf8'), file, createHash('sha256').update(bytes).digest('hex'));
}

let active: { file: string | undefined; catalog: RuleCatalog } | undefined;

export function activeCatalog(): RuleCatalog {
  const file = process.env[CATALOG_ENV] || undefined;
  if (!active || active.file !== file) active = { file, catalog: file ? readCatalogFile(file) : shippedRuleCatalog() };
  return active.catalog;
}

/**
 * Makes `file` the catalog of this process and of the workers it starts. Reads and checks the
 * file first: bad input throws before anything runs.
 */
export function useCatalogFile(file: string): RuleCatalog {
  const catalog = readCatalogFile(file);
  const path = resolve(file);
  process.env[CATALOG_ENV] = path;
  active = { file: path, catalog };
  return catalog;
}
