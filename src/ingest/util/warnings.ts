import type { ImportWarning } from '../../model/index.js';
import { MAX_WARNINGS } from '../limits.js';

/**
 * Collects the warnings of one file. A broken file can produce one per row; past the cap they are
 * only counted, so --strict still sees that there were problems without holding millions.
 */
export class WarningSink {
  private kept = 0;
  private dropped = 0;
  private pending: ImportWarning[] = [];

  constructor(readonly file: string, private readonly max = MAX_WARNINGS) {}

  warn(line: number, message: string): void {
    if (this.kept >= this.max) {
      this.dropped++;
      return;
    }
    this.kept++;
    this.pending.push({ file: this.file, line, message });
  }

  /** Warnings since the last call; call with `final` once at the end to add the overflow note. */
  take(final = false): ImportWarning[] {
    const out = this.pending;
    this.pending = [];
    if (final && this.dropped > 0) {
      out.push({ file: this.file, line: 0, message: `${this.dropped} more warnings not listed` });
      this.dropped = 0;
    }
    return out;
  }
}
