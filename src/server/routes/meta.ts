// Health, identity, the OpenAPI document and the registry of analyses.
import { registryManifest } from '../../analyses/manifest.js';
import { route, type RouteSpec } from '../route-spec.js';
import { schemaRef } from '../schemas.js';

export function metaRoutes(openApi: () => unknown): RouteSpec[] {
  return [
    route({
      method: 'GET',
      path: '/api/health',
      operationId: 'health',
      tag: 'meta',
      summary: 'Whether the server is up (no token needed)',
      access: 'public',
      response: { description: 'up', schema: schemaRef('Health') },
      handle: () => ({ status: 'ok' }),
    }),
    route({
      method: 'GET',
      path: '/api/openapi.json',
      operationId: 'openApi',
      tag: 'meta',
      summary: 'This API as an OpenAPI 3.1 document (no token needed)',
      access: 'public',
      response: { description: 'the OpenAPI document', schema: { type: 'object' } },
      handle: () => openApi(),
    }),
    route({
      method: 'GET',
      path: '/api/analyses',
      operationId: 'listAnalyses',
      tag: 'meta',
      summary: 'Every analysis: its route, parameters (with the CLI option of each) and result tables with their column labels',
      access: 'public',
      response: { description: 'the registry (src/analyses/registry.ts)', schema: { type: 'array', items: { type: 'object' } } },
      handle: () => registryManifest(),
    }),
    route({
      method: 'GET',
      path: '/api/whoami',
      operationId: 'whoAmI',
      tag: 'meta',
      summary: "The caller's organisation, role and token",
      access: 'viewer',
      response: { description: 'the caller', schema: schemaRef('WhoAmI') },
      handle: ({ auth }) => ({ organisation: auth!.organisation, role: auth!.role, token: { id: auth!.id, label: auth!.label } }),
    }),
  ];
}
