// `cleanpath keys create --out PREFIX`: an Ed25519 key pair for signing attestations. The private
// half goes to PREFIX.key (PKCS#8 PEM, mode 0600, never printed), the public half to PREFIX.pub
// (SPKI PEM) for customers and verifiers.
import { rmSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { generateSigningKey } from '../../attest/index.js';
import { InputError } from '../../model/index.js';
import { renderJson } from '../output.js';

function writeNew(path: string, text: string, mode: number, force: boolean): void {
  try {
    // 'wx' never overwrites a key by accident, and its mode applies at creation, before any byte
    // is written (an existing file would keep its own mode: --force removes it first)
    if (force) rmSync(path, { force: true });
    writeFileSync(path, text, { mode, flag: 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(path, undefined, code === 'EEXIST' ? 'exists; choose another --out or give --force to replace it' : `cannot write: ${code ?? String(e)}`);
  }
}

export function register(program: Command): void {
  const keys = program.command('keys').description('Signing keys for attestations (cleanpath attest, cleanpath verify)');
  keys
    .command('create')
    .description('Create an Ed25519 key pair: PREFIX.key (private, mode 0600) and PREFIX.pub (public)')
    .requiredOption('--out <prefix>', 'where to write: PREFIX.key and PREFIX.pub')
    .option('--force', 'replace existing files')
    .option('--json', 'print {key, pub, keyid} as JSON (never the key itself)')
    .addHelpText(
      'after',
      `
The private key is written once to PREFIX.key and never printed: keep it off shared disks, or
give it to attest through an environment variable (--key env:NAME). Hand PREFIX.pub to whoever
verifies. Rotation and what a key proves: docs/attestations.md.

Examples:
  cleanpath keys create --out carrier-2026
  cleanpath attest --flow f1 --key carrier-2026.key -o f1.dsse.json`,
    )
    .action((opts: { out: string; force?: boolean; json?: boolean }) => {
      const pair = generateSigningKey();
      const key = `${opts.out}.key`, pub = `${opts.out}.pub`;
      writeNew(key, pair.privatePem, 0o600, opts.force ?? false);
      writeNew(pub, pair.publicPem, 0o644, opts.force ?? false);
      if (opts.json) process.stdout.write(renderJson({ key, pub, keyid: pair.keyid }));
      else process.stdout.write(`${key} (private, mode 0600)\n${pub} (public)\nkeyid ${pair.keyid}\n`);
    });
}
