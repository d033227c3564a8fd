import type { Command } from 'commander';
import { openStore } from '../../store/index.js';
import { addOutputOptions, DEFAULT_DB, outputFormatOf } from '../options.js';
import { render, type OutputFormat } from '../output.js';

const COLUMNS = ['id', 'name', 'createdAt', 'devices', 'sites', 'links', 'flows', 'base', 'note'];

export function register(program: Command): void {
  addOutputOptions(
    program
      .command('snapshots')
      .description('List the snapshots in the store, newest last')
      .option('--db <path>', 'store: an SQLite file or a postgres:// URL', DEFAULT_DB),
  ).action(async (opts: { db: string; format?: OutputFormat; json?: boolean }) => {
    const store = openStore(opts.db, { readonly: true });
    try {
      const snaps = await store.listSnapshots();
      process.stdout.write(render(outputFormatOf(opts), snaps.map((s) => ({ ...s })), COLUMNS, snaps));
    } finally {
      await store.close();
    }
  });
}
