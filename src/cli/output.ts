// Rendering of keyed rows as an aligned text table, CSV or JSON: every command's output goes
// through here so `--format` means the same thing everywhere.

export type Cell = string | number | boolean | null | undefined;
export type Row = Record<string, Cell>;
export const OUTPUT_FORMATS = ['table', 'csv', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2);
  return String(v);
}

/** Strips control characters so a hostile device string cannot move the cursor or recolour the terminal. */
export function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

export function renderTable(rows: readonly Row[], columns: readonly string[], maxWidth = 48): string {
  const text = rows.map((r) => columns.map((c) => truncate(printable(cellText(r[c])), maxWidth)));
  const widths = columns.map((c, i) => Math.max(c.length, ...text.map((t) => t[i]!.length)));
  const numeric = columns.map((c) => rows.length > 0 && rows.every((r) => typeof r[c] === 'number' || r[c] == null));
  const fmt = (cells: string[]) =>
    cells.map((t, i) => (numeric[i] ? t.padStart(widths[i]!) : t.padEnd(widths[i]!))).join('  ').trimEnd();
  return [fmt([...columns]), fmt(widths.map((w) => '-'.repeat(w))), ...text.map(fmt)].join('\n') + '\n';
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}

export function csvField(v: Cell): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(rows: readonly Row[], columns: readonly string[]): string {
  const lines = [columns.join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvField(r[c])).join(','));
  return lines.join('\n') + '\n';
}

export function renderJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

export function render(format: OutputFormat, rows: readonly Row[], columns: readonly string[], json: unknown = rows): string {
  switch (format) {
    case 'table':
      return renderTable(rows, columns);
    case 'csv':
      return renderCsv(rows, columns);
    case 'json':
      return renderJson(json);
  }
}
