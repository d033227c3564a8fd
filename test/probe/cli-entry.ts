// The probe and collect commands on their own program, as the tests run them (the real
// program registers them in src/cli/program.ts).
import { Command } from 'commander';
import * as collect from '../../src/cli/commands/collect.js';
import * as probe from '../../src/cli/commands/probe.js';
import { runCli } from '../../src/cli/run.js';

const program = new Command('cleanpath');
probe.register(program);
collect.register(program);
await runCli(program, process.argv);
