// `--catalog FILE`: one option of the program, not of each command, because the catalog is the
// process's (analyses/catalog-source.ts): check, plan, report, diff, policies and serve all apply
// it. It is read and checked before the command runs, so a bad file exits 2 with nothing done.
import type { Command } from 'commander';
import { activeCatalog, CATALOG_ENV, useCatalogFile } from '../analyses/catalog-source.js';

export const CATALOG_HELP =
  `rule catalog to apply (YAML or JSON, the catalog's schema): a whole catalog, or an overlay (overlay: true) whose rules replace or add to the shipped ones by id and whose remove: [ids] drops some; also ${CATALOG_ENV}`;

export function addCatalogOption(program: Command): void {
  // Called before the commands are added, which copy the help settings: each command's --help
  // then lists --catalog under "Global Options", where a user of check or plan looks for it.
  program.configureHelp({ ...program.configureHelp(), showGlobalOptions: true });
  program.option('--catalog <file>', CATALOG_HELP).hook('preAction', () => {
    const file = program.opts<{ catalog?: string }>().catalog;
    if (file) useCatalogFile(file);
    else if (process.env[CATALOG_ENV]) activeCatalog();
  });
}
