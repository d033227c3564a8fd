// The lists `cleanpath lists update` downloads, with their public URLs by default. A user may
// point any of them elsewhere (a mirror, an internal proxy): flags, or a sources file.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../../model/index.js';

export interface ListSource {
  /** The list's id in findings and its folder in the lists directory. */
  id: string;
  title: string;
  format: 'csl' | 'ftm';
  url: string;
  /** The bundled sample a downloaded copy replaces when screening. */
  replaces: string;
  /** File name inside the list's folder (the FtM export is JSON lines). */
  fileName: string;
}

export const DEFAULT_SOURCES: readonly ListSource[] = [
  {
    id: 'csl', title: 'US Consolidated Screening List (trade.gov)', format: 'csl', replaces: 'csl-sample', fileName: 'list.json',
    url: 'https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.json',
  },
  {
    id: 'opensanctions', title: 'OpenSanctions sanctions collection (FollowTheMoney entities)', format: 'ftm', replaces: 'opensanctions-sample', fileName: 'list.ftm.jsonl',
    url: 'https://data.opensanctions.org/datasets/latest/sanctions/entities.ftm.json',
  },
];

const HttpUrl = z.string().regex(/^https?:\/\/\S+$/, 'expected an http(s) URL');
/** A sources file: `{ "csl": "https://…", "opensanctions": "https://…" }`, either key optional. */
const SourcesFile = z.strictObject({ csl: HttpUrl.optional(), opensanctions: HttpUrl.optional() });

export function readSourcesFile(file: string): Record<string, string> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(file, undefined, `cannot read the sources file: ${e instanceof Error ? e.message : String(e)}`);
  }
  const r = SourcesFile.safeParse(data);
  if (!r.success) throw new InputError(file, undefined, r.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; '));
  return Object.fromEntries(Object.entries(r.data).filter((e): e is [string, string] => e[1] !== undefined));
}

/** The sources with URLs overridden (flags over the sources file over the defaults), narrowed to `only`. */
export function listSources(urls: Record<string, string | undefined>, only?: readonly string[]): ListSource[] {
  const known = DEFAULT_SOURCES.map((s) => s.id);
  const unknown = (only ?? []).filter((id) => !known.includes(id));
  if (unknown.length) throw new InputError('--only', undefined, `unknown list ${unknown.join(', ')} (known: ${known.join(', ')})`);
  return DEFAULT_SOURCES.filter((s) => !only?.length || only.includes(s.id)).map((s) => ({ ...s, url: urls[s.id] ?? s.url }));
}
