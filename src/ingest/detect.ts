import { InputError } from '../model/index.js';
import { csvKindOf } from './csv/rows.js';
import { isSnmpwalkLine } from './snmpwalk/reader.js';
import { CsvTokenizer } from './csv/tokenizer.js';
import type { FormatId } from './types.js';
import { FORMAT_IDS } from './types.js';

const NETBOX_APPS = /"model"\s*:\s*"(dcim|contenttypes|auth|extras|ipam|circuits|tenancy|virtualization|users|sessions|admin)\./;
// Any "results" value, not only a list: a page whose results are wrong-shaped is still a NetBox
// page, and its reader says what is wrong (read as an inventory it would import nothing).
const API_PAGE = /"results"\s*:/;

/**
 * Names the format of a file from its first bytes (`head`, about 64 KiB), using the file name
 * only to break ties. Throws InputError when nothing fits.
 */
export function detectFormat(head: string, fileName: string): FormatId {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  const start = text.trimStart();
  const lowerName = fileName.toLowerCase();
  if (text.includes('\u0000')) throw unknown(fileName, 'the file looks binary');
  if (start.startsWith('<')) {
    if (/<(\w+:)?graphml[\s>]/.test(start)) return 'graphml';
    if (start.includes('http://sndlib.zib.de/network') || /<(\w+:)?networkStructure[\s>]/.test(start)) return 'sndlib-xml';
    if (/<nmaprun[\s>]/.test(start)) return 'nmap-xml';
    if (lowerName.endsWith('.graphml')) return 'graphml';
    throw unknown(fileName, 'XML, but neither GraphML, SNDlib nor nmap');
  }
  if (start.startsWith('?SNDlib') || /^\s*NODES\s*\(/m.test(start)) return 'sndlib-native';
  if (start.startsWith('[') || start.startsWith('{')) {
    if (/^\{\s*"(lldp|local-chassis)"\s*:/.test(start)) return 'lldp-json';
    if (NETBOX_APPS.test(start) && /"fields"\s*:/.test(start)) return 'netbox-dumpdata';
    if (/^\{\s*"results"\s*:/.test(start) || (API_PAGE.test(start) && (/"count"\s*:/.test(start) || /"next"\s*:/.test(start)))) return 'netbox-api';
    return 'inventory-json';
  }
  if (isSnmpwalkLine(start.slice(0, start.indexOf('\n') === -1 ? undefined : start.indexOf('\n')).replace(/\r$/, ''))) return 'snmpwalk';
  const header = firstCsvRow(start);
  if (header !== undefined && (header.length > 1 || lowerName.endsWith('.csv'))) {
    const kind = csvKindOf(header);
    return kind === 'links' ? 'links-csv' : kind === 'flows' ? 'flows-csv' : 'inventory-csv';
  }
  throw unknown(fileName, 'not CSV, JSON, GraphML, SNDlib, nmap XML or snmpwalk output');
}

function firstCsvRow(text: string): string[] | undefined {
  let row: string[] | undefined;
  const nl = text.indexOf('\n');
  const tok = new CsvTokenizer('', (fields) => {
    row ??= fields;
  });
  try {
    tok.push(nl === -1 ? text : text.slice(0, nl + 1));
    tok.end();
  } catch {
    return undefined;
  }
  return row;
}

function unknown(file: string, why: string): InputError {
  return new InputError(file, undefined, `unknown format: ${why} (known formats: ${FORMAT_IDS.join(', ')}; choose one with --format)`);
}
