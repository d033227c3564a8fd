// How every failure becomes an answer: `{ error }` with the security headers, and nothing of the
// request echoed back. Fastify answers some requests itself before any hook runs (an URL whose
// %-escapes do not decode, a parameter beyond maxParamLength) and Node's parser others before
// Fastify sees them (a malformed or oversized header): both have their own entry points here,
// since the onSend hook that sets the headers never runs for them. An echoed URL or content type
// would put attacker-chosen text into an answer (a reflected-content gadget), so no message here
// quotes the input.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isInputError } from '../model/index.js';
import { isStoreBusy } from '../store/index.js';
import { HttpError } from './http.js';
import type { ResolvedOptions } from './options.js';
import { rawErrorResponse, securityHeaders } from './security.js';

/** Fixed messages for Fastify's own client errors, by code: their default messages quote the input. */
const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_BAD_URL: 'malformed URL: a %-escape does not decode to UTF-8',
  FST_ERR_MAX_PARAM_LENGTH: 'URL too long',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported content type: send application/json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'the body does not match its content-length',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'empty JSON body',
  FST_ERR_CTP_INVALID_JSON_BODY: 'the body is not valid JSON',
  FST_ERR_CTP_INVALID_TYPE: 'bad content-type header',
  FST_ERR_CTP_BODY_TOO_LARGE: 'request body too large',
};

/** Retry-After of a 503 for a busy store: an import of a million devices takes about a minute. */
const BUSY_RETRY_AFTER_S = 30;

function errorBody(reply: FastifyReply, status: number, error: string): FastifyReply {
  return reply.code(status).send({ error });
}

/** The message of a 4xx Fastify raised itself: fixed per code, never its default (which quotes input). */
export function clientErrorMessage(err: FastifyError, status: number): string {
  const known = err.code === undefined ? undefined : FASTIFY_MESSAGES[err.code];
  if (known) return known;
  // A JSON syntax error carries no FST_ code, and its message quotes the body.
  if (err instanceof SyntaxError) return FASTIFY_MESSAGES.FST_ERR_CTP_INVALID_JSON_BODY!;
  return (STATUS_CODES[status] ?? 'bad request').toLowerCase();
}

/** Fastify's `frameworkErrors`: a URL the router could not take. No route, no hooks: headers set here. */
export function frameworkError(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  reply.headers(securityHeaders(true));
  void errorBody(reply, status, clientErrorMessage(err, status));
}

/** Fastify's `clientErrorHandler`: what Node's parser refused, answered on the socket itself. */
export function clientError(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, error] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'request timeout'] : err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'request headers too large'] : [400, 'malformed HTTP request'];
  if (socket.writable) socket.write(rawErrorResponse(status, STATUS_CODES[status] ?? 'Bad Request', error));
  socket.destroy();
}

/** The error handler of every route: HttpError and InputError as they are, anything else logged as a 500. */
export function errorHandler(opts: ResolvedOptions) {
  return (err: FastifyError | HttpError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    if (err instanceof HttpError) {
      if (err.status === 413) reply.header('connection', 'close');
      return errorBody(reply, err.status, err.message);
    }
    // Another process's import held the store past the wait: try again later, not bad input.
    if (isStoreBusy(err)) return errorBody(reply.header('retry-after', String(BUSY_RETRY_AFTER_S)), 503, 'store busy: another import is writing; retry later');
    if (isInputError(err)) return errorBody(reply, 400, err.file === opts.db ? err.detail : err.message.split(opts.db).join('store'));
    const status = (err as FastifyError).statusCode;
    if (status === 413) return errorBody(reply, 413, `request body too large: at most ${opts.jsonBodyLimit} bytes here`);
    if (status !== undefined && status >= 400 && status < 500) return errorBody(reply, status, clientErrorMessage(err as FastifyError, status));
    request.log.error(err);
    if (!opts.logger) process.stderr.write(`cleanpath serve: ${request.method} ${request.url}: ${err.stack ?? err.message}\n`);
    return errorBody(reply, 500, 'internal error (logged by the server)');
  };
}
