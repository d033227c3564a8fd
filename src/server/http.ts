// What a route hands back besides plain data, and how errors become `{ error }` answers.

/** An answer with a status other than success: the message is shown to the client as is. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A body already serialised as JSON (a cached analysis): sent without parsing it again. */
export class RawJson {
  constructor(readonly text: string | Buffer) {}
}

/** A 404 that says the same whether the object is absent or another organisation's. */
export function notFound(what: string, name: string): HttpError {
  return new HttpError(404, `no ${what} "${name}"`);
}
