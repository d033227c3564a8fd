// Colours and number formats shared by the views; the exposure colours are the HTML report's.
import { EXPOSURE_COLOURS } from '../../src/report/map-frame.js';
import type { ExposureLevel } from './types.js';

export { EXPOSURE_COLOURS };

export const EXPOSURE_LABELS: Record<ExposureLevel | 'endpoint-free', string> = {
  all: 'sensitive flow exposed on every shortest path',
  some: 'exposed on some shortest paths',
  none: 'sensitive flows not exposed',
  unreachable: 'sensitive flow unreachable',
  'endpoint-free': 'no sensitive flow ends here',
};

const PALETTE = ['#1565c0', '#00838f', '#558b2f', '#f9a825', '#6d4c41', '#5e35b1', '#00695c', '#9e9d24', '#3949ab', '#8e24aa'];

export function vendorColour(vendor: string, untrusted: ReadonlySet<string>): string {
  if (untrusted.has(vendor)) return vendor.length % 2 ? '#c62828' : '#e53935';
  if (vendor === 'unknown') return '#bdbdbd';
  let h = 0;
  for (const c of vendor) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}

/** Grey for a link with no untrusted device link, through orange to red when all are. */
export function untrustedShareColour(share: number): string {
  if (share <= 0) return '#607d8b';
  const s = Math.min(1, share);
  // orange (239,108,0) → red (198,40,40)
  const mix = (a: number, b: number) => Math.round(a + (b - a) * s);
  return `rgb(${mix(239, 198)},${mix(108, 40)},${mix(0, 40)})`;
}

export function num(x: number | null | undefined, digits = 0): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toLocaleString('en-US', { maximumFractionDigits: digits });
}

export function pct(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(digits)}%`;
}

/** Today as YYYY-MM-DD in UTC, the default as-of date. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Comma-separated vendor slugs, trimmed, lower-case, no empties. */
export function vendorList(text: string): string[] {
  return text
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
}
