// How long untrusted values are shown, the same in the HTML report (escape.ts) and the dashboard
// (web/src/Text.tsx): a value past FOLD_FROM characters is folded to its first FOLDED_SHOWN
// (the whole on demand); one with a run of more than WRAP_FROM characters without a space may
// break anywhere, so that an unbroken identifier cannot hold its column wide, while words (a
// header, "huawei", a sentence) are never cut in two.
export const FOLD_FROM = 200;
export const FOLDED_SHOWN = 120;
export const WRAP_FROM = 40;

/** The code points of a value, for counting and cutting without splitting a surrogate pair. */
export function codePoints(s: string): string[] {
  return [...s];
}

const UNBROKEN = new RegExp(`\\S{${WRAP_FROM + 1}}`);

/** True when the value has a run without spaces too long to keep whole: it may wrap anywhere. */
export function needsWrap(s: string): boolean {
  return UNBROKEN.test(s);
}
