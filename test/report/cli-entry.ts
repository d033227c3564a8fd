// The report command alone, run as the CLI runs it, until the lead registers it in program.ts
// (then `cleanpath report` works the same through src/cli/main.ts).
import { Command } from 'commander';
import { register } from '../../src/cli/commands/report.js';
import { runCli } from '../../src/cli/run.js';

const program = new Command('cleanpath');
register(program);
await runCli(program, process.argv);
