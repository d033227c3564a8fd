// Value checks shared by every importer. They return undefined for a bad value so the caller
// decides whether that is a warning (inventories) or fatal (topology).

// The fraction needs its '.': written `\d+\.?\d*`, a long run of digits followed by anything else
// backtracks over every split of the run (a 64 KiB lat took 30 s, found by bench/fuzz-importers.ts).
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDecimal(s: string): number | undefined {
  const t = s.trim();
  if (!DECIMAL.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

export function parsePositiveInt(s: string): number | undefined {
  const t = s.trim();
  if (!/^\+?\d{1,15}$/.test(t)) return undefined;
  const n = Number(t);
  return n > 0 ? n : undefined;
}

/** A real calendar date as YYYY-MM-DD (rejects 2023-02-30). */
export function isIsoDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

export function quote(s: string, max = 60): string {
  return `'${s.length > max ? `${s.slice(0, max)}...` : s}'`;
}
