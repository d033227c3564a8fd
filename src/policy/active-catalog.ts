// The catalog every rule is applied from: the shipped one, or the user's file named by
// `--catalog` / CLEANPATH_CATALOG. One process-wide choice read through loadRuleCatalog(), so
// the findings, the plan's forced devices, the report, the diff and `policies` can never disagree
// about which rules they apply; it travels in the environment because worker threads and forked
// compute processes (the server's analyses, --distributed) inherit it and load the same file.
import { resolve } from 'node:path';
import { shippedRuleCatalog, type RuleCatalog } from './catalog.js';
import { readCatalogFile } from './catalog-file.js';

export const CATALOG_ENV = 'CLEANPATH_CATALOG';

let active: { file: string | undefined; catalog: RuleCatalog } | undefined;

export function loadRuleCatalog(): RuleCatalog {
  const file = process.env[CATALOG_ENV] || undefined;
  if (!active || active.file !== file) active = { file, catalog: file ? readCatalogFile(file) : shippedRuleCatalog() };
  return active.catalog;
}

/**
 * Makes `file` (or, undefined, the shipped catalog) the catalog of this process and of what it
 * starts. Reads and checks the file first: bad input throws before anything runs.
 */
export function useCatalogFile(file: string | undefined): RuleCatalog {
  if (file === undefined) {
    delete process.env[CATALOG_ENV];
    return loadRuleCatalog();
  }
  const catalog = readCatalogFile(file);
  const path = resolve(file);
  process.env[CATALOG_ENV] = path;
  active = { file: path, catalog };
  return catalog;
}
