// Minimal RFC 4180 writer: quote a field only when it needs it, so the files stay readable and
// byte-stable; lines end with \n.

export type Cell = string | number | undefined;

export function csvField(v: Cell): string {
  if (v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}
