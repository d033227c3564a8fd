// The deadline timeline's geometry, shared by the HTML report and the dashboard's Deadlines view
// (web/src/views/DeadlinesView.tsx imports it), so both draw the same picture and neither can let
// two labels overlap: axis labels (the as-of date, the years) are placed in lanes and a label that
// fits no lane is left out (its grid line stays); row labels are cut to their column; a bar's date
// goes after the bar, or inside it when the bar reaches the right edge. Overdue findings (their
// deadline already past) come first, marked overdue: upcomingDeadlines() lists only dates ahead.
import type { Finding, UpcomingDeadline } from '../policy/index.js';

export interface TimelineEntry {
  rule: string;
  date: string;
  /** Negative when overdue. */
  daysLeft: number;
  what: string;
  findings: number;
  overdue: boolean;
  /** Unique among the entries (React keys, test hooks). */
  key: string;
}

/** Overdue findings per rule and deadline, the longest overdue first, then the upcoming deadlines. */
export function timelineEntries(findings: readonly Finding[], deadlines: readonly UpcomingDeadline[]): TimelineEntry[] {
  const overdue = new Map<string, TimelineEntry>();
  for (const f of findings) {
    if (f.status !== 'overdue' || !f.deadline || f.daysLeft === null) continue;
    const key = `overdue\u0000${f.rule}\u0000${f.deadline}`;
    const e = overdue.get(key) ?? { rule: f.rule, date: f.deadline, daysLeft: f.daysLeft, what: 'still in place after its deadline', findings: 0, overdue: true, key };
    e.findings++;
    overdue.set(key, e);
  }
  const past = [...overdue.values()].sort((a, b) => a.daysLeft - b.daysLeft || a.rule.localeCompare(b.rule));
  const ahead = deadlines.map((d) => ({ rule: d.rule, date: d.date, daysLeft: d.daysLeft, what: d.what, findings: d.findings, overdue: false, key: `${d.rule}\u0000${d.field}\u0000${d.date}` }));
  return [...past, ...ahead];
}

export type Anchor = 'start' | 'middle' | 'end';

export interface PlacedLabel {
  text: string;
  x: number;
  y: number;
  anchor: Anchor;
}

export interface TimelineRow {
  entry: TimelineEntry;
  /** Top of the row. */
  y: number;
  /** The rule and what, cut to the label column. */
  label: PlacedLabel;
  bar: { x: number; width: number };
  /** The date (or "overdue since …") beside or inside the bar; `inside`: drawn light on the bar. */
  date: PlacedLabel & { inside: boolean };
}

export interface TimelineLayout {
  width: number;
  height: number;
  /** x of the as-of date: bars start here. */
  left: number;
  axis: PlacedLabel[];
  /** x of each year's first day (grid lines). */
  grid: Array<{ x: number; year: number }>;
  rows: TimelineRow[];
}

export interface TimelineOptions {
  width: number;
  /** Width of the row-label column; bars start after it. */
  left: number;
  rowHeight: number;
  fontSize: number;
}

