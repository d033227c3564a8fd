// Bounds that keep hostile or broken input from exhausting memory or time.

/** Longest single CSV field or JSON string accepted. */
export const MAX_FIELD_CHARS = 1 << 20;
/** Most fields in one CSV row. */
export const MAX_FIELDS_PER_ROW = 4096;
/** Largest file read into memory whole (XML, JSON, SNDlib native). */
export const MAX_WHOLE_FILE_BYTES = 512 * 1024 * 1024;
/** Deepest JSON nesting accepted (the parser recurses). */
export const MAX_JSON_DEPTH = 256;
/**
 * Deepest XML nesting accepted. None of the XML formats we read goes past 8 levels; fast-xml-parser
 * gives up with a bare Error past 100, so ours is checked first, below it.
 */
export const MAX_XML_DEPTH = 64;
/** Longest XML tag or attribute name (every name our formats use is under 30). */
export const MAX_XML_NAME_CHARS = 256;
/** Most elements in one XML document: the parsed tree costs a few hundred bytes per element. */
export const MAX_XML_ELEMENTS = 10_000_000;
/**
 * Most words of one SNDlib native file, or lines of one snmpwalk: each is an object in memory,
 * and the largest real files have a few hundred thousand.
 */
export const MAX_TEXT_ITEMS = 10_000_000;
/** Warnings kept per file; the rest are counted in one final warning. */
export const MAX_WARNINGS = 1000;
/** Bytes of a file looked at to detect its format. */
export const HEAD_BYTES = 64 * 1024;
export const DEFAULT_BATCH_SIZE = 10_000;
