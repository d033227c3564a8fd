import { Command } from 'commander';

/** Each command lives in ./commands/<name>.ts and exports `register(program)`. */
export function buildProgram(): Command {
  const program = new Command('cleanpath')
    .description('Find high-risk vendors\' equipment in the networks that carry sensitive traffic, check it against national rules, and plan its removal.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)');
  return program;
}
