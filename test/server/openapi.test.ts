// The OpenAPI document: valid JSON Schema 2020-12 throughout, every route the server registers
// listed (and nothing else), and real answers conforming to the schemas it declares.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { buildFixture, json, removeFixture, serve, type Fixture, type Running } from './helpers.js';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { parameters: Array<{ name: string; in: string; required: boolean }>; responses: Record<string, { content?: Record<string, { schema: unknown }> }>; security: unknown[] }>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

let f: Fixture;
let s: Running;
let doc: Doc;

before(async () => {
  f = await buildFixture('cleanpath-server-openapi-');
  s = await serve(f, { rateLimit: false });
  doc = await json<Doc>(await s.get('/api/openapi.json'));
});
after(async () => {
  await s?.close();
  if (f) removeFixture(f);
});

const METHODS = ['get', 'post', 'delete', 'put', 'patch'];

describe('OpenAPI document', () => {
  it('lists the busy answers: 503 for imports (store busy) and analyses (over budget), 429 for a full analysis queue', () => {
    const responses = (path: string, method: string) => (doc.paths[path]?.[method]?.responses ?? {}) as Record<string, { description?: string }>;
    assert.match(responses('/api/imports', 'post')['503']?.description ?? '', /store busy/);
    for (const path of Object.keys(doc.paths).filter((p) => /^\/api\/snapshots\/\{snapshot\}\/(report|findings|exposure|plan|diff)/.test(p))) {
      assert.match(responses(path, 'get')['503']?.description ?? '', /time or memory budget/, path);
      assert.match(responses(path, 'get')['429']?.description ?? '', /queued or running/, path);
    }
  });

  it('lists exactly the /api/ routes the server registered', () => {
    const registered = new Set(
      s.app.registeredRoutes
        .filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD')
        .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).filter((m) => METHODS.includes(m)).map((m) => `${m.toUpperCase()} ${path}`)));
    assert.ok(registered.size >= 17, `all routes seen (${registered.size})`);
    assert.deepEqual([...documented].sort(), [...registered].sort());
  });

  it('declares every path parameter, a bearer scheme, and an error schema for every error', () => {
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(doc.components.securitySchemes.bearer, { type: 'http', scheme: 'bearer', description: (doc.components.securitySchemes.bearer as { description: string }).description });
    for (const [path, ops] of Object.entries(doc.paths)) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(ops)) {
        const declared = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
        assert.deepEqual(declared.sort(), [...inPath].sort(), `${method} ${path}`);
        assert.ok(op.parameters.filter((p) => p.in === 'path').every((p) => p.required));
        const statuses = Object.keys(op.responses);
        assert.ok(statuses.some((c) => c.startsWith('2')), `${method} ${path} has a success answer`);
        const isPublic = op.security.length === 0;
        assert.equal(statuses.includes('401'), !isPublic, `${method} ${path}: 401 unless public`);
        for (const c of statuses.filter((x) => Number(x) >= 400)) {
          assert.deepEqual(op.responses[c]!.content!['application/json']!.schema, { $ref: '#/components/schemas/Error' });
        }
      }
    }
    assert.deepEqual(
      Object.entries(doc.paths).flatMap(([p, ops]) => Object.entries(ops).filter(([, o]) => o.security.length === 0).map(([m]) => `${m} ${p}`)).sort(),
      ['get /api/analyses', 'get /api/health', 'get /api/openapi.json'],
    );
  });

  it('is valid JSON Schema throughout, and real answers match the schemas it declares', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema({ $id: 'cleanpath', components: doc.components }, 'cleanpath');
    const validator = (path: string, method = 'get', status = '200') => {
      const schema = doc.paths[path]![method]!.responses[status]!.content!['application/json']!.schema as Record<string, unknown>;
      const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"cleanpath#/components/')) as Record<string, unknown>;
      return ajv.compile(rebased);
    };
    // every component compiles
    for (const name of Object.keys(doc.components.schemas)) assert.ok(ajv.getSchema(`cleanpath#/components/schemas/${name}`), name);

    const t = f.tokens.alphaAdmin;
    const cases: Array<[string, string, string]> = [
      ['/api/snapshots', '/api/snapshots', '200'],
      ['/api/snapshots/{snapshot}', '/api/snapshots/demo', '200'],
      ['/api/snapshots/{snapshot}/devices', '/api/snapshots/demo/devices?limit=50&vendor=huawei', '200'],
      ['/api/snapshots/{snapshot}/findings', '/api/snapshots/demo/findings?asOf=2026-12-31', '200'],
      ['/api/snapshots/{snapshot}/exposure', '/api/snapshots/demo/exposure', '200'],
      ['/api/snapshots/{snapshot}/killswitch', '/api/snapshots/demo/killswitch?vendors=huawei', '200'],
      ['/api/snapshots/{snapshot}/topology', '/api/snapshots/demo/topology', '200'],
      ['/api/snapshots/{snapshot}/report', '/api/snapshots/demo/report?asOf=2026-12-31', '200'],
      ['/api/whoami', '/api/whoami', '200'],
      ['/api/tokens', '/api/tokens', '200'],
      ['/api/snapshots/{snapshot}', '/api/snapshots/nope', '404'],
    ];
    for (const [path, url, status] of cases) {
      const r = await s.get(url, t);
      assert.equal(String(r.status), status, url);
      const validate = validator(path, 'get', status);
      const body = await r.json();
      assert.ok(validate(body), `${url}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    }
    const device = (await json<{ devices: Array<{ id: string }> }>(await s.get('/api/snapshots/demo/devices?limit=1', t))).devices[0]!;
    const one = validator('/api/snapshots/{snapshot}/devices/{id}');
    assert.ok(one(await (await s.get(`/api/snapshots/demo/devices/${encodeURIComponent(device.id)}`, t)).json()), JSON.stringify(one.errors));
    const upload = await s.get('/api/imports?snapshot=schema-check', f.tokens.alphaAnalyst, { method: 'POST', body: 'id,vendor\nq,cisco\n' });
    const created = validator('/api/imports', 'post', '201');
    assert.ok(created(await upload.json()), JSON.stringify(created.errors));
    // and a schema that can fail does: a device page without its total
    assert.equal(validator('/api/snapshots/{snapshot}/devices')({ devices: [] }), false);
  });
});
