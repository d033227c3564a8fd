import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { VersionSource } from './types.js';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/** The YYYY-MM-DD day a date or timestamp string starts with, if it is a real day. */
export function dayOf(s: string | undefined | null): string | undefined {
  if (typeof s !== 'string') return undefined;
  const m = ISO_DAY.exec(s.trim());
  if (!m) return undefined;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== `${m[1]}-${m[2]}-${m[3]}` ? undefined : `${m[1]}-${m[2]}-${m[3]}`;
}

/** The latest of some days (YYYY-MM-DD compares as text). */
export function latestDay(days: Iterable<string | undefined>): string | undefined {
  let best: string | undefined;
  for (const d of days) if (d !== undefined && (best === undefined || d > best)) best = d;
  return best;
}

/**
 * A list's version: the date the file states about itself, else a date in its name
 * (consolidated-2026-07-15.json, entities.20260715.ftm.json), else the day it was last modified
 * (else, for text from no file, the day it was read).
 */
export function resolveVersion(file: string, stated: string | undefined): { version: string; versionSource: VersionSource } {
  if (stated !== undefined) return { version: stated, versionSource: 'file' };
  const m = /(\d{4})-?(\d{2})-?(\d{2})/.exec(basename(file));
  const named = m ? dayOf(`${m[1]}-${m[2]}-${m[3]}`) : undefined;
  if (named !== undefined) return { version: named, versionSource: 'file-name' };
  try {
    return { version: statSync(file).mtime.toISOString().slice(0, 10), versionSource: 'modified' };
  } catch {
    // Text that came from no file (a test, a pipe): dated the day it was read.
    return { version: new Date().toISOString().slice(0, 10), versionSource: 'read' };
  }
}
