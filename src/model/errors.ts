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
