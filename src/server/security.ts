// Headers on every answer (API, dashboard files, errors): the dashboard loads only its own
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

export function applySecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  for (const [name, value] of Object.entries(HEADERS)) reply.header(name, value);
  const path = request.url;
  const api = request.routeOptions.url?.startsWith('/api/') || path === '/api' || path.startsWith('/api/') || path.startsWith('/api?');
  if (api) reply.header('cache-control', 'no-store');
}
