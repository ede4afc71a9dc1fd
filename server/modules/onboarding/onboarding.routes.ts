import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps.js';
import { errorBody, idParam } from '../../../contracts/common.js';
import {
  activateBody,
  importQuery,
  importRejected,
  importReport,
  personCodeParams,
  reissuedCode,
  templateParams,
  templateQuery,
} from '../../../contracts/onboarding.js';
import { requireActor } from '../identity/identity.http.js';
import { findOrganisationNode } from '../organisations/organisations.usecases.js';
import { organisationNotFound } from '../organisations/organisations.usecases.js';
import { canImportInto } from './onboarding.policy.js';
import { activateAccount, importSheet, IMPORT_LIMITS, reissueActivationCode } from './onboarding.usecases.js';
import { csvTemplate, xlsxTemplate } from './onboarding.templates.js';
import { fileTooLarge, noFile, rowsInvalid } from './onboarding.errors.js';

const MB = 1024 * 1024;

/** The uploaded file's bytes; a file over the limit is refused while it streams in. */
async function uploadedFile(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw noFile();
  const part = await request.file();
  if (!part) throw noFile();
  try {
    return await part.toBuffer();
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw fileTooLarge(`The file is larger than ${IMPORT_LIMITS.maxFileBytes / MB} MB, the most one import takes. Split it into several files`, {
        maxBytes: IMPORT_LIMITS.maxFileBytes,
      });
    }
    throw err;
  }
}

export async function onboardingRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  // multipart parsing exists only inside this scope: no other route accepts uploads by accident
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: IMPORT_LIMITS.maxFileBytes, files: 1, fields: 5, fieldSize: 1000, parts: 6 },
    });
    routes(scope, deps);
  });
}

function routes(app: FastifyInstance, { db, config }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/organisations/:id/imports',
    {
      schema: {
        tags: ['onboarding'],
        summary: 'Check (dryRun=true) or import (dryRun=false) a CSV/XLSX file of classes, people or parent links',
        description:
          `multipart/form-data with one file (at most ${IMPORT_LIMITS.maxFileBytes / MB} MB, ${IMPORT_LIMITS.maxRows} rows). ` +
          'Every bad row is reported; an import writes nothing unless every row is good.',
        consumes: ['multipart/form-data'],
        params: idParam,
        querystring: importQuery,
        response: { 200: importReport, 400: errorBody, 401: errorBody, 404: errorBody, 409: errorBody, 413: errorBody, 422: importRejected },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const org = await findOrganisationNode(db, request.params.id);
      if (!org || !canImportInto(actor, org)) throw organisationNotFound();
      const file = await uploadedFile(request);
      const report = await importSheet({
        db,
        organisationId: org.id,
        kind: request.query.kind,
        file,
        dryRun: request.query.dryRun,
        accountId: actor.accountId,
        ip: request.ip ?? null,
        now: new Date(),
      });
      if (!report.dryRun && !report.ok) {
        const e = rowsInvalid(`${report.errorCount} error${report.errorCount === 1 ? '' : 's'} in the file; nothing was imported`);
        return reply.code(422).send({ ...report, error: { code: e.code, message: e.message } });
      }
      return report;
    },
  );

  r.get(
    '/api/imports/templates/:kind',
    {
      schema: {
        tags: ['onboarding'],
        summary: 'An empty import sheet with the header row (CSV with ";" and a BOM, or XLSX)',
        params: templateParams,
        querystring: templateQuery,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const lang = request.query.lang ?? actor.language;
      const file = request.query.format === 'xlsx' ? await xlsxTemplate(request.params.kind, lang) : csvTemplate(request.params.kind, lang);
      return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
    },
  );

  r.post(
    '/api/organisations/:id/people/:personId/activation-code',
    {
      schema: {
        tags: ['onboarding'],
        summary: 'Issue a new activation code for a person of this organisation (the old code and password stop working, sessions end)',
        params: personCodeParams,
        response: { 200: reissuedCode, 400: errorBody, 401: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const org = await findOrganisationNode(db, request.params.id);
      if (!org || !canImportInto(actor, org)) throw organisationNotFound();
      const result = await reissueActivationCode({
        db,
        organisationId: org.id,
        personId: request.params.personId,
        accountId: actor.accountId,
        ip: request.ip ?? null,
        now: new Date(),
      });
      return reply.header('cache-control', 'no-store').send(result);
    },
  );

  r.post(
    '/api/activation',
    {
      schema: {
        tags: ['onboarding'],
        summary: 'Set the first password of an imported account with its activation code',
        body: activateBody,
        response: { 204: z.null(), 400: errorBody, 429: errorBody },
      },
    },
    async (request, reply) => {
      const { iin, code, password } = request.body;
      await activateAccount({ db, config, iin, code, password, ip: request.ip ?? null, now: new Date() });
      return reply.code(204).send(null);
    },
  );
}