const WIDE = /[A-Z@%MWmw]/;
const NARROW = /[ .,:;!|'iljtf()[\]]/;

/** A generous estimate of a label's width in px (no DOM here): wider than sans-serif draws it. */
export function textWidth(s: string, fontSize: number): number {
  let em = 0;
  for (const c of s) em += c.codePointAt(0)! > 0x2e7f ? 1.05 : WIDE.test(c) ? 0.9 : NARROW.test(c) ? 0.36 : 0.62;
  return em * fontSize + 2;
}

/** The longest start of `s` (with "…") that fits `maxWidth`. */
export function fitText(s: string, maxWidth: number, fontSize: number): string {
  if (textWidth(s, fontSize) <= maxWidth) return s;
  const chars = [...s];
  while (chars.length && textWidth(chars.join('') + '…', fontSize) > maxWidth) chars.pop();
  return chars.join('') + '…';
}

function span(l: { x: number; anchor: Anchor }, w: number): [number, number] {
  const x0 = l.anchor === 'start' ? l.x : l.anchor === 'end' ? l.x - w : l.x - w / 2;
  return [x0, x0 + w];
}

const GAP = 6;
const LANE_HEIGHT = 13;

/** Places each label in the first lane where it overlaps no other and stays inside [0, width]; labels that fit no lane are dropped. */
export function placeInLanes(labels: ReadonlyArray<{ text: string; x: number; anchor: Anchor }>, fontSize: number, width: number, lanes: number): PlacedLabel[] {
  const taken: Array<Array<[number, number]>> = Array.from({ length: lanes }, () => []);
  const out: PlacedLabel[] = [];
  for (const l of labels) {
    const [a, b] = span(l, textWidth(l.text, fontSize));
    if (a < 0 || b > width) continue;
    const lane = taken.findIndex((spans) => spans.every(([c, d]) => b + GAP <= c || a >= d + GAP));
    if (lane < 0) continue;
    taken[lane]!.push([a, b]);
    out.push({ ...l, y: fontSize + lane * LANE_HEIGHT });
  }
  return out;
}

const day = (s: string): number => Date.parse(`${s}T00:00:00Z`) / 86400000;

function axisOf(entries: readonly TimelineEntry[], asOf: string, o: TimelineOptions) {
  const t0 = day(asOf);
  const t1 = Math.max(t0 + 30, ...entries.filter((e) => !e.overdue).map((e) => day(e.date)));
  const x = (t: number) => o.left + ((t - t0) / (t1 - t0)) * (o.width - o.left - 20);
  const grid: TimelineLayout['grid'] = [];
  for (let y = new Date(`${asOf}T00:00:00Z`).getUTCFullYear() + 1; day(`${y}-01-01`) <= t1; y++) grid.push({ x: x(day(`${y}-01-01`)), year: y });
  // the as-of date first: it names where the bars start, a year can give way to it
  const axis = placeInLanes([{ text: asOf, x: o.left, anchor: 'start' }, ...grid.map((g) => ({ text: String(g.year), x: g.x, anchor: 'middle' as const }))], o.fontSize, o.width, 2);
  return { x, grid, axis };
}

function dateLabel(e: TimelineEntry, bar: { x: number; width: number }, y: number, o: TimelineOptions): TimelineRow['date'] {
  const words = e.overdue ? `overdue since ${e.date} (${-e.daysLeft} days)` : e.date;
  const w = textWidth(words, o.fontSize);
  const end = bar.x + bar.width;
  if (end + 4 + w <= o.width) return { text: words, x: end + 4, y, anchor: 'start', inside: false };
  return { text: fitText(words, Math.max(0, bar.width - 8), o.fontSize), x: end - 4, y, anchor: 'end', inside: true };
}

export function layoutTimeline(entries: readonly TimelineEntry[], asOf: string, o: TimelineOptions): TimelineLayout {
  const { x, grid, axis } = axisOf(entries, asOf, o);
  const top = Math.max(...axis.map((l) => l.y), o.fontSize) + 8;
  const rows = entries.map((e, i): TimelineRow => {
    const y = top + i * o.rowHeight;
    const base = y + o.fontSize + 1;
    // an overdue entry is a short red mark at the as-of line: its date lies left of the axis
    const bar = e.overdue ? { x: o.left, width: 6 } : { x: o.left, width: Math.max(1, x(day(e.date)) - o.left) };
    const label = { text: fitText(`${e.rule}: ${e.what}`, o.left - 12, o.fontSize), x: 4, y: base, anchor: 'start' as const };
    return { entry: e, y, label, bar, date: dateLabel(e, bar, base, o) };
  });
  return { width: o.width, height: top + entries.length * o.rowHeight + 8, left: o.left, axis, grid, rows };
}
