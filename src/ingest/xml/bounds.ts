// A cheap linear scan of an XML document before it is parsed. fast-xml-parser keeps every text,
// attribute value and name whole however long (a 60 MiB node id became gigabytes once stored and
// reported), and refuses deep nesting with a bare Error; these limits are ours, with the line.
// The scan also refuses the few constructs its validator passes but its parser then throws on
// (found by fuzzing: bench/fuzz-importers.ts), so every refusal names a line.
import { InputError } from '../../model/index.js';
import { MAX_FIELD_CHARS, MAX_FIELDS_PER_ROW, MAX_XML_DEPTH, MAX_XML_ELEMENTS, MAX_XML_NAME_CHARS } from '../limits.js';
import { lineAt } from '../util/read-whole.js';

export interface XmlLimits {
  /** Longest text of one element (its pieces joined, CDATA included) or attribute value. */
  value: number;
  name: number;
  depth: number;
  elements: number;
  attributes: number;
}

export const XML_LIMITS: XmlLimits = {
  value: MAX_FIELD_CHARS,
  name: MAX_XML_NAME_CHARS,
  depth: MAX_XML_DEPTH,
  elements: MAX_XML_ELEMENTS,
  attributes: MAX_FIELDS_PER_ROW,
};

const LITERAL = `(?:"[^"<>]*"|'[^'<>]*')`;
const DOCTYPE = new RegExp(`<!DOCTYPE\\s+[A-Za-z_:][\\w.:-]*(?:\\s+(?:SYSTEM\\s+${LITERAL}|PUBLIC\\s+${LITERAL}\\s+${LITERAL}))?\\s*>`, 'y');
const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13;

/**
 * Throws InputError at the line of the first value, name, nesting level or element past a limit,
 * or of a comment, CDATA section, processing instruction or DOCTYPE the parser would choke on.
 * Other malformed markup is stepped over: the validator that runs next names it.
 */
export function checkXmlBounds(xml: string, file: string, limits: XmlLimits = XML_LIMITS): void {
  new BoundsScan(xml, file, limits).run();
}

class BoundsScan {
  private depth = 0;
  private elements = 0;
  private doctypes = 0;
  /** Text length so far of the open element at each depth (fast-xml-parser joins the pieces). */
  private readonly textAt: Float64Array;

  constructor(private readonly xml: string, private readonly file: string, private readonly limits: XmlLimits) {
    this.textAt = new Float64Array(limits.depth + 2);
  }

  run(): void {
    const { xml } = this;
    const n = xml.length;
    let i = 0;
    while (i < n) {
      const lt = xml.indexOf('<', i);
      this.text(i, (lt === -1 ? n : lt) - i);
      if (lt === -1) return;
      i = this.markup(lt);
    }
  }

