import { InputError, emptyBatch } from '../../model/index.js';
import type { ImportBatch } from '../../model/index.js';
import type { ImportReader, ReaderOptions } from '../types.js';
import { MAX_FIELD_CHARS, MAX_TEXT_ITEMS } from '../limits.js';
import { readWholeFile } from '../util/read-whole.js';
import { parseDecimal, quote } from '../util/values.js';
import { fillBatch } from './common.js';
import type { SndDemand, SndLink, SndNode } from './common.js';

export function sndlibNativeReader(file: string, _opts: ReaderOptions): ImportReader {
  return {
    format: 'sndlib-native',
    file,
    async *batches() {
      yield readSndlibNative(file, await readWholeFile(file));
    },
  };
}

interface Tok { t: string; line: number }

/** Words and parentheses with their lines; `#` starts a comment, a leading `?` line is the header. */
function tokenize(text: string, file: string): Tok[] {
  const toks: Tok[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) { line++; i++; continue; }
    if (c === 32 || c === 9 || c === 13) { i++; continue; }
    if (c === 35 || (c === 63 && (i === 0 || text.charCodeAt(i - 1) === 10))) {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? n : nl;
      continue;
    }
    if (toks.length >= MAX_TEXT_ITEMS) throw new InputError(file, line, `more than ${MAX_TEXT_ITEMS} words and parentheses`);
    if (c === 40 || c === 41) { toks.push({ t: c === 40 ? '(' : ')', line }); i++; continue; }
    const start = i;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d === 32 || d === 9 || d === 10 || d === 13 || d === 40 || d === 41) break;
      i++;
    }
    if (i - start > MAX_FIELD_CHARS) throw new InputError(file, line, `word longer than ${MAX_FIELD_CHARS} characters`);
    toks.push({ t: text.slice(start, i), line });
  }
  return toks;
}

/**
 * SNDlib native network format (sndlib.zib.de io-formats): sections `META ( ... )`,
 * `NODES ( id ( x y ) ... )`, `LINKS ( id ( src tgt ) pic picCost routingCost setupCost
 * ( {capacity cost}* ) ... )`, `DEMANDS ( id ( src tgt ) unit value maxPathLength ... )`,
 * `ADMISSIBLE_PATHS (...)` (skipped). The native form does not say whether coordinates are
 * geographical; a coordinate outside longitude/latitude range marks the file as pixel.
 */
export function readSndlibNative(file: string, text: string): ImportBatch {
  const c = new Cursor(file, tokenize(text, file));
  const lines = text.split('\n');
  const batch = emptyBatch('sndlib-native', file);
  const nodes: SndNode[] = [];
  const links: SndLink[] = [];
  const demands: SndDemand[] = [];
  let sections = 0;
  while (c.p < c.toks.length) {
    const name = c.word('a section name (NODES, LINKS, DEMANDS...)');
    const open = c.expect('(');
    sections++;
    switch (name.t) {
      case 'META':
        readMeta(c, open, lines, batch.meta);
        break;
      case 'NODES':
        while (c.peek() !== ')') nodes.push(readNode(c));
        c.p++;
        break;
      case 'LINKS':
        while (c.peek() !== ')') links.push(readLink(c));
        c.p++;
        break;
      case 'DEMANDS':
        while (c.peek() !== ')') demands.push(readDemand(c));
        c.p++;
        break;
      default:
        c.p--;
        c.skipGroup();
    }
  }
  if (sections === 0 || nodes.length === 0) throw new InputError(file, 1, 'no NODES section: not an SNDlib native network file');
  const geographical = nodes.every((n) => n.x === undefined || n.y === undefined || (Math.abs(n.x) <= 180 && Math.abs(n.y) <= 90));
  fillBatch(batch, file, geographical, nodes, links, demands);
  return batch;
}

/** The tokens of one file and the position in them; errors name the file and the token's line. */
class Cursor {
  p = 0;
  constructor(readonly file: string, readonly toks: readonly Tok[]) {}

  private endLine(): number {
    return this.toks[this.toks.length - 1]?.line ?? 1;
  }

