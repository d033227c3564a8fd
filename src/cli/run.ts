import { CommanderError, type Command } from 'commander';
import { isInputError, isNothingToAnalyse } from '../model/index.js';
import { closeBidi } from '../model/bidi.js';

/** Exit codes: 0 ok, 1 a check failed, nothing to analyse or internal error, 2 bad input (file:line: what is wrong). */
export const EXIT_BAD_INPUT = 2;

/** `cleanpath devices | head` closes the pipe early: that is the reader's choice, not an error. */
function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

/**
 * An error message for the terminal: it quotes file names and values from files, so control
 * characters (an ESC sequence could rewrite the screen) are shown escaped and direction controls
 * are closed at its end, so they cannot run into the next line's text.
 */
export function terminalSafe(message: string): string {
  const escaped = message.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return closeBidi(escaped);
}

export async function runCli(program: Command, argv: string[]): Promise<void> {
  exitQuietlyOnClosedPipe(process.stdout);
  program.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander already printed its message; usage errors are bad input too
      process.exitCode = e.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
      return;
    }
    if (isInputError(e)) {
      process.stderr.write(`cleanpath: ${terminalSafe(e.message)}\n`);
      process.exitCode = EXIT_BAD_INPUT;
      return;
    }
    if (isNothingToAnalyse(e)) {
      process.stderr.write(`cleanpath: ${terminalSafe(e.message)}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`cleanpath: internal error: ${terminalSafe(e instanceof Error ? (e.stack ?? e.message) : String(e))}\n`);
    process.exitCode = 1;
  }
}
