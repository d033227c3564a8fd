// The JSON report: the report model itself, pretty-printed. Strings are JSON-escaped by
// JSON.stringify; `<`, `>` and `&` are additionally \u-escaped so the file stays inert if a
// careless consumer pastes it into HTML.
import type { ReportModel } from './model.js';

export function renderJsonReport(m: ReportModel): string {
  return JSON.stringify(m, null, 2).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) + '\n';
}
