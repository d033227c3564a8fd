// The CLI run inside the test's process: what a spawn prints, without a second of start-up per
// command. Environment variables are set for the run and restored after.
import { CommanderError } from 'commander';
import { buildProgram } from '../../src/cli/program.js';
import type { CliResult } from './helpers.js';

type Write = typeof process.stdout.write;

/** `cleanpath ARGS` with `env` set (undefined unsets a variable); stdout and stderr captured. */
export async function runInProcess(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const out: string[] = [];
  const err: string[] = [];
  const [stdout, stderr] = [process.stdout.write, process.stderr.write];
  // The CLI writes strings; the test runner's own reports (binary, on stdout) pass through.
  const capture = (into: string[], original: Write, stream: NodeJS.WriteStream): Write =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      if (typeof chunk !== 'string') return (original as (...a: unknown[]) => boolean).call(stream, chunk, ...rest);
      into.push(chunk);
      return true;
    }) as Write;
  setEnv(env);
  process.stdout.write = capture(out, stdout, process.stdout);
  process.stderr.write = capture(err, stderr, process.stderr);
  process.exitCode = undefined;
  let code = 0;
  try {
    await buildProgram().parseAsync(['node', 'cleanpath', ...args]);
    code = Number(process.exitCode ?? 0);
  } catch (e) {
    if (!(e instanceof CommanderError)) err.push(String(e instanceof Error ? e.stack : e));
    code = e instanceof CommanderError && e.exitCode === 0 ? 0 : 2;
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
    process.exitCode = undefined;
    setEnv(saved);
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function setEnv(env: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}
