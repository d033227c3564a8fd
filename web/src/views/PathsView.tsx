// Measured paths (the registry's paths-exposure analysis): the organisation's traceroutes over a
// window, hops identified by this snapshot's devices, against the dashboard's untrusted vendors.
// Without measurements the view says there is nothing to analyse and how to import some; it
// never shows zero exposed paths as a result.
import { useState, type FormEvent } from 'react';
import type { Api } from '../api.js';
import { Text } from '../Text.js';
import { useAsync } from '../use-async.js';
import { AnalysisTablesView } from './AnalysisTables.js';

const EMPTY: Record<string, string> = {
  destinations: 'No measured path in the window.',
  sites: 'No measuring site in the window.',
  ases: 'No hop address was placed in an AS (give ASN tables to cleanpath paths import).',
  countries: 'No hop address was placed in a country.',
  vendors: 'No hop was identified as a device of this snapshot.',
  routers: 'No router of this snapshot answered on the measured paths.',
};

export function PathsView({ api, snapshot, untrusted }: { api: Api; snapshot: string; untrusted: string }) {
  const [days, setDays] = useState('');
  const [draft, setDraft] = useState('');
  const params = { untrusted, days };
  const answer = useAsync((signal) => api.tables(snapshot, 'paths-exposure', params, signal), [api, snapshot, untrusted, days]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDays(draft.trim());
  };
  let body;
  if (answer.status === 'loading') body = <p className="loading" aria-busy="true">Reading the measured paths…</p>;
  else if (answer.status === 'error') body = <p className="bad" role="alert" data-testid="paths-error">Cannot analyse the measured paths: <Text value={answer.error.message} /></p>;
  else body = <AnalysisTablesView doc={answer.value} empty={(t) => EMPTY[t] ?? 'No rows.'} />;
  return (
    <div className="paths" data-testid="paths">
      <h2>Measured paths — hops identified by <Text value={snapshot} /></h2>
      <form className="filters" onSubmit={submit}>
        <label title="the window: the last N days up to the newest measurement (empty: every measurement)">
          last days <input aria-label="days" name="days" value={draft} size={6} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <button type="submit">Apply</button>
      </form>
      {body}
    </div>
  );
}