  /** Steps over the markup starting at `lt`; returns where the text after it starts. */
  private markup(lt: number): number {
    const { xml } = this;
    if (xml.startsWith('<!--', lt)) return this.closed('-->', lt + 4, lt, 'comment');
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = this.closed(']]>', lt + 9, lt, 'CDATA section');
      this.add(lt, end - 3 - (lt + 9));
      return end;
    }
    if (xml.startsWith('<?', lt)) return this.instruction(lt);
    // fast-xml-parser takes any '<![' for a CDATA section, its validator none but '<![CDATA['.
    if (xml.startsWith('<![', lt)) this.fail(lt, "markup '<![' that does not start a CDATA section");
    if (xml.startsWith('<!', lt)) return this.doctype(lt);
    if (xml.charCodeAt(lt + 1) === 47) return this.endTag(lt);
    return this.startTag(lt);
  }

  /**
   * A processing instruction ends at the first '?>' outside quotes, as fast-xml-parser reads it;
   * its validator does not look at the quotes, so an unbalanced one would reach the parser and
   * end there as a bare Error.
   */
  private instruction(lt: number): number {
    const { xml } = this;
    let quote = 0;
    for (let j = lt + 2; j < xml.length; j++) {
      const c = xml.charCodeAt(j);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 63 && xml.charCodeAt(j + 1) === 62) {
        // The declaration's pseudo-attributes are kept by the parser like any attribute.
        if (j - lt > this.limits.value) this.fail(lt, `processing instruction longer than ${this.limits.value} characters`);
        return j + 2;
      }
    }
    return this.fail(lt, 'processing instruction not closed (an unbalanced quote?)');
  }

  private after(marker: string, from: number): number {
    const at = this.xml.indexOf(marker, from);
    return at === -1 ? this.xml.length : at + marker.length;
  }

  /**
   * The offset after `marker`, which must come: fast-xml-parser's validator lets an unclosed
   * CDATA section through, and the parser then throws a bare Error.
   */
  private closed(marker: string, from: number, lt: number, what: string): number {
    const at = this.xml.indexOf(marker, from);
    return at === -1 ? this.fail(lt, `${what} not closed (no '${marker}')`) : at + marker.length;
  }

  /**
   * A DOCTYPE as our formats write it (nmap: `<!DOCTYPE nmaprun>`), with at most an external
   * identifier. fast-xml-parser's DOCTYPE reader throws bare Errors on what its validator lets
   * through, and an internal subset only serves entities, which we refuse anyway.
   */
  private doctype(lt: number): number {
    DOCTYPE.lastIndex = lt;
    const m = DOCTYPE.exec(this.xml);
    if (m === null) this.fail(lt, this.xml.startsWith('<!DOCTYPE', lt) ? 'DOCTYPE declaration not supported (only <!DOCTYPE name> with an optional SYSTEM or PUBLIC identifier)' : "markup '<!' that is no comment, CDATA section or DOCTYPE");
    if (this.doctypes++ > 0) this.fail(lt, 'more than one DOCTYPE declaration');
    return lt + m[0].length;
  }

  private endTag(lt: number): number {
    const end = this.after('>', lt + 2);
    this.checkName(lt, end - 1 - (lt + 2), 'tag');
    if (this.depth > 0) this.depth--;
    return end;
  }

  private startTag(lt: number): number {
    const { xml } = this;
    const n = xml.length;
    let j = lt + 1;
    while (j < n && !isSpace(xml.charCodeAt(j)) && xml[j] !== '>' && xml[j] !== '/') j++;
    this.checkName(lt, j - lt - 1, 'tag');
    if (++this.elements > this.limits.elements) this.fail(lt, `more than ${this.limits.elements} XML elements`);
    const end = this.attributes(lt, j);
    const selfClosing = xml.charCodeAt(end - 2) === 47;
    if (!selfClosing && end <= n) {
      if (++this.depth > this.limits.depth) this.fail(lt, `XML nested deeper than ${this.limits.depth} levels`);
      this.textAt[this.depth] = 0;
    }
    return end;
  }

  /** Checks the attributes of the tag at `lt` from `j`; returns the offset after its '>'. */
  private attributes(lt: number, j: number): number {
    const { xml } = this;
    const n = xml.length;
    let count = 0;
    while (j < n) {
      const c = xml.charCodeAt(j);
      if (c === 62) return j + 1;
      if (isSpace(c) || c === 47) {
        j++;
        continue;
      }
      const nameStart = j;
      while (j < n && !isSpace(xml.charCodeAt(j)) && !'=>/'.includes(xml[j] as string)) j++;
      this.checkName(nameStart, j - nameStart, 'attribute');
      if (++count > this.limits.attributes) this.fail(lt, `element with more than ${this.limits.attributes} attributes`);
      j = this.attributeValue(j);
    }
    return n + 1;
  }

  /** Steps over `= "value"` (if any) from `j`, checking the value's length. */
  private attributeValue(j: number): number {
    const { xml } = this;
    const n = xml.length;
    while (j < n && isSpace(xml.charCodeAt(j))) j++;
    if (xml[j] !== '=') return j;
    j++;
    while (j < n && isSpace(xml.charCodeAt(j))) j++;
    const q = xml[j];
    let end: number;
    if (q === '"' || q === "'") {
      const close = xml.indexOf(q, j + 1);
      end = close === -1 ? n : close + 1;
      if (end - j - 2 > this.limits.value) this.fail(j, `XML attribute value longer than ${this.limits.value} characters`);
      return end;
    }
    // Unquoted: not XML, the validator refuses it; only step over it.
    for (end = j; end < n && !isSpace(xml.charCodeAt(end)) && xml[end] !== '>'; end++);
    return end === j ? j + 1 : end;
  }

  /** Counts the text at [at, at + length) toward its element, trimmed as the parser trims it. */
  private text(at: number, length: number): void {
    let start = at;
    let end = at + length;
    // Whitespace between elements is dropped by the parser: a <graph> of a million indented
    // nodes holds no text.
    while (start < end && isSpace(this.xml.charCodeAt(start))) start++;
    while (end > start && isSpace(this.xml.charCodeAt(end - 1))) end--;
    this.add(start, end - start);
  }

  private add(at: number, length: number): void {
    if (length <= 0) return;
    const d = Math.min(this.depth, this.textAt.length - 1);
    this.textAt[d] = (this.textAt[d] ?? 0) + length;
    if ((this.textAt[d] ?? 0) > this.limits.value) this.fail(at, `XML text longer than ${this.limits.value} characters in one element`);
  }

  private checkName(at: number, length: number, what: 'tag' | 'attribute'): void {
    if (length > this.limits.name) this.fail(at, `XML ${what} name longer than ${this.limits.name} characters`);
  }

  private fail(offset: number, message: string): never {
    throw new InputError(this.file, lineAt(this.xml, offset), message);
  }
}
