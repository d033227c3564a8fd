// Answers given before any route runs (issue 16 point 7): a URL whose %-escapes do not decode, an
// over-long parameter, a malformed header, an unsupported content type, invalid JSON, a 404. Each
// carries the security headers and quotes nothing the client sent. Raw sockets, since fetch
// normalises URLs and refuses malformed headers itself.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CONTENT_SECURITY_POLICY } from '../../src/server/security.js';
import { buildFixture, removeFixture, serve, type Fixture, type Running } from './helpers.js';

let f: Fixture;
let s: Running;

before(async () => {
  f = await buildFixture('cleanpath-early-errors-');
  s = await serve(f);
});

after(async () => {
  await s?.close();
  if (f) removeFixture(f);
});

interface RawAnswer {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/** Sends `request` as bytes and reads until the server closes or the answer is whole. */
function raw(request: string): Promise<RawAnswer> {
  const { port } = new URL(s.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      text += d;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(parse(text)));
    socket.write(request);
    // Keep-alive answers do not close by themselves: give the server time, then hang up.
    setTimeout(() => socket.end(), 300);
  });
}

function parse(text: string): RawAnswer {
  const [head = '', ...rest] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = new Map(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()] as [string, string]));
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}

function get(path: string, extra = ''): string {
  return `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${extra}\r\n`;
}

function post(path: string, token: string, contentType: string, body: string): string {
  return `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer ${token}\r\nContent-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

function assertSafe(r: RawAnswer, status: number, echoed: readonly string[], what: string): void {
  assert.equal(r.status, status, `${what}: ${r.body}`);
  assert.equal(r.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY, `${what}: CSP`);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff', what);
  assert.equal(r.headers.get('x-frame-options'), 'DENY', what);
  assert.equal(r.headers.get('referrer-policy'), 'no-referrer', what);
  assert.match(r.headers.get('content-type') ?? '', /^application\/json/, what);
  const body = JSON.parse(r.body) as { error?: unknown };
  assert.equal(typeof body.error, 'string', what);
  for (const e of echoed) assert.ok(!r.body.toLowerCase().includes(e.toLowerCase()), `${what}: the answer echoes "${e}": ${r.body}`);
}

describe('early errors', () => {
  it('a URL whose %-escapes are not UTF-8 (the %c0%af traversal) is a 400 with the headers, the URL not echoed', async () => {
    for (const path of ['/assets/..%c0%afx', '/api/..%c0%af..%c0%afetc', '/api/snapshots/%c0%3Cscript%3E', '/%ff<svg>']) {
      assertSafe(await raw(get(path)), 400, ['%c0', '..', 'script', 'svg', 'etc'], path);
    }
  });

  it('an over-long path parameter is answered with the headers, not echoed', async () => {
    const long = `zz${'q'.repeat(2000)}`;
    const r = await raw(get(`/api/snapshots/${long}/devices`, `Authorization: Bearer ${f.tokens.alphaViewer!}\r\n`));
    assert.ok(r.status === 414 || r.status === 404, String(r.status));
    assertSafe(r, r.status, [long.slice(0, 40)], 'long parameter');
  });

  it('a malformed header (refused by Node before Fastify) still carries the headers', async () => {
    const r = await raw('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header<script>: x\r\n\r\n');
    assertSafe(r, 400, ['script'], 'malformed header');
    const big = await raw(get('/', `X-Big: ${'a'.repeat(20_000)}\r\n`));
    assertSafe(big, 431, ['aaaa'], 'oversized header');
  });

  it('an unsupported content type and invalid JSON: 4xx with the headers, neither echoed', async () => {
    const ct = await raw(post('/api/tokens', f.tokens.alphaAdmin!, 'text/evil-type-here', '{"label":"x","role":"viewer"}'));
    assertSafe(ct, 415, ['evil-type-here'], 'content type');
    const bad = await raw(post('/api/tokens', f.tokens.alphaAdmin!, 'application/json', '{"label": "marker-in-body'));
    assertSafe(bad, 400, ['marker-in-body'], 'invalid JSON');
  });

  it('a 404, under /api/ and outside, says nothing of the path', async () => {
    assertSafe(await raw(get('/api/secret-route-name', `Authorization: Bearer ${f.tokens.alphaViewer!}\r\n`)), 404, ['secret-route-name'], 'api 404');
    assertSafe(await raw(get('/not-here-marker.js')), 404, ['not-here-marker'], '404');
  });
});
