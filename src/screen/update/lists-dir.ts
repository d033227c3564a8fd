// Where downloaded lists live: --lists-dir, else CLEANPATH_LISTS_DIR, else the user's data
// directory (XDG_DATA_HOME, default ~/.local/share) under cleanpath/lists — not next to a store,
// because one set of lists serves every store and the server alike.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const LISTS_DIR_ENV = 'CLEANPATH_LISTS_DIR';

export function listsDir(given?: string): string {
  if (given) return given;
  const env = process.env[LISTS_DIR_ENV];
  if (env) return env;
  return join(process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'cleanpath', 'lists');
}
