// Bidirectional text from devices and files (issue 16.6): an unterminated U+202E RIGHT-TO-LEFT
// OVERRIDE in a snapshot name reverses everything after it on the line, spoofing the dates and
// vendor names printed beside it. Every output that shows an untrusted string in running text goes
// through here: plain text (CLI tables, Markdown, CSV, SVG and tooltips) gets the value closed and,
// when it carries direction, wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE; HTML and
// the dashboard use <bdi>, which the browser turns into the same isolate. It lives in model/ so
// that every stage and the browser bundle can import it (no I/O).

export const FSI = '\u2068';
export const PDI = '\u2069';
const PDF = '\u202c';

/** The explicit formatting characters of UAX #9 (embeddings, overrides, isolates) and the marks. */
// eslint-disable-next-line no-misleading-character-class
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** Right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo, … and their presentation forms). */
const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/** True when the value could change the direction of the text around it. */
export function carriesDirection(s: string): boolean {
  return BIDI_CONTROL.test(s) || RTL_LETTER.test(s);
}

type Opened = 'embedding' | 'isolate';

/**
 * `s` with every embedding, override and isolate it opens closed at its end (PDF, PDI), and every
 * closer that matches nothing in it dropped, so it cannot end someone else's. Pairing as in UAX #9
 * (X6a, X7): a PDI closes the last isolate and any embedding opened inside it; a PDF closes an
 * embedding only inside the current isolate.
 */
export function closeBidi(s: string): string {
  if (!BIDI_CONTROL.test(s)) return s;
  const open: Opened[] = [];
  let out = '';
  for (const c of s) {
    const code = c.charCodeAt(0);
    if (code >= 0x202a && code <= 0x202e && code !== 0x202c) open.push('embedding');
    else if (code >= 0x2066 && code <= 0x2068) open.push('isolate');
    else if (c === PDF) {
      if (open.at(-1) !== 'embedding') continue;
      open.pop();
    } else if (c === PDI) {
      const last = open.lastIndexOf('isolate');
      if (last < 0) continue;
      open.length = last;
    }
    out += c;
  }
  for (let i = open.length - 1; i >= 0; i--) out += open[i] === 'isolate' ? PDI : PDF;
  return out;
}

/**
 * A value for plain running text: closed (closeBidi) and, when it carries direction, isolated
 * between FSI and PDI, so it is laid out on its own and nothing beside it moves. Values with no
 * right-to-left letter and no control are returned as they are (most of them: ids, ASCII names).
 */
export function isolateText(s: string): string {
  return carriesDirection(s) ? FSI + closeBidi(s) + PDI : s;
}
