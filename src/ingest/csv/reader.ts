import { createReadStream } from 'node:fs';
import { InputError, emptyBatch } from '../../model/index.js';
import type { ImportBatch } from '../../model/index.js';
import { mapHeader } from '../column-map.js';
import type { ColumnMap } from '../column-map.js';
import type { ImportReader, ReaderOptions } from '../types.js';
import { errorText } from '../util/read-whole.js';
import { WarningSink } from '../util/warnings.js';
import { ROW_BUILDERS } from './rows.js';
import type { CsvKind, RowBuilder } from './rows.js';
import { CsvTokenizer } from './tokenizer.js';

const FORMAT_OF: Record<CsvKind, 'inventory-csv' | 'links-csv' | 'flows-csv'> = {
  inventory: 'inventory-csv',
  links: 'links-csv',
  flows: 'flows-csv',
};

/**
 * Streams a CSV file: reads it in chunks and yields a batch each time `batchSize` records are
 * ready, so memory holds one batch (plus the id index for duplicate checks), not the file.
 */
export function csvReader(file: string, kind: CsvKind, opts: ReaderOptions): ImportReader {
  const format = FORMAT_OF[kind];
  return {
    format,
    file,
    batches: () => csvBatches(file, kind, opts, () => createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 })),
  };
}

/** The same reader over text already in memory (the importer fuzz benchmark feeds it so). */
export function csvTextReader(file: string, kind: CsvKind, text: string, opts: ReaderOptions): ImportReader {
  return { format: FORMAT_OF[kind], file, batches: () => csvBatches(file, kind, opts, () => ({ chunks: [text], destroy: () => undefined })) };
}

type Chunks = AsyncIterable<string> | { chunks: Iterable<string>; destroy(): void };

async function* csvBatches(file: string, kind: CsvKind, opts: ReaderOptions, open: () => Chunks & { destroy(): void }): AsyncGenerator<ImportBatch> {
  const format = FORMAT_OF[kind];
  const { batchSize } = opts;
  // A column map is for inventories; a links or flows file beside it is read as it is.
  const columns = kind === 'inventory' ? opts.columns : undefined;
  const nameKeyed = opts.nameKeyed === true;
  const warnings = new WarningSink(file);
  let rows: RowBuilder | undefined;
  let total = 0;
  const tokenizer = new CsvTokenizer(file, (fields, line) => {
    if (rows === undefined) {
      rows = ROW_BUILDERS[kind](file, columns === undefined ? fields : mapHeader(columns, fields, file), warnings, { nameKeyed });
      return;
    }
    rows.add(fields, line);
    total++;
  });
  const batch = (n: number, final: boolean): ImportBatch => {
    const b = emptyBatch(format, file);
    if (rows !== undefined) Object.assign(b, rows.take(n));
    b.warnings = warnings.take(final);
    if (final) b.meta = { rows: total };
    return b;
  };

  const stream = open();
  let first = true;
  try {
    for await (const chunk of 'chunks' in stream ? stream.chunks : stream) {
      let text = chunk;
      if (first) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      tokenizer.push(text);
      // Strictly more than a batch: the last records always go out in the final batch, with the totals.
      while (rows !== undefined && rows.count() > batchSize) yield batch(batchSize, false);
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, undefined, `cannot read file: ${errorText(e)}`);
  } finally {
    stream.destroy();
  }
  tokenizer.end();
  if (rows === undefined) throw new InputError(file, 1, 'empty file: expected a header row');
  while (rows.count() > batchSize) yield batch(batchSize, false);
  yield batch(batchSize, true);
}
