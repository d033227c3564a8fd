import Database from 'better-sqlite3';

/** True while another connection holds the SQLite store's write lock (one non-blocking attempt). */
export function storeLocked(db: string): boolean {
  const probe = new Database(db, { timeout: 0 });
  try {
    probe.exec('BEGIN IMMEDIATE');
    probe.exec('ROLLBACK');
    return false;
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw e;
  } finally {
    probe.close();
  }
}
