// Editing one device from the dashboard (issue 14.3): the form's values become a one-row CSV for
// `POST /api/imports?update=true`, the same bulk-edit path as `cleanpath import --update`, so the
// dashboard writes a new snapshot and never changes one. Pure functions: no React, no fetch.
//
// The vocabularies come from src/model/enums.ts at runtime: that file has no imports (no zod),
// so Vite bundles just its three arrays and the select options never drift from the importer's.
import { LAYERS, NETWORK_KINDS, TECHNOLOGIES } from '../../src/model/enums.js';
import type { Device } from './types.js';

export { LAYERS, NETWORK_KINDS, TECHNOLOGIES };

/** The fields the form offers, in the order they are shown and written as CSV columns. */
export const EDIT_FIELDS = ['vendor', 'layer', 'technology', 'network', 'operator', 'country', 'site', 'installed', 'cost'] as const;
export type EditField = (typeof EDIT_FIELDS)[number];

/** What the user typed or picked; '' means "leave as it is" (the importer cannot clear a field). */
export type EditValues = Record<EditField, string>;

export function blankEdit(): EditValues {
  return { vendor: '', layer: '', technology: '', network: '', operator: '', country: '', site: '', installed: '', cost: '' };
}

/** The device's current value of a field as text, for placeholders and comparisons. */
export function currentValue(d: Device, f: EditField): string {
  // A declared vendor is what the importer's vendor column sets; the attributed slug is shown
  // instead when nothing was declared, so the user sees what the device is taken for.
  if (f === 'vendor') return d.raw.declaredVendor ?? d.vendor ?? '';
  const v = d[f];
  return v === undefined ? '' : String(v);
}

/** Whether a typed value says the same as the device already does (then it is not sent). */
function sameAsCurrent(d: Device, f: EditField, v: string): boolean {
  switch (f) {
    case 'vendor':
      return d.raw.declaredVendor === v;
    case 'country':
      return d.country === v.toUpperCase();
    case 'cost':
      return d.cost !== undefined && Number(v) === d.cost;
    default:
      return currentValue(d, f) === v;
  }
}

/** The fields to send: filled in and different from the device, trimmed. */
export function changedFields(d: Device, values: EditValues): Partial<EditValues> {
  const out: Partial<EditValues> = {};
  for (const f of EDIT_FIELDS) {
    const v = values[f].trim();
    if (v !== '' && !sameAsCurrent(d, f, v)) out[f] = v;
  }
  return out;
}

/**
 * Why the values cannot be sent, or null. The importer drops a bad date or cost with a warning
 * the API does not return, so these are caught here, where the user can still fix them.
 */
export function invalidReason(changes: Partial<EditValues>): string | null {
  if (changes.installed !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(changes.installed)) return `installed: expected a date as YYYY-MM-DD, not '${changes.installed}'`;
  if (changes.cost !== undefined) {
    const n = Number(changes.cost);
    if (!Number.isFinite(n) || n < 0) return `cost: expected a non-negative number, not '${changes.cost}'`;
  }
  return null;
}

/**
 * One CSV cell, always quoted (RFC 4180: quotes doubled). The file goes only to our own
 * importer, which reads quoted cells verbatim, so quoting is all the escaping it needs: a leading
 * `'` against spreadsheet formulas would be stored as part of the value.
 */
export function csvCell(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** The one-row update file: `id` and the changed columns. */
export function editCsv(id: string, changes: Partial<EditValues>): string {
  const fields = EDIT_FIELDS.filter((f) => changes[f] !== undefined);
  const header = ['id', ...fields].map(csvCell).join(',');
  const row = [id, ...fields.map((f) => changes[f]!)].map(csvCell).join(',');
  return `${header}\r\n${row}\r\n`;
}

/** `<root>-edit-<n>` with the first n no snapshot has; an edit of an edit counts on from its root. */
export function defaultSnapshotName(current: string, taken: readonly string[]): string {
  const root = current.replace(/-edit-\d+$/, '');
  const names = new Set(taken);
  let n = 1;
  while (names.has(`${root}-edit-${n}`)) n++;
  return `${root}-edit-${n}`;
}

/**
 * The sent fields the new snapshot's device does not carry: the importer drops a value it cannot
 * read (an unknown country, say) with a warning the API does not return, so the dashboard checks
 * the result itself rather than claim a change that did not happen.
 */
export function fieldsNotTaken(next: Device, sent: Partial<EditValues>): EditField[] {
  const missed: EditField[] = [];
  for (const f of EDIT_FIELDS) {
    const v = sent[f];
    if (v === undefined) continue;
    let taken: boolean;
    if (f === 'vendor') taken = next.raw.declaredVendor === v;
    else if (f === 'cost') taken = next.cost === Number(v);
    // an unreadable country is kept verbatim in extra.country by the importer
    else if (f === 'country') taken = next.country !== undefined && next.extra['country'] !== v;
    else if (f === 'layer' || f === 'technology' || f === 'network') taken = next[f] === v.toLowerCase();
    else taken = next[f] === v;
    if (!taken) missed.push(f);
  }
  return missed;
}
