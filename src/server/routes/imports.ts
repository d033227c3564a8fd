// POST /api/imports: the request body is one file of any importable format. It streams to disk
// (never whole into memory), bounded by the body limit, then goes through the same import as
// `cleanpath import`: one transaction, so a bad file leaves the store exactly as it was. Kept
// files stay under the upload directory as the evidence of what each snapshot was built from;
// a file whose import failed is removed, and one whose import never ended (the server killed
// mid-import) still carries its PENDING marker and is removed at the next start (upload-sweep.ts).
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { isInputError, isNothingToAnalyse, type InputError } from '../../model/index.js';
import { importFiles, isStoreBusy } from '../../store/index.js';
import type { ServerContext } from '../context.js';
import { HttpError } from '../http.js';
import { registerRoutes, route, type RouteSpec } from '../route-spec.js';
import { ImportQuery, schemaRef } from '../schemas.js';
import { PENDING, sweepUploads } from './upload-sweep.js';

export interface UploadedFile {
  /** Where it was written. */
  path: string;
  /** Its own directory, removed when the import fails. */
  dir: string;
  /** The name the client gave it (made safe), shown in messages instead of the path. */
  name: string;
  bytes: number;
}

/** A file name safe on any file system: the last path segment, odd characters replaced. */
export function safeFileName(name: unknown): string {
  if (typeof name !== 'string') return 'upload';
  const last = name.split(/[/\\]/).pop() ?? '';
  const clean = last.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '').slice(0, 100);
  return clean === '' ? 'upload' : clean;
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `request body too large: an upload may have at most ${limit} bytes`);
}

async function receive(ctx: ServerContext, request: FastifyRequest, payload: Readable): Promise<UploadedFile> {
  const limit = ctx.opts.bodyLimit;
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const organisation = request.auth!.organisation;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = join(ctx.opts.uploadDir, organisation, `${stamp}-${randomBytes(4).toString('hex')}`);
  const name = safeFileName((request.query as Record<string, unknown> | undefined)?.filename);
  const path = join(dir, name);
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > limit) done(tooLarge(limit));
      else done(null, chunk);
    },
  });
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, PENDING), '');
    await pipeline(payload, count, createWriteStream(path, { flags: 'wx' }));
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return { path, dir, name, bytes };
}

/** The message of a bad upload with the server's paths taken out: `name:line: what`. */
function uploadMessage(e: InputError, file: UploadedFile, db: string): string {
  if (e.file === file.path) return e.line === undefined ? `${file.name}: ${e.detail}` : `${file.name}:${e.line}: ${e.detail}`;
  if (e.file === db) return e.detail;
  return e.message.split(file.path).join(file.name).split(db).join('store');
}

export const IMPORT_ROUTES: RouteSpec[] = [
  route<unknown, z.infer<typeof ImportQuery>, UploadedFile | undefined>({
    method: 'POST',
    path: '/api/imports',
    operationId: 'importFile',
    tag: 'imports',
    summary: 'Import one file (CSV, JSON, GraphML, SNDlib, nmap XML, snmpwalk, NetBox...) as a new snapshot',
    description:
      'The request body is the file itself, any content type. One transaction: a bad file answers 400 with `file:line: what is wrong` and stores nothing; so do a link or flow naming no device of the new snapshot and a file with no records. With `update=true` and `base`, each device row changes the base device of its id (or, without an id column, its unique name) into a new snapshot.',
    access: 'analyst',
    query: ImportQuery,
    body: { kind: 'file', description: 'the file, as raw bytes' },
    status: 201,
    errors: { 503: 'store busy: another import held the store past the server\'s wait (see Retry-After); nothing was stored' },
    response: { description: 'the new snapshot', schema: schemaRef('SnapshotInfo') },
    handle: async ({ ctx, auth, query, body: file }) => {
      if (!file || file.bytes === 0) {
        if (file) await rm(file.dir, { recursive: true, force: true });
        throw new HttpError(400, 'empty upload: send the file as the request body');
      }
      try {
        const summary = await ctx.writes.run(() =>
          importFiles(ctx.writer, [file.path], {
            organisation: auth!.organisation,
            ...(query.snapshot !== undefined && { snapshot: query.snapshot }),
            ...(query.base !== undefined && { base: query.base }),
            ...(query.update === 'true' && { update: true }),
            ...(query.format !== 'auto' && { format: query.format }),
          }),
        );
        // Committed: the file is now the evidence of the snapshot, kept.
        await rm(join(file.dir, PENDING), { force: true });
        return summary.snapshot;
      } catch (e) {
        await rm(file.dir, { recursive: true, force: true });
        if (isStoreBusy(e)) throw e;
        if (isInputError(e)) throw new HttpError(400, uploadMessage(e, file, ctx.opts.db));
        // A file with no records: nothing was imported, said as plainly as the CLI's exit 1.
        if (isNothingToAnalyse(e)) throw new HttpError(400, e.message.split(file.path).join(file.name));
        throw e;
      }
    },
  }),
];

/** The upload routes, in a scope whose only body parser streams any content type to disk. */
export async function registerImportRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  await sweepUploads(ctx.opts.uploadDir, ctx.reads);
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (request, payload, done) => {
      receive(ctx, request, payload).then(
        (file) => done(null, file),
        (e: unknown) => done(e instanceof Error ? e : new Error(String(e)), undefined),
      );
    });
    // Any answer but success (a bad query after the body was stored, a failure in between) drops
    // the upload: only an imported file is kept.
    scope.addHook('onResponse', async (request, reply) => {
      const file = request.body as UploadedFile | undefined;
      if (reply.statusCode !== 201 && file && typeof file === 'object' && typeof file.dir === 'string') await rm(file.dir, { recursive: true, force: true });
    });
    registerRoutes(scope, ctx, IMPORT_ROUTES, () => ({ bodyLimit: ctx.opts.bodyLimit }));
  });
}
