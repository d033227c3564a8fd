import type Database from 'better-sqlite3';
import type { SqlValue } from './rows.js';

/**
 * Buffers rows and writes them with multi-row INSERT statements: one statement call per
 * `chunkRows` rows instead of one per row, which is where better-sqlite3 spends its time on
 * bulk loads. Rows are written in the order pushed.
 */
export class ChunkedInsert {
  private pending: SqlValue[] = [];
  private rows = 0;
  private readonly width: number;
  private readonly byCount = new Map<number, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly chunkRows: number,
  ) {
    this.width = columns.length;
  }

  /** The array to push one row's values into; call `added` after each row. */
  get buffer(): SqlValue[] {
    return this.pending;
  }

  /** Counts the row just pushed; true once a whole chunk is waiting. */
  added(): boolean {
    return ++this.rows >= this.chunkRows;
  }

  /**
   * Adds `n` rows given as one flat array. A whole chunk arriving with nothing waiting is written
   * as it is, without copying; it stays the pending values if its write fails.
   */
  addRows(values: SqlValue[], n: number): void {
    if (this.rows === 0 && n === this.chunkRows) {
      this.pending = values;
      this.rows = n;
      this.write(n);
      return;
    }
    const p = this.pending;
    for (let i = 0; i < values.length; i++) p.push(values[i]!);
    this.rows += n;
    this.flushWhole();
  }

  get pendingRows(): number {
    return this.rows;
  }

  /** The values of the rows not yet written, including those of a chunk whose write failed. */
  pendingValues(): readonly SqlValue[] {
    return this.pending;
  }

  /** Writes every waiting row. */
  flush(): void {
    this.write(this.rows);
  }

  /** Writes the whole chunks waiting and keeps the rest for later. */
  flushWhole(): void {
    this.write(this.rows - (this.rows % this.chunkRows));
  }

  private write(rows: number): void {
    let done = 0;
    while (done < rows) {
      const n = Math.min(this.chunkRows, rows - done);
      const from = done * this.width;
      const values = done === 0 && n === this.rows ? this.pending : this.pending.slice(from, from + n * this.width);
      this.statement(n).run(values);
      done += n;
    }
    if (done === 0) return;
    this.pending = done === this.rows ? [] : this.pending.slice(done * this.width);
    this.rows -= done;
  }

  private statement(n: number): Database.Statement {
    let s = this.byCount.get(n);
    if (!s) {
      const one = `(${new Array<string>(this.width).fill('?').join(',')})`;
      s = this.db.prepare(`INSERT INTO ${this.table} (${this.columns.join(',')}) VALUES ${new Array<string>(n).fill(one).join(',')}`);
      this.byCount.set(n, s);
    }
    return s;
  }
}
