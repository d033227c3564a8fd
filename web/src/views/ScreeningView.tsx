// Screening (the registry's screening analysis with inventory=true): every maker, supplier,
// reseller and maintainer of the snapshot against the restricted-party lists, as of the
// dashboard's date. Each hit names its list and the list's version (id@version); the empty
// state says no party matched, never that the inventory is clean.
import type { Api } from '../api.js';
import { Text } from '../Text.js';
import { useAsync } from '../use-async.js';
import { AnalysisTablesView } from './AnalysisTables.js';

const EMPTY: Record<string, string> = {
  findings: 'No party of this snapshot is a match or a possible match on the lists above.',
  names: 'No names were given: the inventory is screened (the CLI screens names: cleanpath screen NAME).',
};

export function ScreeningView({ api, snapshot, asOf }: { api: Api; snapshot: string; asOf: string }) {
  const answer = useAsync((signal) => api.tables(snapshot, 'screening', { inventory: 'true', asOf }, signal), [api, snapshot, asOf]);
  let body;
  if (answer.status === 'loading') body = <p className="loading" aria-busy="true">Screening the makers and parties of <Text value={snapshot} /> against the lists…</p>;
  else if (answer.status === 'error') body = <p className="bad" role="alert" data-testid="screening-error">Cannot screen: <Text value={answer.error.message} /></p>;
  else body = <AnalysisTablesView doc={answer.value} empty={(t) => EMPTY[t] ?? 'No rows.'} />;
  return (
    <div className="screening" data-testid="screening">
      <h2>Screening — <Text value={snapshot} /> as of <Text value={asOf} /></h2>
      {body}
    </div>
  );
}
