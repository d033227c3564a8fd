// The small HTML builders every section of the report shares: numbers, tables, cells, links,
// cards. Untrusted values go through cellText()/text() (escape.ts); esc() only for our own words.
import { cellText, esc, safeHttpUrl, text } from './escape.js';

export const num = (x: number | null | undefined, digits = 0): string =>
  x === null || x === undefined ? '–' : x.toLocaleString('en-US', { maximumFractionDigits: digits });

export function table(head: string[], rows: string[][], attrs = '', rowAttrs: string[] = []): string {
  // in its own scroller: however many columns, the page is never wider than the window
  return `<div class="scroll"><table${attrs}><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r, i) => `<tr${rowAttrs[i] ?? ''}>${r.join('')}</tr>`).join('\n')}</tbody></table></div>`;
}

export const td = (v: unknown, cls = ''): string => `<td${cls ? ` class="${cls}"` : ''}>${cellText(v)}</td>`;
/** Untrusted names joined, each in its own isolate. */
export const list = (xs: readonly string[], sep = ', '): string => xs.map(text).join(esc(sep));
export const tdn = (v: number | null | undefined, digits = 0): string => `<td class="n">${esc(num(v, digits))}</td>`;

export function link(url: string | null | undefined, label: string): string {
  const href = safeHttpUrl(url);
  return href ? `<a href="${esc(href)}" rel="noopener noreferrer">${text(label)}</a>` : text(label);
}

export function card(label: string, value: string, cls = ''): string {
  return `<div class="card"><b class="${cls}">${esc(value)}</b>${esc(label)}</div>`;
}

/**
 * Rows past `shown` are not written into the page (a 100k-device report must open in seconds):
 * the sentence says how many more there are and which exports hold every one.
 */
export function moreRows(total: number, shown: number, what: string): string {
  if (total <= shown) return '';
  return `<p class="more muted">… and ${esc(num(total - shown))} more ${esc(what)} not shown here: the CSV and JSON reports list every one (<code>cleanpath report --format csv</code>, <code>--format json</code>).</p>`;
}
