// `cleanpath lists update` for one list: download to a temporary file, check it with the very
// reader screening uses (it must parse and hold records), and only then make it current, the
// current one becoming the previous. A refused download leaves the installed lists as they were.
import { readFileSync, renameSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { isInputError } from '../../model/index.js';
import { parseCsl } from '../lists/csl.js';
import { parseFtm } from '../lists/ftm.js';
import type { ScreeningList } from '../lists/types.js';
import { download, DownloadError, type DownloadLimits, type DownloadProgress } from './download.js';
import { metaFile, readMeta, slotFile, type ListMeta } from './installed.js';
import type { ListSource } from './sources.js';

/** What became of one list: outcomes as data, a refusal is not an exception. */
export type UpdateOutcome =
  | { id: string; status: 'updated'; meta: ListMeta; previous?: ListMeta }
  | { id: string; status: 'unchanged'; meta: ListMeta }
  | { id: string; status: 'refused'; reason: string; kept?: ListMeta };

function check(source: ListSource, file: string): ScreeningList {
  const text = readFileSync(file, 'utf8');
  const parse = source.format === 'csl' ? parseCsl : parseFtm;
  const list = parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file, { id: source.id, title: source.title });
  if (list.entities.length === 0) throw new DownloadError('the download holds no records');
  return list;
}

function promote(dir: string, source: ListSource, tmp: string, meta: ListMeta): void {
  const move = (from: string, to: string) => existsSync(from) && renameSync(from, to);
  move(slotFile(dir, source, 'current'), slotFile(dir, source, 'previous'));
  move(metaFile(dir, source, 'current'), metaFile(dir, source, 'previous'));
  renameSync(tmp, slotFile(dir, source, 'current'));
  writeFileSync(metaFile(dir, source, 'current'), JSON.stringify(meta, null, 2) + '\n');
}

export async function updateList(source: ListSource, dir: string, limits: DownloadLimits, progress?: DownloadProgress): Promise<UpdateOutcome> {
  mkdirSync(join(dir, source.id), { recursive: true });
  const tmp = join(dir, source.id, `download-${process.pid}.tmp`);
  const kept = readMeta(dir, source, 'current');
  const refused = (reason: string): UpdateOutcome => ({ id: source.id, status: 'refused', reason, ...(kept ? { kept } : {}) });
  try {
    const downloadedAt = new Date().toISOString();
    const { bytes, sha256 } = await download(source.url, tmp, limits, progress);
    if (kept && kept.sha256 === sha256) return { id: source.id, status: 'unchanged', meta: kept };
    const list = check(source, tmp);
    const meta: ListMeta = {
      id: source.id, title: source.title, format: source.format, url: source.url, downloadedAt, sha256, bytes,
      records: list.entities.length, listed: list.entities.filter((e) => e.listed).length,
      version: list.versionSource === 'file' ? list.version : downloadedAt.slice(0, 10),
    };
    promote(dir, source, tmp, meta);
    return { id: source.id, status: 'updated', meta, ...(kept ? { previous: kept } : {}) };
  } catch (e) {
    if (e instanceof DownloadError) return refused(e.message);
    if (isInputError(e)) return refused(`does not parse as ${source.format === 'csl' ? 'the CSL bulk JSON' : 'FollowTheMoney JSON lines'}: ${e.detail} (line ${e.line ?? '?'})`);
    throw e;
  } finally {
    rmSync(tmp, { force: true });
  }
}
