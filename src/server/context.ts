// Everything a route reaches: the options, the store's connections and the analysis runner.
import { isInputError } from '../model/index.js';
import { DEFAULT_ORGANISATION, openStore, openTokenStore, type SnapshotInfo, type Store, type TokenInfo, type TokenStore } from '../store/index.js';
import { AnalysisRunner } from './analysis/runner.js';
import { notFound } from './http.js';
import type { ResolvedOptions } from './options.js';

/**
 * Runs imports one after another: an import holds the write transaction across awaits. Token
 * changes never queue here: they have a store of their own (ServerContext.tokens).
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(work: () => Promise<T> | T): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

export interface ServerContext {
  opts: ResolvedOptions;
  /** Read-only connection: never sees an import until it commits. */
  reads: Store;
  /** The connection imports write through, one at a time (see `writes`). */
  writer: Store;
  /** Tokens: where every authentication reads and every revocation goes, apart from imports. */
  tokens: TokenStore;
  writes: WriteQueue;
  analyses: AnalysisRunner;
  close(): Promise<void>;
}

export function openContext(opts: ResolvedOptions): ServerContext {
  // The read-write connection first: it creates and migrates the database the others then open.
  const writer = openStore(opts.db, { wait: opts.writeWait });
  const tokens = openTokenStore(opts.db);
  const reads = openStore(opts.db, { readonly: true });
  const analyses = new AnalysisRunner({ workers: opts.analysisWorkers, cacheEntries: opts.cacheEntries, cacheBytes: opts.cacheBytes, queuePerOrganisation: opts.queuePerOrganisation, timeLimit: opts.analysisTimeLimit, memoryMb: opts.analysisMemoryMb });
  return {
    opts,
    reads,
    writer,
    tokens,
    writes: new WriteQueue(),
    analyses,
    async close() {
      await analyses.close();
      await reads.close();
      await tokens.close();
      await writer.close();
    },
  };
}

/**
 * The caller's snapshot by name ("latest": its organisation's newest). Another organisation's
 * snapshot of the same name is simply not found, with the same 404 as a name nobody uses.
 */
export async function snapshotOf(ctx: ServerContext, auth: TokenInfo | undefined, name: string): Promise<SnapshotInfo> {
  const organisation = auth?.organisation ?? DEFAULT_ORGANISATION;
  if (name === 'latest') {
    const all = await ctx.reads.listSnapshots(organisation);
    const latest = all[all.length - 1];
    if (!latest) throw notFound('snapshot', name);
    return latest;
  }
  try {
    return await ctx.reads.resolveSnapshot(name, organisation);
  } catch (e) {
    if (isInputError(e)) throw notFound('snapshot', name);
    throw e;
  }
}