  next(what: string): Tok {
    const t = this.toks[this.p++];
    if (t === undefined) throw new InputError(this.file, this.endLine(), `unexpected end of file, expected ${what} (truncated?)`);
    return t;
  }

  expect(s: string): Tok {
    const t = this.next(`'${s}'`);
    if (t.t !== s) throw new InputError(this.file, t.line, `expected '${s}', got ${quote(t.t)}`);
    return t;
  }

  word(what: string): Tok {
    const t = this.next(what);
    if (t.t === '(' || t.t === ')') throw new InputError(this.file, t.line, `expected ${what}, got '${t.t}'`);
    return t;
  }

  number(what: string): number {
    const t = this.word(what);
    const v = parseDecimal(t.t);
    if (v === undefined) throw new InputError(this.file, t.line, `${what} must be a number, got ${quote(t.t)}`);
    return v;
  }

  peek(): string | undefined {
    return this.toks[this.p]?.t;
  }

  skipGroup(): void {
    const open = this.expect('(');
    let depth = 1;
    while (depth > 0) {
      const t = this.toks[this.p++];
      if (t === undefined) throw new InputError(this.file, open.line, 'unclosed \'(\' (truncated?)');
      if (t.t === '(') depth++;
      else if (t.t === ')') depth--;
    }
  }
}

/** `META ( key = value ... )`: values are free text, so META is read by line. */
function readMeta(c: Cursor, open: Tok, lines: readonly string[], meta: Record<string, string | number>): void {
  const { toks } = c;
  while (c.peek() !== undefined && !(c.peek() === ')' && toks[c.p - 1]?.line !== toks[c.p]?.line)) c.p++;
  const close = c.expect(')');
  for (let ln = open.line + 1; ln < close.line; ln++) {
    const l = lines[ln - 1] ?? '';
    const eq = l.indexOf('=');
    // A META line is one word to the tokenizer only when it has no spaces; bound it here too.
    if (l.length > MAX_FIELD_CHARS) throw new InputError(c.file, ln, `META line longer than ${MAX_FIELD_CHARS} characters`);
    if (eq > 0) meta[l.slice(0, eq).trim()] = l.slice(eq + 1).trim();
  }
}

/** `id ( x y )`, then optional groups. */
function readNode(c: Cursor): SndNode {
  const id = c.word('a node id');
  const node: SndNode = { id: id.t, line: id.line };
  if (c.peek() === '(') {
    c.p++;
    node.x = c.number('node x (longitude)');
    node.y = c.number('node y (latitude)');
    c.expect(')');
  }
  // Optional design ids and options; the format says they are empty when present.
  while (c.peek() === '(') c.skipGroup();
  return node;
}

/** `id ( src tgt ) pic picCost routingCost setupCost ( {capacity cost}* )` */
function readLink(c: Cursor): SndLink {
  const id = c.word('a link id');
  c.expect('(');
  const src = c.word('link source').t;
  const tgt = c.word('link target').t;
  c.expect(')');
  const extra: Record<string, string> = {
    preInstalledCapacity: String(c.number('pre-installed capacity')),
    preInstalledCapacityCost: String(c.number('pre-installed capacity cost')),
    routingCost: String(c.number('routing cost')),
    setupCost: String(c.number('setup cost')),
  };
  c.expect('(');
  const modules: string[] = [];
  while (c.peek() !== ')') modules.push(`${c.number('module capacity')}:${c.number('module cost')}`);
  c.p++;
  if (modules.length > 0) extra['modules'] = modules.join(' ');
  return { id: id.t, src, tgt, extra, line: id.line };
}

/** `id ( src tgt ) unit value maxPathLength` */
function readDemand(c: Cursor): SndDemand {
  const id = c.word('a demand id');
  c.expect('(');
  const src = c.word('demand source').t;
  const tgt = c.word('demand target').t;
  c.expect(')');
  const unit = c.word('routing unit').t;
  const value = c.number('demand value');
  const maxLen = c.word('max path length').t;
  if (value < 0) throw new InputError(c.file, id.line, `demand value must not be negative, got ${value}`);
  return { id: id.t, src, tgt, value, extra: { routingUnit: unit, maxPathLength: maxLen }, line: id.line };
}
