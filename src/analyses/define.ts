// What an analysis is (issue 15): a manifest with typed parameters plus a run that returns a
// JSON document and keyed tables with column metadata. The registry (registry.ts) lists them; the
// CLI commands, the API routes and their OpenAPI document, the report, the dashboard, the
// server's workers and the generic diff are all generated from, or dispatched through, it.
import type { z } from 'zod';
import type { ExposureResult, FlowInput, KillSwitchResult, NodeInput } from '../graph/index.js';
import type { LoadedNetwork, NetworkSourceOptions } from './network.js';

export type TableCell = string | number | boolean | null;
export type TableRow = Record<string, TableCell>;

export interface ColumnSpec {
  /** The column's name in CSV headers and table rows (snake_case, as our CSVs always were). */
  id: string;
  /** What a person reads: the report's and the dashboard's column heading. */
  label: string;
  description: string;
  /** Part of the row's key: rows of two runs with the same key are the same thing. */
  key?: true;
  unit?: string;
  /** How an empty (null) cell is written in CSV, when it means something (`inf`: no path). */
  nullAs?: string;
  /**
   * Says where a row comes from or why (evidence, a rule's clause), not what it is: shown, but a
   * new import's file name in the evidence is no change of the finding, so the diff skips it.
   */
  context?: true;
}

export interface TableSpec<D> {
  id: string;
  title: string;
  columns: readonly ColumnSpec[];
  rows(doc: D): TableRow[];
}

/** Every document says whether there was anything to analyse: zeros without input are no all-clear. */
export interface AnalysisDocument {
  nothingToAnalyse: string | null;
  notes?: string[];
}

export interface RunProgress {
  update(done: number, total?: number, label?: string): void;
}

/**
 * What the caller provides besides the source and the parameters: how to report progress and
 * warnings, how much CPU and time to use. None of it changes a result.
 */
export interface RunEnv {
  progress?: RunProgress;
  /** Something the user should know that is not an error (an operator no device has). */
  warn?(message: string): void;
  /** Worker threads for the graph core (default: all cores). */
  workers?: number;
  /** Seconds the planner may take (default 60). */
  planTimeLimit?: number;
  /** How the interface names a parameter in errors (`query parameter "avoidCountry"`); default the CLI's. */
  paramName?(param: string): string;
  /**
   * Stop with NothingToAnalyse (exit 1, no rows) where the answer's rows would only mislead (no
   * flows, no untrusted device), as the CLI does; otherwise the document says why in
   * `nothingToAnalyse` next to its zeros, as the API does.
   */
  strict?: boolean;
  /** Only the tables are wanted (CSV output): skip what only the JSON document shows. */
  tablesOnly?: boolean;
  /**
   * Networks already read, by source: a caller running several analyses of one snapshot (the
   * report: exposure and a kill-switch per vendor) reads it once. Snapshots never change.
   */
  networks?: Map<string, Promise<LoadedNetwork>>;
  /** Runs the graph core elsewhere (`--distributed`: cleanpath workers behind Redis); same results. */
  remote?: RemoteEngine;
}

/** The network as a remote run saw it: what a document needs besides the result. */
export interface RemoteNetwork {
  nodes: readonly NodeInput[];
  flows: readonly FlowInput[];
  notes: string[];
  label: string;
  snapshot?: string;
}

/**
 * The graph core run by other processes. Declared here, implemented by src/distributed (which
 * comes after this stage), handed in by the interface that was asked to distribute.
 */
export interface RemoteEngine {
  exposure(source: NetworkSourceOptions, avoid: { untrusted?: string[]; avoidCountry?: string[]; avoidOperator?: string[]; avoidLayer?: string[] }, opts: { chokepoints: boolean; topChokepoints: number }): Promise<{ result: ExposureResult; net: RemoteNetwork }>;
  killSwitch(source: NetworkSourceOptions, spec: { vendors: string[]; layers?: string[]; countries?: string[]; top: number }): Promise<{ result: KillSwitchResult; net: RemoteNetwork }>;
}

/**
 * Where an analysis reads from: a snapshot of a store, or plain files (see network.ts), plus the
 * side files some read (the planner's cost table and forced list): inputs, like --nodes, that
 * only the CLI can name — the API never reads a path from a request.
 */
export interface AnalysisSource extends NetworkSourceOptions {
  costTable?: string;
  forced?: string;
}

export interface AnalysisDefinition<P extends z.ZodObject = z.ZodObject, D extends AnalysisDocument = AnalysisDocument> {
  id: string;
  /** The CLI command that runs it (`findings` runs as `cleanpath check`; `paths exposure` is a subcommand). */
  command: string;
  title: string;
  /** One line: the CLI's description and the API's summary. */
  summary: string;
  /** More words for --help and the API description. */
  help?: string;
  /** CLI lines that show it in use; the API documents the same parameters. */
  examples: readonly string[];
  /**
   * A list parameter the CLI takes as its positional arguments (`cleanpath screen NAME...`); the
   * API takes it as a repeated query parameter. Its schema accepts a string or a string array.
   */
  positional?: string;
  /** Typed parameters: names in camelCase (API) and kebab-case (CLI), one default, one description. */
  params: P;
  /** Whether plain files (--nodes/--links, --topology) can feed it, or only a store snapshot. */
  sources: 'network' | 'snapshot';
  run(source: AnalysisSource, params: z.output<P>, env: RunEnv): Promise<D>;
  /** Its keyed tables: the first is the main one (CSV output, the diff's default). */
  tables: readonly TableSpec<D>[];
}

/** Declares an analysis, keeping its parameter and document types for its run and tables. */
export function defineAnalysis<P extends z.ZodObject, D extends AnalysisDocument>(def: AnalysisDefinition<P, D>): AnalysisDefinition<P, D> {
  return def;
}

/** Any analysis, its types erased: what the generic interfaces hold. */
export type AnyAnalysis = AnalysisDefinition<z.ZodObject, AnalysisDocument>;

/** The parameters with every default filled in, and `given` on top (for callers inside the code). */
export function paramsOf<P extends z.ZodObject>(def: { params: P }, given: Partial<z.output<P>> = {}): z.output<P> {
  return { ...(def.params.parse({}) as z.output<P>), ...stripUndefined(given) };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** What a parameter is called where the user gave it: `--avoid-country` in the CLI (the default). */
export function paramName(env: RunEnv, param: string): string {
  return env.paramName ? env.paramName(param) : `--${param.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** How a filter reads in a sentence ("matches vendors zte"): the CLI's option, or the API's bare name. */
export function filterName(env: RunEnv, param: string): string {
  return env.paramName ? param : paramName(env, param);
}
