// What is in the lists directory: per list, the current download and the one before it, each a
// file with a sidecar JSON saying where it came from, when, its sha256 and how many records.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadListFile } from '../lists/load.js';
import type { ScreeningList } from '../lists/types.js';
import { DEFAULT_SOURCES, type ListSource } from './sources.js';

export const ListMeta = z.object({
  id: z.string(),
  title: z.string(),
  format: z.enum(['csl', 'ftm']),
  url: z.string(),
  downloadedAt: z.string(),
  sha256: z.string(),
  bytes: z.number(),
  /** Entities read from the file; `listed`: those on the list itself (not only related parties). */
  records: z.number(),
  listed: z.number(),
  /** The list's own date (what it states, else the download day). */
  version: z.string(),
});
export type ListMeta = z.infer<typeof ListMeta>;

export type Slot = 'current' | 'previous';

export function slotFile(dir: string, source: ListSource, slot: Slot): string {
  return join(dir, source.id, `${slot}-${source.fileName}`);
}

export function metaFile(dir: string, source: ListSource, slot: Slot): string {
  return join(dir, source.id, `${slot}.meta.json`);
}

/** A slot's sidecar, or undefined when there is none (or it is unreadable: then the slot is not trusted). */
export function readMeta(dir: string, source: ListSource, slot: Slot): ListMeta | undefined {
  const file = metaFile(dir, source, slot);
  if (!existsSync(file) || !existsSync(slotFile(dir, source, slot))) return undefined;
  try {
    const r = ListMeta.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

export interface InstalledList {
  source: ListSource;
  current?: ListMeta;
  previous?: ListMeta;
}

export function installedLists(dir: string): InstalledList[] {
  return DEFAULT_SOURCES.map((source) => {
    const current = readMeta(dir, source, 'current');
    const previous = readMeta(dir, source, 'previous');
    return { source, ...(current ? { current } : {}), ...(previous ? { previous } : {}) };
  });
}

/**
 * The newest download of each list, ready to screen with, each titled with its download time and
 * URL so a result says which copy it used; keyed by the bundled sample it replaces.
 */
export function downloadedLists(dir: string): Map<string, ScreeningList> {
  const out = new Map<string, ScreeningList>();
  for (const { source, current } of installedLists(dir)) {
    if (!current) continue;
    const title = `${current.title} (downloaded ${current.downloadedAt} from ${current.url}, sha256 ${current.sha256.slice(0, 12)})`;
    const list = loadListFile(slotFile(dir, source, 'current'), { id: source.id, title });
    // a list that states no date is as recent as its download, whatever the file's mtime says
    out.set(source.replaces, list.versionSource === 'file' ? list : { ...list, version: current.version, versionSource: 'downloaded' });
  }
  return out;
}
