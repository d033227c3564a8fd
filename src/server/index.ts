// The server stage: the HTTP API and the dashboard's files (issue 7, points 3 and 4).
export { buildServer, startServer, API_VERSION } from './app.js';
export type { ServerOptions, RateLimitOptions } from './options.js';
export { DEFAULT_BODY_LIMIT, DEFAULT_RATE_LIMIT } from './options.js';
export { CONTENT_SECURITY_POLICY } from './security.js';
export { startDemoServer, type DemoServer } from './demo.js';
