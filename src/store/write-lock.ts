// Taking an SQLite store's one write lock (issue 16 point 2). SQLite lets one writer at a time
// into a file; an import holds the lock for its whole length (it is one transaction, so that bad
// input leaves the store unchanged), which can be minutes for a million devices. A second writer
// therefore asks for the lock up front (BEGIN IMMEDIATE), before reading a byte of its input,
// and waits its turn, saying so, up to a bound: it never fails halfway nor with SQLite's bare
// "database is locked". The wait is asynchronous (one quick attempt, then a pause) so that a
// server waiting for the lock keeps answering meanwhile.
import type Database from 'better-sqlite3';
import { InputError } from '../model/index.js';

/** How long a write waits for another process's import by default: long enough for a big import. */
export const DEFAULT_WAIT_SECONDS = 300;

export interface WriteWait {
  /** The bound on the wait, in seconds (0: do not wait). */
  seconds?: number;
  /** Told once, when the lock is found taken, before waiting. */
  onBusy?: (message: string) => void;
}

export const BUSY_MESSAGE = 'store busy: another import is writing; waiting…';

/** The store stayed busy past the bound: bad luck rather than bad input, but exit 2 / retry all the same. */
export class StoreBusyError extends InputError {
  readonly storeBusy = true;
  constructor(where: string, readonly seconds: number) {
    super(where, undefined, `store busy, retry: another import held the store's write lock for the ${seconds} s allowed (--wait SECONDS waits longer); nothing was written`);
  }
}

export function isStoreBusy(e: unknown): e is StoreBusyError {
  return e instanceof StoreBusyError;
}

/** SQLITE_BUSY and its extended codes: another connection holds the lock. */
export function isSqliteBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED');
}

const FIRST_PAUSE_MS = 20;
const MAX_PAUSE_MS = 250;

/** BEGIN IMMEDIATE on `db`, waiting up to `wait.seconds` for another writer to finish. */
export async function beginImmediate(db: Database.Database, where: string, wait: WriteWait = {}): Promise<void> {
  const seconds = wait.seconds ?? DEFAULT_WAIT_SECONDS;
  const deadline = Date.now() + seconds * 1000;
  let pause = FIRST_PAUSE_MS;
  let told = false;
  for (;;) {
    if (tryBegin(db)) return;
    if (Date.now() >= deadline) throw new StoreBusyError(where, seconds);
    if (!told) wait.onBusy?.(BUSY_MESSAGE);
    told = true;
    await new Promise((r) => setTimeout(r, Math.min(pause, Math.max(1, deadline - Date.now()))));
    pause = Math.min(pause * 2, MAX_PAUSE_MS);
  }
}

/** One attempt, not blocking: the connection's busy timeout is set aside for it. */
function tryBegin(db: Database.Database): boolean {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    db.exec('BEGIN IMMEDIATE');
    return true;
  } catch (e) {
    if (isSqliteBusy(e)) return false;
    throw e;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}
