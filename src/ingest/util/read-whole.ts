import { open, stat } from 'node:fs/promises';
import { InputError } from '../../model/index.js';
import { MAX_WHOLE_FILE_BYTES } from '../limits.js';

/** Reads a file meant to be parsed whole, refusing ones too large to hold in memory. */
export async function readWholeFile(file: string, maxBytes = MAX_WHOLE_FILE_BYTES): Promise<string> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (e) {
    throw new InputError(file, undefined, `cannot read file: ${errorText(e)}`);
  }
  if (size > maxBytes) {
    throw new InputError(
      file,
      undefined,
      `file is ${size} bytes; this format is read whole and the limit is ${maxBytes} bytes (split the file)`,
    );
  }
  try {
    const h = await open(file, 'r');
    try {
      const text = await h.readFile({ encoding: 'utf8' });
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    } finally {
      await h.close();
    }
  } catch (e) {
    throw new InputError(file, undefined, `cannot read file: ${errorText(e)}`);
  }
}

export function errorText(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e && typeof e.code === 'string') {
    return e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory' : e.code;
  }
  return e instanceof Error ? e.message : String(e);
}

/** 1-based line of a character offset; counts LF only, which also covers CRLF. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
