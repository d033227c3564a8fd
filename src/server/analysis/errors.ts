// The answers the analysis runner gives instead of a result: a full queue (429) and a job stopped
// for going over its budget (503). Both are HttpErrors, so the server's error handler sends them as
// `{ error }` with their status and nothing else (no stack, nothing of the job's input).
import { HttpError } from '../http.js';

/** The organisation already has its bound of analyses queued or running. */
export class QueueFullError extends HttpError {
  constructor(
    bound: number,
    /** Seconds until one of the organisation's analyses is expected to finish. */
    readonly retryAfter: number,
  ) {
    super(429, `too many analyses pending for this organisation (at most ${bound} queued or running); retry in ${retryAfter} s`);
  }
}

export type Budget = 'time' | 'memory';

/**
 * The analysis went over its time or memory budget and its worker was stopped. 503: the server
 * declined to finish it; the same request will fail the same way until the budget is raised
 * (`cleanpath serve --analysis-time-limit / --analysis-memory`) or the question made smaller.
 */
export class BudgetError extends HttpError {
  constructor(
    readonly budget: Budget,
    limit: string,
  ) {
    super(503, `the analysis exceeded its ${budget} budget (${limit}) and was stopped`);
  }
}
