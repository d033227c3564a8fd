// The registry described as data: what GET /api/analyses answers and the dashboard builds its
// tables' headings from, so a column's label is written once (in the analysis's module).
import { z } from 'zod';
import type { AnyAnalysis, ColumnSpec } from './define.js';
import { optionName, paramCli } from './params.js';
import { allAnalyses } from './registry.js';

export interface ParamManifest {
  /** The API's query parameter. */
  name: string;
  /** The CLI's option (`--avoid-country`), or `--no-...` for a flag that defaults to true. */
  option: string;
  description: string;
  default: string | null;
  kind: 'flag' | 'list' | 'value';
}

export interface AnalysisManifest {
  id: string;
  command: string;
  title: string;
  summary: string;
  examples: readonly string[];
  /** The API route of the analysis. */
  path: string;
  params: ParamManifest[];
  tables: Array<{ id: string; title: string; columns: readonly ColumnSpec[] }>;
}

export function paramManifest(def: AnyAnalysis): ParamManifest[] {
  return Object.entries(def.params.shape).map(([name, field]) => {
    const cli = paramCli.get(field as z.ZodType) ?? {};
    const meta = (z.globalRegistry.get(field as z.ZodType) ?? {}) as { description?: string; default?: string };
    const option = cli.flag === 'off' ? `--no-${optionName(name).slice(2)}` : optionName(name);
    return { name, option, description: meta.description ?? '', default: meta.default ?? null, kind: cli.flag ? 'flag' : cli.list ? 'list' : 'value' };
  });
}

export function analysisManifest(def: AnyAnalysis): AnalysisManifest {
  return {
    id: def.id,
    command: def.command,
    title: def.title,
    summary: def.summary,
    examples: def.examples,
    path: `/api/snapshots/{snapshot}/${def.id}`,
    params: paramManifest(def),
    tables: def.tables.map((t) => ({ id: t.id, title: t.title, columns: t.columns })),
  };
}

export function registryManifest(): AnalysisManifest[] {
  return allAnalyses().map(analysisManifest);
}
