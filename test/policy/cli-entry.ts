// The CLI as main.ts runs it (kept for the policy tests that spawn this entry).
import { buildProgram } from '../../src/cli/program.js';
import { runCli } from '../../src/cli/run.js';

await runCli(buildProgram(), process.argv);
