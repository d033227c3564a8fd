import { InputError, emptyBatch } from '../../model/index.js';
import type { ImportBatch } from '../../model/index.js';
import type { ImportReader, ReaderOptions } from '../types.js';
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
function tokenize(text: string): Tok[] {
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
    if (c === 40 || c === 41) { toks.push({ t: c === 40 ? '(' : ')', line }); i++; continue; }
    const start = i;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d === 32 || d === 9 || d === 10 || d === 13 || d === 40 || d === 41) break;
      i++;
    }
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
  const toks = tokenize(text);
  const lines = text.split('\n');
  let p = 0;
  const endLine = () => toks[toks.length - 1]?.line ?? 1;
  const next = (what: string): Tok => {
    const t = toks[p++];
    if (t === undefined) throw new InputError(file, endLine(), `unexpected end of file, expected ${what} (truncated?)`);
    return t;
  };
  const expect = (s: string): Tok => {
    const t = next(`'${s}'`);
    if (t.t !== s) throw new InputError(file, t.line, `expected '${s}', got ${quote(t.t)}`);
    return t;
  };
  const word = (what: string): Tok => {
    const t = next(what);
    if (t.t === '(' || t.t === ')') throw new InputError(file, t.line, `expected ${what}, got '${t.t}'`);
    return t;
  };
  const number = (what: string): number => {
    const t = word(what);
    const v = parseDecimal(t.t);
    if (v === undefined) throw new InputError(file, t.line, `${what} must be a number, got ${quote(t.t)}`);
    return v;
  };
  const peek = (): string | undefined => toks[p]?.t;

  const batch = emptyBatch('sndlib-native', file);
  const nodes: SndNode[] = [];
  const links: SndLink[] = [];
  const demands: SndDemand[] = [];
  let sections = 0;
  while (p < toks.length) {
    const name = word('a section name (NODES, LINKS, DEMANDS...)');
    const open = expect('(');
    sections++;
    switch (name.t) {
      case 'META': {
        // Values are free text, so META is read by line: `key = value`.
        while (peek() !== undefined && !(peek() === ')' && toks[p - 1]?.line !== toks[p]?.line)) p++;
        const close = expect(')');
        for (let ln = open.line + 1; ln < close.line; ln++) {
          const l = lines[ln - 1] ?? '';
          const eq = l.indexOf('=');
          if (eq > 0) batch.meta[l.slice(0, eq).trim()] = l.slice(eq + 1).trim();
        }
        break;
      }
      case 'NODES':
        while (peek() !== ')') {
          const id = word('a node id');
          const node: SndNode = { id: id.t, line: id.line };
          if (peek() === '(') {
            p++;
            node.x = number('node x (longitude)');
            node.y = number('node y (latitude)');
            expect(')');
          }
          // Optional design ids and options; the format says they are empty when present.
          while (peek() === '(') skipGroup();
          nodes.push(node);
        }
        p++;
        break;
      case 'LINKS':
        while (peek() !== ')') {
          const id = word('a link id');
          expect('(');
          const src = word('link source').t;
          const tgt = word('link target').t;
          expect(')');
          const extra: Record<string, string> = {
            preInstalledCapacity: String(number('pre-installed capacity')),
            preInstalledCapacityCost: String(number('pre-installed capacity cost')),
            routingCost: String(number('routing cost')),
            setupCost: String(number('setup cost')),
          };
          expect('(');
          const modules: string[] = [];
          while (peek() !== ')') modules.push(`${number('module capacity')}:${number('module cost')}`);
          p++;
          if (modules.length > 0) extra['modules'] = modules.join(' ');
          links.push({ id: id.t, src, tgt, extra, line: id.line });
        }
        p++;
        break;
      case 'DEMANDS':
        while (peek() !== ')') {
          const id = word('a demand id');
          expect('(');
          const src = word('demand source').t;
          const tgt = word('demand target').t;
          expect(')');
          const unit = word('routing unit').t;
          const value = number('demand value');
          const maxLen = word('max path length').t;
          if (value < 0) throw new InputError(file, id.line, `demand value must not be negative, got ${value}`);
          demands.push({ id: id.t, src, tgt, value, extra: { routingUnit: unit, maxPathLength: maxLen }, line: id.line });
        }
        p++;
        break;
      default:
        p--;
        skipGroup();
    }
  }
  if (sections === 0 || nodes.length === 0) throw new InputError(file, 1, 'no NODES section: not an SNDlib native network file');
  const geographical = nodes.every((n) => n.x === undefined || n.y === undefined || (Math.abs(n.x) <= 180 && Math.abs(n.y) <= 90));
  fillBatch(batch, file, geographical, nodes, links, demands);
  return batch;

  function skipGroup(): void {
    const open = expect('(');
    let depth = 1;
    while (depth > 0) {
      const t = toks[p++];
      if (t === undefined) throw new InputError(file, open.line, 'unclosed \'(\' (truncated?)');
      if (t.t === '(') depth++;
      else if (t.t === ')') depth--;
    }
  }
}
