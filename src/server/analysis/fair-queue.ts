// Which analysis runs next. One FIFO queue per organisation, each bounded, served round-robin: an
// organisation with sixty jobs waiting gets one turn, then the next organisation with work gets
// one. With more than one worker, no organisation may hold every worker: a long job of one
// organisation then never makes another's short job wait for it (jobs cannot be paused, only
// killed, so a free worker is the only way to answer the second organisation at once).

export interface FairQueueOptions {
  /** Jobs an organisation may have queued or running at once. */
  perOrganisation: number;
  /** Worker slots shared by all organisations. */
  slots: number;
}

export class FairQueue<T extends { organisation: string }> {
  private readonly waiting = new Map<string, T[]>();
  private readonly running = new Map<string, number>();
  /** When each organisation with work in flight last had a job started (a count of turns). */
  private readonly lastTurn = new Map<string, number>();
  private turns = 0;
  private readonly maxRunning: number;

  constructor(private readonly opts: FairQueueOptions) {
    this.maxRunning = Math.max(1, opts.slots - 1);
  }

  /** Jobs of the organisation queued or running. */
  load(organisation: string): { waiting: number; running: number } {
    return { waiting: this.waiting.get(organisation)?.length ?? 0, running: this.running.get(organisation) ?? 0 };
  }

  isFull(organisation: string): boolean {
    const { waiting, running } = this.load(organisation);
    return waiting + running >= this.opts.perOrganisation;
  }

  /** Queues a job (the caller checked isFull first: the bound is the caller's answer to give). */
  push(job: T): void {
    const q = this.waiting.get(job.organisation);
    if (q) q.push(job);
    else this.waiting.set(job.organisation, [job]);
  }

  /**
   * The next job to start: of the organisations with a job waiting that may start one more, the
   * one whose last turn is oldest (an organisation with nothing in flight has had none).
   */
  next(): T | undefined {
    let pick: string | undefined;
    for (const organisation of this.waiting.keys()) {
      if ((this.running.get(organisation) ?? 0) >= this.maxRunning) continue;
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
    if (running <= 0 && !this.waiting.has(organisation)) this.lastTurn.delete(organisation);
  }

  /** Every job still waiting, removed from the queue (the server is closing). */
  drain(): T[] {
    const all = [...this.waiting.values()].flat();
    this.waiting.clear();
    return all;
  }
}
