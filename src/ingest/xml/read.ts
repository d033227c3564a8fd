import { readFile, stat } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import { InputError } from '../../model/index.js';
import { MAX_WHOLE_FILE_BYTES } from '../limits.js';
import { errorText } from '../util/read-whole.js';

/**
 * Reads an XML file in the encoding its declaration names (SNDlib writes ISO-8859-1), UTF-8
 * by default. Size is bounded: XML is parsed whole.
 */
export async function readXmlFile(file: string, maxBytes = MAX_WHOLE_FILE_BYTES): Promise<string> {
  let buf: Buffer;
  try {
    const size = (await stat(file)).size;
    if (size > maxBytes) {
      throw new InputError(file, undefined, `file is ${size} bytes; XML is read whole and the limit is ${maxBytes} bytes`);
    }
    buf = await readFile(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, undefined, `cannot read file: ${errorText(e)}`);
  }
  return decodeXml(buf, file);
}

export function decodeXml(buf: Uint8Array, file: string): string {
  const head = Buffer.from(buf.subarray(0, 200)).toString('latin1');
  const m = /^\uFEFF?<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  const label = m?.[1]?.toLowerCase() ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    throw new InputError(file, 1, `unsupported XML encoding '${m?.[1] ?? label}'`);
  }
  const text = decoder.decode(buf);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
