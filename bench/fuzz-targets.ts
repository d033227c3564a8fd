// The parser entry points the importer fuzz benchmark feeds, one per format. Formats read whole
// are given the text exactly as their file reader would pass it (XML decoded by its declared
// encoding, a BOM dropped), CSV to the streaming reader as one chunk, traceroute files as
// readTraceFile reads them; every FILE_EVERY-th input goes through a real file: written to a
// scratch folder (tmpfs where there is one) and read by the importer's file entry point
// (`readImport`, with and without format detection; `readTraceFile`).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../src/model/index.js';
import { mergeBatches, readImport, type FormatId } from '../src/ingest/index.js';
import { csvTextReader } from '../src/ingest/csv/reader.js';
import { readGraphml } from '../src/ingest/graphml/reader.js';
import { readInventoryJson } from '../src/ingest/json/inventory.js';
import { readLldpJson } from '../src/ingest/lldp/reader.js';
import { readNetboxApi } from '../src/ingest/netbox/api.js';
import { readNetboxDumpdata } from '../src/ingest/netbox/dumpdata.js';
import { readNmapXml } from '../src/ingest/nmap/reader.js';
import { readSndlibNative } from '../src/ingest/sndlib/native.js';
import { readSndlibXml } from '../src/ingest/sndlib/xml.js';
import { readSnmpwalk } from '../src/ingest/snmpwalk/reader.js';
import { decodeXml } from '../src/ingest/xml/read.js';
import { measurementOf, readTraceFile } from '../src/paths/index.js';
import type { ParseContext } from '../src/paths/parse/atlas.js';
import { looksLikeTracerouteText, parseTracerouteText } from '../src/paths/parse/traceroute-text.js';
import type { MutationContext } from './fuzz-mutate.js';

export const FILE_EVERY = 16;

/** What a fuzzed input may end in besides a clean parse: the format's own error type. */
export const isDefinedError = (e: unknown): boolean => e instanceof InputError;

export interface FuzzTarget {
  name: string;
  /** File name extension of the scratch file (detection uses it to break ties). */
  ext: string;
  syntax: Omit<MutationContext, 'seeds'>;
  /** Parses input `i` (its text); `scratch` is a file path this target may write. */
  parse(text: string, i: number, scratch: string): unknown;
}

const XML: Omit<MutationContext, 'seeds'> = {
  dict: ['<', '>', '</', '/>', '="', '"', "'", '&amp;', '&#0;', '&#x110000;', '&lt;', '&nosuch;', '<![CDATA[', ']]>', '<!--', '-->', '<?xml', '?>', '<!DOCTYPE x>', '<!ENTITY a "b">', 'xmlns:a="u"', ' id=""', '\n', '&'],
  nest: [['<a>', '</a>'], ['<node id="x">', '</node>'], ['<data key="d0">', '</data>'], ['<![CDATA[', ']]>']],
};
const JSON_SYNTAX: Omit<MutationContext, 'seeds'> = {
  dict: ['"', ',', ':', '{', '}', '[', ']', 'null', 'true', '-1', '1e999', '-0', '0.1e-400', '"\\u0000"', '"\\ud800"', '\\', '"pk": null', '"fields": {}', '"results": []', '\n'],
  nest: [['[', ']'], ['{"a":', '}'], ['{"devices":[', ']}']],
};
const TEXT: Omit<MutationContext, 'seeds'> = {
  dict: [' ', '\t', '\n', '\r\n', '(', ')', '"', '=', ':', '*', '!H', '<MPLS:L=16,E=0,S=1,T=1>', '.', '::', '-1', '999999999999', 'ms', '#', '?', '\\"'],
  nest: [['(', ')'], ['"', '"']],
};
const CSV: Omit<MutationContext, 'seeds'> = {
  dict: [',', '"', '""', '\n', '\r\n', '\r', ',,,,', 'id', '-1', '1e999', '=cmd|x', '00:e0:fc:00:00:01', 'huawei', '\u0000'],
  nest: [['"', '"'], [',', '']],
};

const noBom = (s: string): string => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);
const asXml = (s: string, file: string): string => decodeXml(Buffer.from(s, 'utf8'), file);

/** Reads a scratch file as `format`, and every FILE_EVERY-th time also as detected. */
async function viaFile(text: string, i: number, scratch: string, format: FormatId): Promise<void> {
  writeFileSync(scratch, text);
  if (i % FILE_EVERY === 0) await settle(readImport(scratch));
  await readImport(scratch, { format });
}

/** Waits for `p`; a defined error is a refusal, any other is thrown on. */
async function settle(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (e) {
    if (!isDefinedError(e)) throw e;
  }
}

