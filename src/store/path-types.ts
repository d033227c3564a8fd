// The measured-paths part of the Store contract (issue 8, issue 15 point 4): traceroutes kept per
// organisation outside any snapshot, because they accumulate over time and are analysed over a
// window against a snapshot's routers.
import type { HopFacts, Measurement } from '../model/index.js';

/** One traceroute with what the enrichment data said about each of its hop addresses at import. */
export interface MeasuredPath {
  measurement: Measurement;
  facts: Record<string, HopFacts>;
}

/** A measured path as read back; `id` orders measurements of the same second by import. */
export interface StoredMeasurement extends MeasuredPath {
  id: number;
}

export interface BeginPathImportOptions {
  files: string[];
  /** One line per enrichment source used (kept with the import, for the record). */
  enrichment: string[];
  /** Which organisation the measurements belong to (default DEFAULT_ORGANISATION); it must exist. */
  organisation?: string;
}

export interface PathImportSummary {
  importId: number;
  files: string[];
  /** Measurements added; `duplicates` were already stored (or twice in this import) and added nothing. */
  measurements: number;
  duplicates: number;
  hops: number;
  warnings: number;
}

/**
 * One open path import: everything added lands in one transaction, committed by `commit` and
 * undone by `rollback` (or by closing the store), so a file that fails half-way adds nothing.
 * `add` takes a batch so that a server database gets one statement per batch, not per traceroute.
 */
export interface PathImportWriter {
  add(batch: readonly MeasuredPath[]): Promise<void>;
  /** The first 1000 warnings are kept with the import; all are counted. */
  commit(warnings: readonly string[]): Promise<PathImportSummary>;
  /** Safe to call more than once and after a failed `add`. */
  rollback(): Promise<void>;
}

export interface MeasurementWindow {
  /** Seconds since the epoch, inclusive. */
  since?: number;
  /** Seconds since the epoch, exclusive. */
  until?: number;
  sites?: readonly string[];
  /** Organisation name (default DEFAULT_ORGANISATION); an unknown one has no measurements. */
  organisation?: string;
}

/** The time span (seconds) of an organisation's measurements. */
export interface MeasurementSpan {
  first: number;
  last: number;
  count: number;
}

export interface PathImportInfo {
  id: number;
  importedAt: string;
  files: string[];
  measurements: number;
  duplicates: number;
}
