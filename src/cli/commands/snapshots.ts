import type { Command } from 'commander';
import { openStore } from '../../store/index.js';
import { DEFAULT_DB } from '../options.js';
import { renderJson, renderTable } from '../output.js';

export function register(program: Command): void {
  program
    .command('snapshots')
    .description('List the snapshots in the store, newest last')
    .option('--db <path>', 'store: an SQLite file or a postgres:// URL', DEFAULT_DB)
    .option('--json', 'print as JSON')
    .action(async (opts: { db: string; json?: boolean }) => {
      const store = openStore(opts.db, { readonly: true });
      try {
        const snaps = await store.listSnapshots();
        if (opts.json) process.stdout.write(renderJson(snaps));
        else process.stdout.write(renderTable(snaps.map((s) => ({ ...s })), Object.keys(snaps[0] ?? { id: 0, name: '' })));
      } finally {
        await store.close();
      }
    });
}
