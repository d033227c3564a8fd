// One traceroute file → its measurements, the format recognised by content: a JSON array (RIPE
// Atlas API results, or sc_warts2json objects), one JSON object per line (Atlas daily dumps,
// sc_warts2json output; streamed, so a month of results never sits in memory whole), one JSON
// document (`mtr --json`, a single pretty-printed result), or traceroute text. A line or document
// that is not valid JSON stops the import with file:line.
import { createReadStream, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { InputError } from '../../model/index.js';
import type { Measurement, TraceFormat } from '../types.js';
import { atlasMeasurement, type ParseContext } from './atlas.js';
import { asObject, type Json } from './fields.js';
import { isMtrReport, mtrMeasurement } from './mtr.js';
import { isScamperObject, scamperMeasurement } from './scamper.js';
import { looksLikeTracerouteText, parseTracerouteText } from './traceroute-text.js';

export interface ReadTraceOptions {
  site?: string;
  /** Start time (seconds since the epoch) for formats that print none; default: the file's mtime. */
  time?: number;
  onWarning?: (w: { file: string; line?: number; message: string }) => void;
}

/** Largest file parsed as one JSON document or text (line-per-object files stream). */
export const MAX_DOCUMENT_BYTES = 512 * 1024 * 1024;
/** Longest line of a line-per-object file. */
export const MAX_LINE_CHARS = 64 * 1024 * 1024;
const MAX_WARNINGS_PER_FILE = 1000;

function contextFor(file: string, opts: ReadTraceOptions): ParseContext {
  let warned = 0;
  let time = opts.time;
  if (time === undefined) {
    try {
      time = Math.floor(statSync(file).mtimeMs / 1000);
    } catch {
      /* reported when reading */
    }
  }
  return {
    file,
    ...(opts.site !== undefined ? { site: opts.site } : {}),
    ...(time !== undefined ? { time } : {}),
    warn(message, line) {
      if (++warned === MAX_WARNINGS_PER_FILE) opts.onWarning?.({ file, message: 'further warnings suppressed' });
      if (warned < MAX_WARNINGS_PER_FILE) opts.onWarning?.({ file, ...(line !== undefined ? { line } : {}), message });
    },
  };
}

/** The measurement in one parsed JSON object, whichever format it is. */
export function measurementOf(o: unknown, ctx: ParseContext): Measurement | null {
  const obj = asObject(o);
  if (!obj) {
    ctx.warn('not a JSON object: skipped', ctx.line);
    return null;
  }
  if (isMtrReport(obj)) return mtrMeasurement(obj, ctx);
  if (isScamperObject(obj)) return scamperMeasurement(obj, ctx);
  // an Atlas traceroute, or anything else, which atlasMeasurement names and skips
  return atlasMeasurement(obj, ctx);
}

async function head(file: string): Promise<string> {
  let h;
  try {
    h = await open(file, 'r');
  } catch (e) {
    throw new InputError(file, undefined, `cannot read file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await h.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    await h.close();
  }
}

async function whole(file: string): Promise<string> {
  const size = statSync(file).size;
  if (size > MAX_DOCUMENT_BYTES) throw new InputError(file, undefined, `file is ${size} bytes; a single JSON document or text is read whole and the limit is ${MAX_DOCUMENT_BYTES} (use one JSON object per line)`);
  const h = await open(file, 'r');
  try {
    return (await h.readFile('utf8')).replace(/^\uFEFF/, '');
  } finally {
    await h.close();
  }
}

function jsonError(file: string, text: string, e: unknown, baseLine = 1): InputError {
  const msg = e instanceof Error ? e.message : String(e);
  const pos = /position (\d+)/.exec(msg);
  let line = baseLine;
  if (pos) for (let i = 0, p = Number(pos[1]); i < p && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return new InputError(file, line, `invalid JSON: ${msg.slice(0, 200)}`);
}

/** Lines of a file, streamed, with their numbers. */
async function* lines(file: string): AsyncGenerator<[string, number]> {
  let rest = '';
  let lineNo = 0;
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    let text = rest + (chunk as string);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      lineNo++;
      yield [text.slice(start, nl).replace(/\r$/, ''), lineNo];
      start = nl + 1;
    }
    rest = text.slice(start);
    text = '';
    if (rest.length > MAX_LINE_CHARS) throw new InputError(file, lineNo + 1, `line longer than ${MAX_LINE_CHARS} characters`);
  }
  if (rest.length) yield [rest.replace(/\r$/, ''), lineNo + 1];
}

export async function* readTraceFile(file: string, opts: ReadTraceOptions = {}): AsyncGenerator<Measurement> {
  const ctx = contextFor(file, opts);
  const h = await head(file);
  const first = h.trimStart()[0];
  if (first === '[') {
    const text = await whole(file);
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      throw jsonError(file, text, e);
    }
    if (!Array.isArray(doc)) throw new InputError(file, 1, 'expected a JSON array of results');
    for (const o of doc) {
      const m = measurementOf(o, ctx);
      if (m) yield m;
    }
    return;
  }
  if (first === '{') {
    const firstLine = h.slice(0, h.indexOf('\n') < 0 ? h.length : h.indexOf('\n')).trim();
    let perLine = false;
    try {
      JSON.parse(firstLine);
      perLine = true;
    } catch {
      perLine = false;
    }
    if (perLine) {
      for await (const [line, lineNo] of lines(file)) {
        if (line.trim() === '') continue;
        let o: unknown;
        try {
          o = JSON.parse(line);
        } catch (e) {
          throw jsonError(file, line, e, lineNo);
        }
        ctx.line = lineNo;
        const m = measurementOf(o, ctx);
        if (m) yield m;
      }
      return;
    }
    const text = await whole(file);
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      throw jsonError(file, text, e);
    }
    const m = measurementOf(doc, ctx);
    if (m) yield m;
    return;
  }
  if (looksLikeTracerouteText(h)) {
    yield* parseTracerouteText(await whole(file), ctx);
    return;
  }
  throw new InputError(file, 1, 'not a traceroute file: expected RIPE Atlas JSON, mtr --json, sc_warts2json output or traceroute text');
}

export type { TraceFormat };
export type { Json };
