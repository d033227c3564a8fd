import { InvalidArgumentError, type Command } from 'commander';
import { splitVendorList } from '../vendors/resolve.js';
import { OUTPUT_FORMATS, type OutputFormat } from './output.js';
import { terminalSafe } from './run.js';
import { configureTerminal, takeCutNote } from './terminal.js';

/** `--vendor huawei,zte --vendor hikvision` → ['huawei','zte','hikvision'] */
export function collectList(value: string, previous: string[] = []): string[] {
  return previous.concat(value.split(',').map((s) => s.trim()).filter(Boolean));
}

/** Like collectList, for vendor names: "Huawei Technologies Co., Ltd." keeps its comma. */
export function collectVendors(value: string, previous: string[] = []): string[] {
  return previous.concat(splitVendorList(value));
}

export function parseOutputFormat(value: string): OutputFormat {
  const v = value.toLowerCase();
  if (!(OUTPUT_FORMATS as readonly string[]).includes(v)) {
    throw new InvalidArgumentError(`expected one of ${OUTPUT_FORMATS.join(', ')}`);
  }
  return v as OutputFormat;
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

/** The store: an SQLite file (the zero-setup default) or a postgres:// URL (CLEANPATH_DATABASE_URL). */
export const DEFAULT_DB = process.env.CLEANPATH_DATABASE_URL ?? process.env.CLEANPATH_DB ?? './cleanpath.db';

/**
 * The output options of every command that prints results, defined once: `--format` and
 * `--json`, kept as the alias scripts already use. `--wide` is the program's (addWideOption).
 */
export function addOutputOptions(cmd: Command, byDefault: OutputFormat = 'table'): Command {
  return cmd
    .option('--format <format>', `${OUTPUT_FORMATS.join(', ')}: a table for people, csv or json for scripts`, parseOutputFormat, byDefault)
    .option('--json', 'same as --format json');
}

/**
 * `--wide`, an option of the program like --catalog, so every command's tables take it (import's
 * and demo's too) and its help lists it under Global Options. Before a command runs it sets the
 * terminal's layout; after, the one note of what its tables cut goes to stderr.
 */
export function addWideOption(program: Command): void {
  program
    .option('--wide', 'tables at full width: no column cut or left out to fit the terminal')
    .hook('preAction', (_program, action) => {
      const opts = action.opts<{ output?: unknown }>();
      configureTerminal({ wide: program.opts<{ wide?: boolean }>().wide, toFile: typeof opts.output === 'string' });
    })
    .hook('postAction', () => {
      const note = takeCutNote();
      // column names can come from data (a pivot's countries)
      if (note) process.stderr.write(terminalSafe(note) + '\n');
    });
}

/** `--json` is shorthand for `--format json`; it wins when both are given. */
export function outputFormatOf(opts: { format?: OutputFormat; json?: boolean }): OutputFormat {
  return opts.json ? 'json' : (opts.format ?? 'table');
}
