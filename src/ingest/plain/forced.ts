// A forced list (`--forced`): devices a plan must replace by a date, as `id,deadline,reason` CSV
// or a JSON array of {id, deadline, reason}. The planner takes the rows as plain data.
import { InputError } from '../../model/index.js';
import { readText } from './read-text.js';
import { parseTable } from './table.js';

/** Structurally the planner's `ForcedDevice`. */
export interface ForcedRow {
  id: string;
  /** ISO date `YYYY-MM-DD` */
  deadline: string;
  reason: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function check(f: Readonly<Record<string, unknown>>, file: string, line: number | undefined): ForcedRow {
  const { id, deadline, reason } = f;
  if (typeof id !== 'string' || id.trim() === '') throw new InputError(file, line, 'forced device needs an id');
  if (typeof deadline !== 'string' || !DATE.test(deadline.trim())) {
    throw new InputError(file, line, `deadline must be a date YYYY-MM-DD, got "${String(deadline)}"`);
  }
  return { id: id.trim(), deadline: deadline.trim(), reason: typeof reason === 'string' ? reason.trim() : '' };
}

export function parseForced(text: string, file: string): ForcedRow[] {
  const { header, rows } = parseTable(text, file, '{id, deadline, reason}');
  if (header !== null && (!header.includes('id') || !header.includes('deadline'))) {
    throw new InputError(file, 1, 'header must name id and deadline (and optionally reason)');
  }
  return rows.map(({ fields, line }) => check(fields, file, line));
}

export async function readForcedList(file: string): Promise<ForcedRow[]> {
  return parseForced(await readText(file), file);
}
