// The one escaping function for HTML text and attribute values, and the JSON form that is safe
// inside a <script type="application/json"> block. Every device or file string goes through these:
// in text through text()/cellText(), which also isolate it (<bdi>) so that its direction (a
// U+202E, a Hebrew name) cannot reorder what is printed beside it; in attributes and SVG text,
// where no element can go, through attrText() (FSI … PDI, model/bidi.ts).
import { isolateText } from '../model/bidi.js';
import { codePoints, FOLD_FROM, FOLDED_SHOWN, needsWrap } from './long-text.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes a value for HTML text and for double- or single-quoted attribute values. */
export function esc(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  // control characters other than tab/newline are dropped: they have no business in a report
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c]!);
}

/** An untrusted value as HTML text: escaped, in its own <bdi> (empty when there is no value). */
export function text(value: unknown): string {
  const s = esc(value);
  if (!s) return '';
  // long values may wrap anywhere (.wrap): an unbroken one would hold its column wide
  return needsWrap(String(value)) ? `<bdi class="wrap">${s}</bdi>` : `<bdi>${s}</bdi>`;
}

/**
 * An untrusted value as a table cell's content: text(), and past FOLD_FROM characters folded into
 * a <details> that shows its start and opens on the whole, so one 5,000-character sysDescr does
 * not make a row as tall as the page.
 */
export function cellText(value: unknown): string {
  const chars = codePoints(value === null || value === undefined ? '' : String(value));
  if (chars.length <= FOLD_FROM) return text(value);
  const start = chars.slice(0, FOLDED_SHOWN).join('');
  return `<details class="long"><summary>${text(start)}… <span class="muted">(${chars.length.toLocaleString('en-US')} characters)</span></summary>${text(value)}</details>`;
}

/** An untrusted value inside an attribute (a tooltip) or SVG text: isolated with FSI … PDI, escaped. */
export function attrText(value: unknown): string {
  return esc(isolateText(value === null || value === undefined ? '' : String(value)));
}

/**
 * JSON for an inline `<script type="application/json">`: `<`, `>`, `&` and U+2028/U+2029 become
 * \u escapes, so no string can close the script element or open a comment; JSON.parse gives back
 * the same strings.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** An href only for absolute http(s) URLs (rule sources); anything else is shown as text. */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  return /^https?:\/\/[^\s"'<>`]+$/i.test(v) ? v : null;
}
