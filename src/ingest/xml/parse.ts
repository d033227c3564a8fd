import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InputError } from '../../model/index.js';
import { lineAt } from '../util/read-whole.js';
import { checkXmlBounds } from './bounds.js';
import { MAX_XML_DEPTH } from '../limits.js';

/** A parsed element: attributes as `@_name`, text as `#text`, children by local name. */
export type XmlElement = { [key: string]: XmlNode };
export type XmlNode = string | XmlElement | XmlNode[];

/**
 * Checks well-formedness (fast-xml-parser's validator gives the line of the first error), then
 * parses with namespace prefixes removed and every value kept as text. Elements named in
 * `arrays` always come back as arrays, so one and many look the same.
 */
export function parseXml(text: string, file: string, arrays: readonly string[]): XmlElement {
  // Entity definitions are the classic way to make an XML parser blow up (billion laughs);
  // none of the formats we read needs them.
  const entity = text.search(/<!ENTITY/);
  if (entity !== -1) throw new InputError(file, lineAt(text, entity), 'XML entity declarations are not supported');
  checkXmlBounds(text, file);
  const result = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (result !== true) {
    // The validator reports tags still open at the end of the input as line 1 with a message
    // listing them; a file cut short is the usual cause, so name its last line instead.
    const open = /^Invalid '(\[[\s\S]*\])' found\.$/.exec(result.err.msg);
    if (open) {
      const tags = safeTagList(open[1] ?? '');
      throw new InputError(file, lineAt(text, text.length), `invalid XML: file ends inside ${tags} (truncated?)`);
    }
    throw new InputError(file, result.err.line, `invalid XML: ${result.err.msg}`);
  }
  const names = new Set(arrays);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    isArray: (name: string) => names.has(name),
    // checkXmlBounds holds the depth to MAX_XML_DEPTH first; this is only a backstop.
    maxNestedTags: MAX_XML_DEPTH + 1,
  });
  let doc: unknown;
  try {
    doc = parser.parse(text);
  } catch (e) {
    // A backstop: what the validator and checkXmlBounds let through but the parser refuses is
    // still bad input, not a crash. The parser's errors carry no line.
    throw new InputError(file, undefined, `invalid XML: ${e instanceof Error ? e.message.slice(0, 200) : String(e)}`);
  }
  if (!isElement(doc)) throw new InputError(file, 1, 'invalid XML: no root element');
  return doc;
}

function safeTagList(json: string): string {
  try {
    const v: unknown = JSON.parse(json);
    if (Array.isArray(v)) return v.map((t) => `<${String(t)}>`).join(' > ');
  } catch {
    // fall through
  }
  return 'unclosed elements';
}

export function isElement(v: unknown): v is XmlElement {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function child(e: XmlElement, name: string): XmlElement | undefined {
  const c = e[name];
  const first = Array.isArray(c) ? c[0] : c;
  if (isElement(first)) return first;
  // An element with no attributes and no children comes back as '' (or its text).
  return typeof first === 'string' ? { '#text': first } : undefined;
}

export function children(e: XmlElement, name: string): XmlElement[] {
  const c = e[name];
  if (c === undefined) return [];
  const list = Array.isArray(c) ? c : [c];
  return list.map((x) => (isElement(x) ? x : { '#text': typeof x === 'string' ? x : '' }));
}

export function attr(e: XmlElement, name: string): string | undefined {
  const v = e[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
}

/** Text content of an element (or of a child element by name). */
export function text(e: XmlElement | undefined, name?: string): string | undefined {
  if (e === undefined) return undefined;
  const target = name === undefined ? e : child(e, name);
  if (target === undefined) return undefined;
  const t = target['#text'];
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return t.filter((x) => typeof x === 'string').join('');
  return name === undefined ? undefined : '';
}

/**
 * Lines of start tags with a given local name at a given element depth (root = 0), in document
 * order, which is also the order the parser lists them in. Runs on a document the validator has
 * accepted, so it only needs to skip comments, CDATA, processing instructions, DOCTYPE and quoted
 * attribute values.
 */
export function startTagLines(xml: string, wanted: Record<string, number>): Map<string, number[]> {
  const out = new Map<string, number[]>(Object.keys(wanted).map((k) => [k, []]));
  let line = 1;
  let depth = 0;
  let i = 0;
  const n = xml.length;
  const countLines = (from: number, to: number) => {
    for (let k = xml.indexOf('\n', from); k !== -1 && k < to; k = xml.indexOf('\n', k + 1)) line++;
  };
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt === -1) break;
    countLines(i, lt);
    const skipTo = (end: string): void => {
      const e = xml.indexOf(end, lt);
      const stop = e === -1 ? n : e + end.length;
      countLines(lt, stop);
      i = stop;
    };
    if (xml.startsWith('<!--', lt)) { skipTo('-->'); continue; }
    if (xml.startsWith('<![CDATA[', lt)) { skipTo(']]>'); continue; }
    if (xml.startsWith('<?', lt)) { skipTo('?>'); continue; }
    if (xml.startsWith('<!', lt)) { skipTo(xml.indexOf('[', lt) !== -1 && xml.indexOf('[', lt) < xml.indexOf('>', lt) ? ']>' : '>'); continue; }
    const closing = xml.charCodeAt(lt + 1) === 47;
    let j = lt + (closing ? 2 : 1);
    const nameStart = j;
    while (j < n && !/[\s/>]/.test(xml[j] as string)) j++;
    const qname = xml.slice(nameStart, j);
    const local = qname.slice(qname.indexOf(':') + 1);
    const tagLine = line;
    // Find the end of the tag, stepping over quoted attribute values (they may hold '>').
    let quoteChar = 0;
    for (; j < n; j++) {
      const c = xml.charCodeAt(j);
      if (c === 10) line++;
      if (quoteChar !== 0) {
        if (c === quoteChar) quoteChar = 0;
      } else if (c === 34 || c === 39) quoteChar = c;
      else if (c === 62) break;
    }
    const selfClosing = xml.charCodeAt(j - 1) === 47;
    i = j + 1;
    if (closing) {
      depth--;
      continue;
    }
    if (wanted[local] === depth) out.get(local)?.push(tagLine);
    if (!selfClosing) depth++;
  }
  return out;
}
