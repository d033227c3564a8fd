import { buildProgram } from './program.js';
import { runCli } from './run.js';

await runCli(buildProgram(), process.argv);
