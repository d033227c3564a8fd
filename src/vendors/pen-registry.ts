// The full IANA Private Enterprise Numbers registry (data/iana-enterprise-numbers.tsv.gz, written by
// scripts/build-pen-registry.mjs; its source and date in the .source.json beside it). Read only
// when a number misses the catalog, so imports that never see one do not pay for it.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const DATA = 'iana-enterprise-numbers.tsv.gz';
const META = 'iana-enterprise-numbers.source.json';

export interface PenRegistrySource {
  registry: string;
  url: string;
  registryLastUpdated: string;
  copy: { repository?: string; path?: string; commit?: string; url?: string; format: string };
  entries: number;
  highest: number;
}

export interface PenRegistry {
  readonly source: PenRegistrySource;
  /** The organisation registered for an enterprise number, as IANA spells it. */
  organisation(n: number): string | undefined;
  readonly size: number;
}

/** src/vendors/data from the sources (tsx) or from dist/ in a checkout. */
function dataPath(name: string): string {
  for (const rel of [`./data/${name}`, `../../src/vendors/data/${name}`]) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  throw new Error(`cleanpath: ${name} is missing from the installation (src/vendors/data)`);
}

/** Parses the registry's text: header lines start with '#', then number<TAB>organisation. */
export function parsePenRegistry(text: string, source: PenRegistrySource): PenRegistry {
  const names = new Map<number, string>();
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (text.charCodeAt(start) !== 35 /* # */) {
      const tab = text.indexOf('\t', start);
      if (tab > start && tab < end) names.set(Number(text.slice(start, tab)), text.slice(tab + 1, end));
    }
    start = end + 1;
  }
  return { source, size: names.size, organisation: (n) => names.get(n) };
}

let shared: PenRegistry | undefined;

/** The shipped registry, read and indexed on first call only. */
export function getPenRegistry(): PenRegistry {
  if (!shared) {
    const source = JSON.parse(readFileSync(dataPath(META), 'utf8')) as PenRegistrySource;
    const text = gunzipSync(readFileSync(dataPath(DATA))).toString('utf8');
    shared = parsePenRegistry(text, source);
  }
  return shared;
}
