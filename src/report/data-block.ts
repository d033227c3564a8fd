// The report model embedded in the HTML page (<script type="application/json">), for whoever
// wants the numbers behind the page. Past DATA_BLOCK_MAX characters the page embeds only the
// summary and says where the whole model is: a 100k-device snapshot's model runs to hundreds of
// megabytes, which would make the page take longer to open than to read. Never a partial list
// that could be mistaken for the whole.
import { jsonForScript } from './escape.js';
import type { ReportModel } from './model.js';

export const DATA_BLOCK_MAX = 8 * 2 ** 20;

export interface OmittedData {
  omitted: string;
  report: ReportModel['report'];
  source: ReportModel['source'];
  asOf: string;
  catalogVersion: string;
  summary: ReportModel['summary'];
}

/** The JSON for the data block, and (when it is not the whole model) the sentence saying so. */
export function dataBlock(m: ReportModel): { json: string; omitted: string | null } {
  const json = jsonForScript(m);
  if (json.length <= DATA_BLOCK_MAX) return { json, omitted: null };
  const mb = (json.length / 2 ** 20).toFixed(0);
  const stub: OmittedData = {
    omitted: `the report model (${mb} MB as JSON) is not embedded in this page; the JSON report holds all of it: cleanpath report --format json`,
    report: m.report,
    source: m.source,
    asOf: m.asOf,
    catalogVersion: m.catalogVersion,
    summary: m.summary,
  };
  return { json: jsonForScript(stub), omitted: stub.omitted };
}
