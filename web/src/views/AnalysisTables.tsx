// An analysis's tables as the registry defines them (GET /api/snapshots/{s}/tables/{analysis}):
// the rows the CLI writes as CSV, headed by the registry's column labels, every cell untrusted
// text. Shared by the screening and measured-paths views. A document with nothing to analyse
// says so above its tables in the warning box, never as an empty all-clear.
import type { ReactNode } from 'react';
import { ColumnTh, tableColumns, useRegistry } from '../columns.js';
import { num } from '../format.js';
import { Text } from '../Text.js';
import type { AnalysisTables as Tables, TableCell } from '../types.js';

function cell(v: TableCell | undefined): string {
  if (v === null || v === undefined || v === '') return '–';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return typeof v === 'number' ? num(v, 3) : v;
}

/** One table; `empty` says what no rows means for it. */
function Table({ analysis, id, title, rows, empty }: { analysis: string; id: string; title: string; rows: Tables['tables'][number]['rows']; empty: ReactNode }) {
  const registry = useRegistry();
  const columns = tableColumns(registry, analysis, id);
  // the registry's column order; before it arrives, the rows' own keys
  const ids = columns.size ? [...columns.keys()] : Object.keys(rows[0] ?? {});
  return (
    <section data-table={id}>
      <h3>
        {title} ({num(rows.length)})
      </h3>
      {rows.length ? (
        <table className="analysis-table" data-testid={`${analysis}-${id}`}>
          <thead>
            <tr>{ids.map((c) => <ColumnTh key={c} columns={columns} id={c} />)}</tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {ids.map((c) => (
                  <td key={c} data-column={c} className={typeof r[c] === 'number' ? 'n' : undefined}>
                    <Text value={cell(r[c])} fold />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted" data-empty={id}>{empty}</p>
      )}
    </section>
  );
}

export function AnalysisTablesView({ doc, empty }: { doc: Tables; empty: (table: string) => ReactNode }) {
  return (
    <>
      {doc.nothingToAnalyse ? (
        <div className="nothing" role="status" data-testid="nothing-to-analyse">
          Nothing to analyse: <Text value={doc.nothingToAnalyse} />. No row below is an all-clear.
        </div>
      ) : null}
      {doc.notes.length ? <ul className="notes">{doc.notes.map((n, i) => <li key={i}><Text value={n} fold /></li>)}</ul> : null}
      {doc.tables.map((t) => <Table key={t.id} analysis={doc.analysis} id={t.id} title={t.title} rows={t.rows} empty={empty(t.id)} />)}
    </>
  );
}
