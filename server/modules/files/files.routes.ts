import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import { errorBody } from '../../../contracts/common.js';
import { fileDownloadQuery, fileIdParam, storedFileSchema } from '../../../contracts/learning.js';
import { requireActor } from '../identity/identity.http.js';
import { hasRole } from '../identity/identity.actor.js';
import type { FilesConfig } from './files.config.js';
import { fileMissingPart, uploadForbidden } from './files.errors.js';
import type { FileRow } from './files.repository.js';
import { contentDisposition, FILE_TYPES } from './files.rules.js';
import type { FileStore } from './files.store.js';
import { deleteOwnFile, findReadableFile, openStored, storeUpload, tooLargeError, type FileReadCheck } from './files.usecases.js';

export const toStoredFile = (f: FileRow) => ({ id: f.id, name: f.name, contentType: f.contentType, size: f.sizeBytes, createdAt: f.createdAt.toISOString() });

/** People who attach files to lessons and submissions; officers and guards have no use for uploads. */
const UPLOADERS = ['pupil', 'parent', 'teacher', 'homeroom', 'org_admin'] as const;

/**
 * Upload, download and delete. `checks` are the modules' answers to "may this actor read this
 * file?", asked per request; the uploader may always read their own file.
 */
export async function filesRoutes(app: FastifyInstance, deps: { db: Db; store: FileStore; config: FilesConfig; checks: FileReadCheck[] }): Promise<void> {
  const { db, store, config, checks } = deps;
  // Encapsulated so the multipart parser applies to these routes only.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: config.maxBytes, files: 1, fields: 0, parts: 2, headerPairs: 100 } });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/api/files',
      {
        schema: {
          tags: ['files'],
          summary: 'Upload one file (multipart/form-data, field "file"); its type is judged by its content',
          consumes: ['multipart/form-data'],
          response: { 201: storedFileSchema, 400: errorBody, 401: errorBody, 403: errorBody, 413: errorBody, 415: errorBody },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        if (!UPLOADERS.some((role) => hasRole(actor, role))) throw uploadForbidden();
        // case: the declared length already says it will not fit → answer before reading megabytes
        const declared = Number(request.headers['content-length'] ?? 0);
        if (declared > config.maxBytes + 64 * 1024) throw tooLargeError(config);
        if (!request.isMultipart()) throw fileMissingPart();
        const part = await request.file().catch((err: { code?: string }) => {
          if (err.code === 'FST_FILES_LIMIT' || err.code === 'FST_PARTS_LIMIT' || err.code === 'FST_FIELDS_LIMIT')
            throw fileMissingPart('Send exactly one file in a field named "file" and nothing else');
          throw err;
        });
        if (part?.fieldname !== 'file') throw fileMissingPart();
        const file = await storeUpload({
          db,
          store,
          config,
          ownerId: actor.personId,
          fileName: part.filename,
          body: part.file,
          truncated: () => part.file.truncated,
        });
        return reply.code(201).send(toStoredFile(file));
      },
    );
  });

  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/files/:id',
    {
      schema: {
        tags: ['files'],
        summary: 'Download a file the actor may read (authorised on every request)',
        params: fileIdParam,
        querystring: fileDownloadQuery,
        response: { 200: z.any(), 304: z.null(), 401: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const file = await findReadableFile({ db, actor, fileId: request.params.id, checks });
      const type = Object.values(FILE_TYPES).find((t) => t.contentType === file.contentType);
      const disposition = request.query.disposition === 'inline' && type?.inline ? 'inline' : 'attachment';
      const etag = `"${file.sha256}"`;
      reply.headers({
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store', // personal files: no browser or proxy keeps a copy
        etag,
      });
      if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
      const stream = await openStored(store, file);
      return reply
        .headers({
          'content-type': file.contentType,
          'content-length': String(file.sizeBytes),
          'content-disposition': contentDisposition(file.name, disposition),
        })
        .send(stream);
    },
  );

  r.delete(
    '/api/files/:id',
    {
      schema: {
        tags: ['files'],
        summary: 'Delete an uploaded file that nothing refers to (its uploader only)',
        params: fileIdParam,
        response: { 204: z.null(), 401: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await deleteOwnFile({ db, store, actor, fileId: request.params.id });
      return reply.code(204).send(null);
    },
  );
}
