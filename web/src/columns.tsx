// Column headings from the registry of analyses (GET /api/analyses): a table column that shows
// an analysis's output is headed by that column's label, with its description as the tooltip, so
// the dashboard, the report and the CSV name it the same way. Until the registry arrives (or if
// it cannot be had) the heading is the column's id, which is what the CSV header says.
import { useEffect, useMemo, useState } from 'react';
import { analysesRegistry, registryIfLoaded } from './api.js';
import type { AnalysisManifest, ColumnSpec } from './types.js';

export type Columns = ReadonlyMap<string, ColumnSpec>;

const NONE: Columns = new Map();

/** The registry, once it has arrived; null before (and when it could not be fetched). */
export function useRegistry(): AnalysisManifest[] | null {
  const [value, setValue] = useState<AnalysisManifest[] | null>(registryIfLoaded);
  useEffect(() => {
    if (value) return;
    let live = true;
    analysesRegistry().then(
      (v) => {
        if (live) setValue(v);
      },
      () => {
        // headings fall back to the column ids; the Changes view reports the failure itself
      },
    );
    return () => {
      live = false;
    };
  }, [value]);
  return value;
}

export function tableColumns(registry: readonly AnalysisManifest[] | null, analysis: string, table: string): Columns {
  const t = registry?.find((a) => a.id === analysis)?.tables.find((x) => x.id === table);
  return t ? new Map(t.columns.map((c) => [c.id, c])) : NONE;
}

/** The columns of one analysis table, by id (empty until the registry has arrived). */
export function useColumns(analysis: string, table: string): Columns {
  const registry = useRegistry();
  return useMemo(() => tableColumns(registry, analysis, table), [registry, analysis, table]);
}

/** A heading for an analysis column: its registry label, its description as the title. */
export function ColumnTh({ columns, id, className }: { columns: Columns; id: string; className?: string }) {
  const c = columns.get(id);
  return (
    <th data-column={id} title={c?.description} className={className}>
      {c?.label ?? id}
    </th>
  );
}
