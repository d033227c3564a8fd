// The one place the plain-file readers touch the disk. Whole files, no size cap: the plain network
// files are the benchmark format (hundreds of MB at scale) and were never capped; the unreadable
// file is an input error naming it (exit 2), as every reader's.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { InputError } from '../../model/index.js';

const cannotRead = (file: string, e: unknown, what: string): InputError =>
  new InputError(file, undefined, `cannot read${what}: ${e instanceof Error ? e.message : String(e)}`);

export async function readText(file: string, what = ''): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw cannotRead(file, e, what);
  }
}

/** Synchronous, for tables read while a context is built on first use (the TAC table). */
export function readTextSync(file: string, what = ''): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw cannotRead(file, e, what);
  }
}
