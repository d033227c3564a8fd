// Which analysis runs next, and at which priority. One FIFO queue per organisation, each bounded,
// served round-robin: an organisation with sixty jobs waiting gets one turn, then the next
// organisation with work gets one. An organisation with two jobs or more in flight, now or a
// moment ago, is bursting: its jobs wait for the low-priority workers, the others' for the normal
// ones. A flood of one organisation's long jobs then never makes another's single short job wait
// for one of them to finish (a running job cannot be paused, only killed), and its CPU goes to
// everyone else first (slot.ts).

import type { Priority } from './slot.js';

export interface FairQueueOptions {
  /** Jobs an organisation may have queued or running at once. */
  perOrganisation: number;
  /** How long an organisation stays bursting after it last had two jobs in flight, ms. */
  burstMemoryMs?: number;
  /** The clock, ms (tests). */
  now?: () => number;
}

/** Long enough to span a client's pause on Retry-After between two rounds of a flood. */
const BURST_MEMORY_MS = 10_000;

export class FairQueue<T extends { organisation: string }> {
  private readonly waiting = new Map<string, T[]>();
  private readonly running = new Map<string, number>();
  /** When each organisation with work in flight last had a job started (a count of turns). */
  private readonly lastTurn = new Map<string, number>();
  private turns = 0;
  /** When each organisation last had two jobs or more in flight. */
  private readonly lastBurst = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly opts: FairQueueOptions) {
    this.now = opts.now ?? (() => performance.now());
  }

  /** Jobs of the organisation queued or running. */
  load(organisation: string): { waiting: number; running: number } {
    return { waiting: this.waiting.get(organisation)?.length ?? 0, running: this.running.get(organisation) ?? 0 };
  }

  isFull(organisation: string): boolean {
    const { waiting, running } = this.load(organisation);
    return waiting + running >= this.opts.perOrganisation;
  }

  /** Whether the organisation has two jobs or more in flight, or had a moment ago. */
  bursting(organisation: string): boolean {
    const { waiting, running } = this.load(organisation);
    const since = this.lastBurst.get(organisation);
    return waiting + running >= 2 || (since !== undefined && this.now() - since < (this.opts.burstMemoryMs ?? BURST_MEMORY_MS));
  }

  /** Queues a job (the caller checked isFull first: the bound is the caller's answer to give). */
  push(job: T): void {
    const q = this.waiting.get(job.organisation);
    if (q) q.push(job);
    else this.waiting.set(job.organisation, [job]);
    const { waiting, running } = this.load(job.organisation);
    if (waiting + running >= 2) this.lastBurst.set(job.organisation, this.now());
  }

  /**
   * The next job to start on a worker of that priority: of the organisations with a job waiting
   * that are bursting (low) or not (normal), the one whose last turn is oldest (an organisation
   * with nothing in flight has had none).
   */
  next(priority: Priority): T | undefined {
    let pick: string | undefined;
    for (const organisation of this.waiting.keys()) {
      if (this.bursting(organisation) !== (priority === 'low')) continue;
      if (pick === undefined || (this.lastTurn.get(organisation) ?? 0) < (this.lastTurn.get(pick) ?? 0)) pick = organisation;
    }
    if (pick === undefined) return undefined;
    const q = this.waiting.get(pick)!;
    const job = q.shift()!;
    if (!q.length) this.waiting.delete(pick);
    this.running.set(pick, (this.running.get(pick) ?? 0) + 1);
    this.lastTurn.set(pick, ++this.turns);
    return job;
  }

  /** A job that next() handed out has finished (well or not). */
  finished(organisation: string): void {
    const running = (this.running.get(organisation) ?? 1) - 1;
    if (running > 0) this.running.set(organisation, running);
    else this.running.delete(organisation);
    if (running > 0 || this.waiting.has(organisation)) return;
    // Nothing in flight: its turn history is over, and its burst once remembered long enough.
    this.lastTurn.delete(organisation);
    if (!this.bursting(organisation)) this.lastBurst.delete(organisation);
  }

  /** Every job still waiting, removed from the queue (the server is closing). */
  drain(): T[] {
    const all = [...this.waiting.values()].flat();
    this.waiting.clear();
    return all;
  }
}
