// The catalog's change log read by date: what a compliance team has to re-read since it last looked.
import type { RuleCatalog } from './catalog.js';
import type { CatalogChange } from './schema.js';

/** Changes dated after `day` (YYYY-MM-DD, not included), in the log's order (oldest first). */
export function changesSince(catalog: RuleCatalog, day: string): CatalogChange[] {
  return catalog.changes.filter((c) => c.date > day);
}
