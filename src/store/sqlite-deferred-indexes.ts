import type Database from 'better-sqlite3';

/**
 * When the devices table is empty (a first import into a new database), drops its indexes and
 * returns what rebuilds them: building an index once from a million loaded rows costs a fraction
 * of maintaining it row by row. A table that already holds rows keeps its indexes, since
 * rebuilding would re-sort every earlier snapshot. Runs inside the import's transaction, so a
 * rollback restores the indexes too.
 */
export function deferDeviceIndexes(db: Database.Database): (() => void) | undefined {
  if (db.prepare('SELECT 1 FROM devices LIMIT 1').get() !== undefined) return undefined;
  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'devices' AND sql IS NOT NULL ORDER BY name")
    .all() as { name: string; sql: string }[];
  for (const i of indexes) db.exec(`DROP INDEX "${i.name}"`);
  return () => {
    for (const i of indexes) db.exec(i.sql);
  };
}
