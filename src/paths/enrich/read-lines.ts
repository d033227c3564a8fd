// Reading a user-supplied data file (plain or gzip) as lines, whole, with a size bound: the
// tables are loaded once per run and indexed, so streaming would only add per-line overhead.
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../../model/index.js';

/** Largest data file accepted (after decompression): the full iptoasn table is ~40 MB. */
export const MAX_DATA_FILE_BYTES = 1024 * 1024 * 1024;

export function readDataFile(file: string): Buffer {
  let buf: Buffer;
  try {
    const size = statSync(file).size;
    if (size > MAX_DATA_FILE_BYTES) throw new InputError(file, undefined, `file is ${size} bytes; the limit is ${MAX_DATA_FILE_BYTES}`);
    buf = readFileSync(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, undefined, `cannot read file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzipSync(buf, { maxOutputLength: MAX_DATA_FILE_BYTES });
    } catch (e) {
      throw new InputError(file, undefined, `cannot decompress gzip: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return buf;
}

/** Calls `fn(line, lineNumber)` for every line (CR stripped). */
export function forEachLine(text: string, fn: (line: string, lineNo: number) => void): void {
  let start = 0;
  let lineNo = 1;
  if (text.charCodeAt(0) === 0xfeff) start = 1;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let stop = end;
    if (stop > start && text.charCodeAt(stop - 1) === 13) stop--;
    fn(text.slice(start, stop), lineNo);
    start = end + 1;
    lineNo++;
  }
}
