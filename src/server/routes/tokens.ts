// An admin manages its own organisation's tokens; another organisation's token is not found.
// Token changes go straight to the token store, never through the import queue (ctx.writes): a
// revocation must not wait behind anyone's import (issue 16 point 1).
import type { z } from 'zod';
import { HttpError } from '../http.js';
import { route, type RouteSpec } from '../route-spec.js';
import { arrayOf, schemaRef, TokenBody, TokenParams } from '../schemas.js';

export const TOKEN_ROUTES: RouteSpec[] = [
  route<unknown, unknown, z.infer<typeof TokenBody>>({
    method: 'POST',
    path: '/api/tokens',
    operationId: 'createToken',
    tag: 'tokens',
    summary: "Create a token for the caller's organisation; its secret is in this answer only",
    access: 'admin',
    body: { kind: 'json', schema: TokenBody },
    status: 201,
    response: { description: 'the token id and secret', schema: schemaRef('CreatedToken') },
    handle: async ({ ctx, auth, body }) => {
      const t = await ctx.tokens.createToken({ organisation: auth!.organisation, role: body.role, label: body.label });
      return { id: t.id, token: t.token };
    },
  }),
  route({
    method: 'GET',
    path: '/api/tokens',
    operationId: 'listTokens',
    tag: 'tokens',
    summary: "The organisation's tokens, revoked ones too; never a secret",
    access: 'admin',
    response: { description: 'tokens', schema: arrayOf(schemaRef('TokenInfo')) },
    handle: async ({ ctx, auth }) =>
      (await ctx.tokens.listTokens(auth!.organisation)).map(({ id, label, role, createdAt, revokedAt }) => ({ id, label, role, createdAt, ...(revokedAt && { revokedAt }) })),
  }),
  route<z.infer<typeof TokenParams>>({
    method: 'DELETE',
    path: '/api/tokens/{id}',
    operationId: 'revokeToken',
    tag: 'tokens',
    summary: 'Revoke a token of the organisation (it stops working at once)',
    access: 'admin',
    params: TokenParams,
    notFound: true,
    status: 204,
    response: { description: 'revoked' },
    handle: async ({ ctx, auth, params }) => {
      const done = await ctx.tokens.revokeToken(params.id, auth!.organisation);
      if (!done) throw new HttpError(404, `no active token ${params.id}`);
    },
  }),
];
