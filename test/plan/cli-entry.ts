// The plan command alone, run as the CLI runs it, until the lead registers it in program.ts
// (then `cleanpath plan` works the same; the CLI test switches to src/cli/main.ts when it does).
import { Command } from 'commander';
import { register } from '../../src/cli/commands/plan.js';
import { runCli } from '../../src/cli/run.js';

const program = new Command('cleanpath');
register(program);
await runCli(program, process.argv);
