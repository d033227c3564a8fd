import { InputError } from '../../model/index.js';
import { MAX_FIELD_CHARS, MAX_FIELDS_PER_ROW } from '../limits.js';

export type RowSink = (fields: string[], line: number) => void;

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** Saw a quote inside a quoted field: the next character says whether it was an escaped quote. */
const QUOTE_IN_QUOTED = 3;

/**
 * The one CSV tokenizer: every CSV cleanpath reads goes through it (the streaming importer here,
 * whole texts and single lines through ./text.ts).
 *
 * Streaming RFC 4180 reader: feed it text in chunks of any size, it calls `sink` once per row
 * with the 1-based line the row starts on. Chunks may split a field, a quote pair or a CRLF.
 * Blank lines are skipped. A lone CR outside quotes also ends a row (old Mac files); inside
 * quotes only LF counts as a new line.
 */
export class CsvTokenizer {
  private line = 1;
  private rowLine = 1;
  private row: string[] = [];
  private carry = '';
  private state = FIELD_START;
  private quoteLine = 0;
  private skipLF = false;

  /** `firstLine`: the line the text starts on, when a caller hands over one line of a file. */
  constructor(
    private readonly file: string,
    private readonly sink: RowSink,
    private readonly maxField = MAX_FIELD_CHARS,
    firstLine = 1,
  ) {
    this.line = this.rowLine = firstLine;
  }

  push(s: string): void {
    const n = s.length;
    let i = 0;
    if (this.skipLF && n > 0) {
      this.skipLF = false;
      if (s.charCodeAt(0) === LF) i = 1;
    }
    while (i < n) {
      const state = this.state;
      if (state === FIELD_START || state === UNQUOTED) {
        if (state === FIELD_START && s.charCodeAt(i) === QUOTE) {
          this.state = QUOTED;
          this.quoteLine = this.line;
          i++;
          continue;
        }
        // The hot path: find the end of an unquoted field without building anything.
        let j = i;
        let c = 0;
        while (j < n) {
          c = s.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          j++;
        }
        if (j === n) {
          this.carry = this.carry === '' ? s.slice(i) : this.carry + s.slice(i);
          this.state = UNQUOTED;
          this.checkCarry(this.line);
          return;
        }
        const field = this.carry === '' ? s.slice(i, j) : this.carry + s.slice(i, j);
        this.carry = '';
        this.pushField(field, this.line);
        i = j + 1;
        this.state = FIELD_START;
        if (c !== COMMA) i = this.endRow(s, i, c);
        continue;
      }
      if (state === QUOTED) {
        // The closing quote by indexOf (quoted fields are common: names with commas); line breaks
        // counted only inside the field, so a file without LF costs no scan past it.
        let j = s.indexOf('"', i);
        if (j < 0) j = n;
        for (let k = i; k < j; k++) if (s.charCodeAt(k) === LF) this.line++;
        this.carry = this.carry === '' ? s.slice(i, j) : this.carry + s.slice(i, j);
        this.checkCarry(this.quoteLine);
        if (j === n) return;
        i = j + 1;
        this.state = QUOTE_IN_QUOTED;
        continue;
      }
      // QUOTE_IN_QUOTED
      const c = s.charCodeAt(i);
      if (c === QUOTE) {
        this.carry += '"';
        this.state = QUOTED;
        i++;
        continue;
      }
      if (c !== COMMA && c !== LF && c !== CR) {
        throw new InputError(
          this.file,
          this.line,
          'unexpected text after a closing quote (a quote inside a quoted field must be doubled: "")',
        );
      }
      const field = this.carry;
      this.carry = '';
      this.pushField(field, this.quoteLine);
      this.state = FIELD_START;
      i++;
      if (c !== COMMA) i = this.endRow(s, i, c);
    }
  }

  /** Call once after the last chunk: flushes a last row without a newline, checks for an open quote. */
  end(): void {
    if (this.state === QUOTED) {
      throw new InputError(this.file, this.quoteLine, 'unterminated quoted field (no closing quote before the end of the file)');
    }
    if (this.state === QUOTE_IN_QUOTED || this.state === UNQUOTED || this.row.length > 0) {
      const field = this.carry;
      this.carry = '';
      this.pushField(field, this.line);
      this.emit();
    }
    this.state = FIELD_START;
  }

  /** Ends the row at a LF or CR just consumed; returns where scanning resumes. */
  private endRow(s: string, i: number, c: number): number {
    this.emit();
    this.line++;
    this.rowLine = this.line;
    if (c === CR) {
      if (i < s.length) {
        if (s.charCodeAt(i) === LF) return i + 1;
      } else {
        this.skipLF = true;
      }
    }
    return i;
  }

  private emit(): void {
    const row = this.row;
    this.row = [];
    if (row.length === 1 && row[0] === '') return;
    this.sink(row, this.rowLine);
  }

  private pushField(field: string, line: number): void {
    if (field.length > this.maxField) this.tooLong(line);
    if (this.row.length >= MAX_FIELDS_PER_ROW) {
      throw new InputError(this.file, this.rowLine, `row has more than ${MAX_FIELDS_PER_ROW} fields`);
    }
    this.row.push(field);
  }

  private checkCarry(line: number): void {
    if (this.carry.length > this.maxField) this.tooLong(line);
  }

  private tooLong(line: number): never {
    const hint = this.state === QUOTED ? ' (a quoted field starts here: is its closing quote missing?)' : '';
    throw new InputError(this.file, line, `field longer than ${this.maxField} characters${hint}`);
  }
}
