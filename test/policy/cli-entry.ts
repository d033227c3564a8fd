// The CLI with the policy commands registered, for tests until program.ts registers them itself.
import { buildProgram } from '../../src/cli/program.js';
import { runCli } from '../../src/cli/run.js';
import * as check from '../../src/cli/commands/check.js';
import * as policies from '../../src/cli/commands/policies.js';

const program = buildProgram();
const names = new Set(program.commands.map((c) => c.name()));
if (!names.has('policies')) policies.register(program);
if (!names.has('check')) check.register(program);
await runCli(program, process.argv);
