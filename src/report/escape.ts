// The one escaping function for HTML text and attribute values, and the JSON form that is safe
// inside a <script type="application/json"> block. Every device or file string goes through these.

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes a value for HTML text and for double- or single-quoted attribute values. */
export function esc(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  // control characters other than tab/newline are dropped: they have no business in a report
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c]!);
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
