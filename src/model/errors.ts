/**
 * Bad input the user must fix: rendered as `file:line: message` and exit code 2.
 * Thrown by parsers and validators; never for bugs.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly detail: string,
  ) {
    super(line === undefined ? `${file}: ${detail}` : `${file}:${line}: ${detail}`);
  }
}

export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}

/**
 * Nothing to analyse: no flows, no sensitive flows, a filter matching no device, a file with no
 * records. Said plainly with exit code 1 (HTTP answers carry it as a note) rather than shown as
 * an empty, all-clear result.
 */
export class NothingToAnalyse extends Error {
  override readonly name = 'NothingToAnalyse';
}

export function isNothingToAnalyse(e: unknown): e is NothingToAnalyse {
  return e instanceof NothingToAnalyse;
}
