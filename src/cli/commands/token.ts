// `cleanpath token create|list|revoke`: the API's tokens, kept hashed in the store (for SQLite, in
// the token file beside it: store/sqlite-token-file.ts).
import { InvalidArgumentError, Option, type Command } from 'commander';
import { InputError } from '../../model/index.js';
import { DEFAULT_ORGANISATION, openTokenStore, ROLES, type Role } from '../../store/index.js';
import { addOutputOptions, DEFAULT_DB, outputFormatOf } from '../options.js';
import { render, renderJson, type OutputFormat } from '../output.js';

function parseId(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a token id (a positive integer)');
  return n;
}

export function register(program: Command): void {
  const token = program
    .command('token')
    .description('API tokens for cleanpath serve: create (the secret is shown once), list, revoke')
    .addHelpText(
      'after',
      `
Roles: viewer reads; analyst also imports; admin also manages its organisation's tokens.
An organisation sees only its own snapshots; it is created with its first token.
The store keeps only each token's SHA-256: a lost token cannot be shown again, only revoked.
With an SQLite store the tokens live beside it in <db>-tokens (back up both together), so a
token change never waits for an import, and a running server refuses a revoked token at once.

Examples:
  cleanpath token create --org default --role admin --label "ops laptop"
  cleanpath token create --org acme --role viewer --label dashboard --json
  cleanpath token list
  cleanpath token revoke 3`,
    );

  token
    .command('create')
    .description('Create a token and print its secret (this once)')
    .option('--db <path>', 'store: an SQLite file or a postgres:// URL', DEFAULT_DB)
    .option('--org <name>', 'organisation (created when new)', DEFAULT_ORGANISATION)
    .addOption(new Option('--role <role>', 'what the token may do').choices([...ROLES]).makeOptionMandatory())
    .requiredOption('--label <text>', 'who or what holds it')
    .option('--json', 'print {id, organisation, role, label, token} as JSON')
    .action(async (opts: { db: string; org: string; role: Role; label: string; json?: boolean }) => {
      const tokens = openTokenStore(opts.db);
      try {
        const t = await tokens.createToken({ organisation: opts.org, role: opts.role, label: opts.label });
        if (opts.json) process.stdout.write(renderJson({ id: t.id, organisation: t.organisation, role: t.role, label: t.label, token: t.token }));
        else {
          process.stdout.write(`${t.token}\n`);
          process.stderr.write(`token ${t.id} (${t.role} of ${t.organisation}); shown this once: the store keeps only its hash\n`);
        }
      } finally {
        await tokens.close();
      }
    });

  addOutputOptions(
    token
      .command('list')
      .description('List tokens (never their secrets), revoked ones too')
      .option('--db <path>', 'store: an SQLite file or a postgres:// URL', DEFAULT_DB)
      .option('--org <name>', 'only this organisation'),
  )
    .action(async (opts: { db: string; org?: string; format?: OutputFormat; json?: boolean }) => {
      const tokens = openTokenStore(opts.db);
      try {
        const list = await tokens.listTokens(opts.org);
        const rows = list.map((t) => ({ ...t, revokedAt: t.revokedAt ?? null }));
        process.stdout.write(render(outputFormatOf(opts), rows, ['id', 'organisation', 'role', 'label', 'createdAt', 'revokedAt'], list));
      } finally {
        await tokens.close();
      }
    });

  token
    .command('revoke')
    .description('Revoke a token: it stops working at once')
    .argument('<id>', 'token id (cleanpath token list)', parseId)
    .option('--db <path>', 'store: an SQLite file or a postgres:// URL', DEFAULT_DB)
    .action(async (id: number, opts: { db: string }) => {
      const tokens = openTokenStore(opts.db);
      try {
        if (!(await tokens.revokeToken(id))) throw new InputError(opts.db, undefined, `no live token with id ${id} (cleanpath token list)`);
        process.stderr.write(`token ${id} revoked\n`);
      } finally {
        await tokens.close();
      }
    });
}
