// What the in-page predicates of the views test and benchmark read. Their programs are
// type-checked without the DOM library (they run in Node), and a predicate must be a function,
// not a string: the dashboard's Content-Security-Policy forbids evaluating strings in the page.
export interface PageGlobals {
  location: { hash: string };
  document: { querySelector(selector: string): { textContent: string | null } | null };
}