function whole(name: FormatId, ext: string, syntax: Omit<MutationContext, 'seeds'>, read: (file: string, text: string) => unknown): FuzzTarget {
  return {
    name,
    ext,
    syntax,
    parse: (text, i, scratch) => (i % FILE_EVERY === 0 ? viaFile(text, i, scratch, name) : read(scratch, text)),
  };
}

const CSV_KIND = { 'inventory-csv': 'inventory', 'links-csv': 'links', 'flows-csv': 'flows' } as const;

function streamed(name: keyof typeof CSV_KIND): FuzzTarget {
  return {
    name,
    ext: 'csv',
    syntax: CSV,
    parse: (text, i, scratch) => (i % FILE_EVERY === 0 ? viaFile(text, i, scratch, name) : mergeBatches(csvTextReader(scratch, CSV_KIND[name], noBom(text), { batchSize: 1000 }))),
  };
}

const TRACE_TIME = 1_764_900_000;

/**
 * What readTraceFile does with a file's text, without the file: its per-input cost is mostly
 * opening and streaming (a 1 MiB read buffer per file), so only every FILE_EVERY-th input pays it.
 */
function traceText(text: string, file: string): void {
  const ctx: ParseContext = { file, time: TRACE_TIME, warn: () => undefined };
  const t = noBom(text);
  const first = t.trimStart()[0];
  const json = (s: string, line: number): unknown => {
    try {
      return JSON.parse(s);
    } catch (e) {
      throw new InputError(file, line, `invalid JSON: ${String(e).slice(0, 200)}`);
    }
  };
  if (first === '[') {
    const doc = json(t, 1);
    if (!Array.isArray(doc)) throw new InputError(file, 1, 'expected a JSON array of results');
    for (const o of doc) measurementOf(o, ctx);
  } else if (first === '{') {
    const lines = t.split('\n');
    if (!isJson(lines[0]!.trim())) return void measurementOf(json(t, 1), ctx);
    lines.forEach((l, n) => {
      if (l.trim() === '') return;
      ctx.line = n + 1;
      measurementOf(json(l.replace(/\r$/, ''), n + 1), ctx);
    });
  } else if (looksLikeTracerouteText(t.slice(0, 64 * 1024))) parseTracerouteText(t, ctx);
  else throw new InputError(file, 1, 'not a traceroute file');
}

const isJson = (s: string): boolean => {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
};

function trace(name: string, ext: string, syntax: Omit<MutationContext, 'seeds'>): FuzzTarget {
  return {
    name,
    ext,
    syntax,
    async parse(text, i, scratch) {
      if (i % FILE_EVERY !== 0) return traceText(text, scratch);
      writeFileSync(scratch, text);
      for await (const m of readTraceFile(scratch, { time: TRACE_TIME, onWarning: () => undefined })) void m;
    },
  };
}

export const TARGETS: readonly FuzzTarget[] = [
  streamed('inventory-csv'),
  whole('inventory-json', 'json', JSON_SYNTAX, (f, t) => readInventoryJson(f, noBom(t))),
  streamed('links-csv'),
  streamed('flows-csv'),
  whole('graphml', 'graphml', XML, (f, t) => readGraphml(f, asXml(t, f))),
  whole('sndlib-native', 'txt', TEXT, (f, t) => readSndlibNative(f, noBom(t))),
  whole('sndlib-xml', 'xml', XML, (f, t) => readSndlibXml(f, asXml(t, f))),
  whole('netbox-dumpdata', 'json', JSON_SYNTAX, (f, t) => readNetboxDumpdata(f, noBom(t))),
  whole('netbox-api', 'json', JSON_SYNTAX, (f, t) => readNetboxApi(f, noBom(t))),
  whole('nmap-xml', 'xml', XML, (f, t) => readNmapXml(f, asXml(t, f))),
  whole('lldp-json', 'json', JSON_SYNTAX, (f, t) => readLldpJson(f, noBom(t))),
  whole('snmpwalk', 'walk', TEXT, (f, t) => readSnmpwalk(f, noBom(t))),
  trace('atlas-json', 'json', JSON_SYNTAX),
  trace('mtr', 'json', JSON_SYNTAX),
  trace('scamper', 'json', JSON_SYNTAX),
  trace('traceroute-text', 'txt', TEXT),
];

/** A scratch folder for one fuzzing thread, on tmpfs when the machine has one. */
export function scratchDir(): { dir: string; cleanup(): void } {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = mkdtempSync(join(base, 'cleanpath-fuzz-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
