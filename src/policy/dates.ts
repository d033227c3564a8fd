// Calendar dates as whole UTC days: every rule date is a day in the law's own calendar, so time
// zones and hours must never move a deadline by one.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number (days since 1970-01-01) of a real YYYY-MM-DD date, or undefined ("2023-02-30" is not one). */
export function dayNumber(date: string): number | undefined {
  const m = ISO_DATE.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return t / 86_400_000;
}

export function isRealDate(date: string): boolean {
  return dayNumber(date) !== undefined;
}

/** Day number of a date the schema has already validated. */
export function day(date: string): number {
  const n = dayNumber(date);
  if (n === undefined) throw new Error(`not a date: ${date}`);
  return n;
}

export function dateOf(dayNo: number): string {
  return new Date(dayNo * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return dateOf(day(date) + n);
}

export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
