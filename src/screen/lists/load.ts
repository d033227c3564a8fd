// Reading list files: the format is told by the content (an object with "results" is the CSL
// bulk JSON; one entity object per line is FollowTheMoney), and the bundled lists ship with the
// code. Lists are read at screen time, not stored: a list is a dated document the user keeps
// (and refreshes) next to the store, and a screening result names the version it used.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../model/index.js';
import { MAX_WHOLE_FILE_BYTES } from '../../ingest/limits.js';
import { errorText } from '../../ingest/util/read-whole.js';
import { parseCsl } from './csl.js';
import { fccCatalogList } from './fcc-catalog.js';
import { parseFtm } from './ftm.js';
import type { ListFormat, ScreeningList } from './types.js';

/** Which format a list file is in, from its first non-blank characters. */
export function detectListFormat(text: string, file: string): Exclude<ListFormat, 'fcc-catalog'> {
  const start = text.search(/\S/);
  if (start === -1) throw new InputError(file, 1, 'the list file is empty');
  if (text[start] !== '{') throw new InputError(file, 1, 'not a screening list: expected the CSL bulk JSON ({"results": [...]}) or FollowTheMoney JSON lines');
  const eol = text.indexOf('\n', start);
  const firstLine = text.slice(start, eol === -1 ? undefined : eol);
  try {
    const v: unknown = JSON.parse(firstLine);
    if (v !== null && typeof v === 'object' && 'schema' in v) return 'ftm';
  } catch {
    // not a whole object on one line: a pretty-printed JSON document
  }
  if (/^\{\s*"(?:id|schema|properties)"/.test(firstLine)) return 'ftm';
  return 'csl';
}

function readListText(file: string): string {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new InputError(file, undefined, 'not a regular file');
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, undefined, `cannot read list: ${errorText(e)}`);
  }
  if (size > MAX_WHOLE_FILE_BYTES) throw new InputError(file, undefined, `list is ${size} bytes; the limit is ${MAX_WHOLE_FILE_BYTES}`);
  const text = readFileSync(file, 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Reads one list file; an id is derived from the file name unless given. */
export function loadListFile(file: string, opts: { id?: string; title?: string } = {}): ScreeningList {
  const text = readListText(file);
  const format = detectListFormat(text, file);
  const id = opts.id ?? basename(file).replace(/\.(jsonl|ndjson|json)$/i, '').replace(/\.ftm$/i, '');
  return format === 'ftm' ? parseFtm(text, file, { ...opts, id }) : parseCsl(text, file, { ...opts, id });
}

/** The bundled sample lists (see src/screen/data/README.md for what they hold and their sources). */
export const BUNDLED_FILES = [
  { name: 'csl-huawei-entity-list-sample.json', id: 'csl-sample', title: 'US Consolidated Screening List (bundled sample: Entity List, Huawei affiliates)' },
  { name: 'opensanctions-telecom-sample.ftm.jsonl', id: 'opensanctions-sample', title: 'OpenSanctions FtM entities (bundled sample: DoD 1260H telecom parties and their ownership)' },
] as const;

/** src/screen/data from the sources (tsx) or from dist/ in a checkout. */
export function bundledDataPath(name: string): string {
  for (const rel of [`../data/${name}`, `../../../src/screen/data/${name}`]) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  throw new Error(`cleanpath: bundled screening list ${name} is missing from the installation`);
}

export function bundledLists(): ScreeningList[] {
  return [
    ...BUNDLED_FILES.map((f) => loadListFile(bundledDataPath(f.name), { id: f.id, title: f.title })),
    fccCatalogList(),
  ];
}
