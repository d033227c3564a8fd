// The commands the path tests drive, on their own program as the CLI runs them (the real
// program registers them in src/cli/program.ts): probing hops, importing and analysing paths.
import { Command } from 'commander';
import * as paths from '../../src/cli/commands/paths.js';
import * as probe from '../../src/cli/commands/probe.js';
import { runCli } from '../../src/cli/run.js';

const program = new Command('cleanpath');
probe.register(program);
paths.register(program);
await runCli(program, process.argv);
