// Headers on every answer (API, dashboard files, errors, even those Fastify or Node's parser
// answer before any route runs, see app.ts): the dashboard loads only its own
// scripts and styles, is never framed, and leaks no referrer; API answers are never cached,
// since they carry an organisation's data.
import type { FastifyReply, FastifyRequest } from 'fastify';

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** The headers every answer carries; `no-store` too for the API (and for an unparsable URL). */
export function securityHeaders(noStore: boolean): Record<string, string> {
  return noStore ? { ...HEADERS, 'cache-control': 'no-store' } : { ...HEADERS };
}

export function applySecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  const path = request.url;
  // An early error (a URL the router could not take) has no route options.
  const pattern = (request.routeOptions as { url?: string } | undefined)?.url;
  const api = pattern?.startsWith('/api/') || path === '/api' || path.startsWith('/api/') || path.startsWith('/api?');
  reply.headers(securityHeaders(api === true));
}

/**
 * The answer to a request Node's HTTP parser refused (a malformed header, an oversized one, a
 * timeout), written straight to the socket since no request exists: the same headers, and a
 * fixed message, never the input.
 */
export function rawErrorResponse(status: number, reason: string, error: string): string {
  const body = JSON.stringify({ error });
  const headers = { ...securityHeaders(true), 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), connection: 'close' };
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
  return `HTTP/1.1 ${status} ${reason}\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}
