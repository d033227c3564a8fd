// `cleanpath policies --changes-since DATE`: the catalog's change log after a day, so a compliance
// team sees what to re-read since its last review, in the command's table, CSV or JSON.
import { InvalidArgumentError } from 'commander';
import { changesSince, isRealDate, type RuleCatalog } from '../../policy/index.js';
import { render, type OutputFormat, type Row } from '../output.js';

const COLUMNS = ['version', 'date', 'rule', 'what', 'audit'];

export function parseSinceDate(value: string): string {
  if (!isRealDate(value)) throw new InvalidArgumentError('expected a real date as YYYY-MM-DD');
  return value;
}

/** The changes after `since` (narrowed to `ruleIds` when given), written to stdout; a quiet period says so. */
export function writeChanges(catalog: RuleCatalog, since: string, format: OutputFormat, ruleIds?: ReadonlySet<string>): void {
  const changes = changesSince(catalog, since).filter((c) => !ruleIds || ruleIds.has(c.rule));
  const rows: Row[] = changes.map((c) => ({ version: c.version, date: c.date, rule: c.rule, what: c.what, audit: c.audit }));
  const doc = { catalogVersion: catalog.catalogVersion, catalogDate: catalog.catalogDate ?? null, since, changes };
  const none = `No changes to the rule catalog after ${since} (catalog ${catalog.catalogVersion}${catalog.catalogDate ? ` of ${catalog.catalogDate}` : ''}).\n`;
  if (format === 'table' && !changes.length) {
    process.stdout.write(none);
    return;
  }
  process.stdout.write(render(format, rows, COLUMNS, doc));
  if (format === 'table') process.stderr.write(`${changes.length} change(s) after ${since}, catalog ${catalog.catalogVersion}\n`);
  else if (!changes.length) process.stderr.write(none);
}
