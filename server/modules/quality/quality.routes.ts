import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { errorBody, idParam } from '../../../contracts/common.js';
import {
  assessment,
  assessmentFileParams,
  draftBody,
  framework,
  frameworkBody,
  frameworkList,
  orgYearParams,
  organisationHistory,
  pdfQuery,
  reviewBody,
  reviewList,
  reviewQuery,
} from '../../../contracts/quality.js';
import { PDF_CONTENT_TYPE, pdfDisposition } from '../../platform/pdf/index.js';
import { clockFromEnv } from '../../platform/clock.js';
import { requireActor } from '../identity/identity.http.js';
import { analyticsSettings } from '../analytics/analytics.usecases.js';
import { schoolToday } from '../training/training.usecases.js';
import { createFileStore, loadFilesConfig } from '../files/files.usecases.js';
import * as uc from './quality.usecases.js';
import { assessmentPdf } from './quality.pdf.js';

/** A file name for Content-Disposition: ASCII fallback plus the UTF-8 form (RFC 6266). */
function attachment(name: string): string {
  const base = name.replace(/[\\/:*?"<>|\r\n]+/g, ' ').trim() || 'file';
  return `attachment; filename="${base.normalize('NFKD').replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(base)}`;
}

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

/** Quality of online teaching: the framework of criteria, self-assessments per school year, reviews. */
export async function qualityRoutes(app: FastifyInstance, { db }: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['quality'];
  const clock = clockFromEnv();
  const settings = analyticsSettings();
  const store = createFileStore(loadFilesConfig());
  const ctx = (): uc.Ctx => {
    const now = clock();
    return { now, today: schoolToday(now), settings, read: db.read };
  };

  r.get(
    '/api/quality/framework',
    { schema: { tags, summary: 'The framework version in force (areas and criteria, kk/ru/en)', response: { 200: framework, ...errors } } },
    async (request) => {
      requireActor(request);
      return uc.currentFramework(db);
    },
  );

  r.get(
    '/api/quality/frameworks',
    { schema: { tags, summary: 'Every version of the framework', response: { 200: frameworkList, ...errors } } },
    async (request) => {
      requireActor(request);
      return uc.frameworks(db);
    },
  );

  r.get(
    '/api/quality/frameworks/:id',
    { schema: { tags, summary: 'One version of the framework', params: idParam, response: { 200: framework, ...errors } } },
    async (request) => {
      requireActor(request);
      return uc.framework(db, request.params.id);
    },
  );

  r.post(
    '/api/quality/frameworks',
    { schema: { tags, summary: 'Publish a new version of the framework (ministry)', body: frameworkBody, response: { 201: framework, ...errors } } },
    async (request, reply) => reply.code(201).send(await uc.publishFramework(db, requireActor(request), request.body)),
  );

  r.get(
    '/api/quality/organisations/:id',
    {
      schema: {
        tags,
        summary: "The organisation's self-assessments by school year (its admin, its district's and region's officers, the ministry)",
        params: idParam,
        response: { 200: organisationHistory, ...errors },
      },
    },
    async (request) => uc.organisationHistory(db, requireActor(request), request.params.id),
  );

  r.get(
    '/api/quality/organisations/:id/years/:yearId',
    {
      schema: {
        tags,
        summary: "One school year's self-assessment with its submissions, reviews and the automatic evidence now",
        params: orgYearParams,
        response: { 200: assessment, ...errors },
      },
    },
    async (request) => uc.assessmentOfYear(db, requireActor(request), request.params.id, request.params.yearId, ctx()),
  );

  r.put(
    '/api/quality/organisations/:id/years/:yearId',
    {
      schema: {
        tags,
        summary: 'Save the draft (the admin): answers per criterion with level, comment, evidence, links, files',
        params: orgYearParams,
        body: draftBody,
        response: { 200: assessment, ...errors },
      },
    },
    async (request) => uc.saveDraft(db, requireActor(request), request.params.id, request.params.yearId, request.body, ctx()),
  );

  r.post(
    '/api/quality/organisations/:id/years/:yearId/submit',
    {
      schema: {
        tags,
        summary: 'Submit the saved draft (the admin); every criterion needs a level; the automatic evidence is kept with it',
        params: orgYearParams,
        response: { 200: assessment, ...errors },
      },
    },
    async (request) => uc.submit(db, requireActor(request), request.params.id, request.params.yearId, ctx()),
  );

  r.get(
    '/api/quality/reviews',
    {
      schema: { tags, summary: "Submitted assessments in the officer's area", querystring: reviewQuery, response: { 200: reviewList, ...errors } },
    },
    async (request) => uc.reviewList(db, requireActor(request), request.query.status),
  );

  r.get(
    '/api/quality/assessments/:id',
    { schema: { tags, summary: 'An assessment by id', params: idParam, response: { 200: assessment, ...errors } } },
    async (request) => uc.assessmentById(db, requireActor(request), request.params.id, ctx()),
  );

  r.post(
    '/api/quality/assessments/:id/review',
    {
      schema: {
        tags,
        summary: 'Accept the latest submission or return it for changes, with comments per criterion (district officers, ministry)',
        params: idParam,
        body: reviewBody,
        response: { 200: assessment, ...errors },
      },
    },
    async (request) => uc.review(db, requireActor(request), request.params.id, request.body, ctx()),
  );

  r.get(
    '/api/quality/assessments/:id/files/:fileId',
    {
      schema: { tags, summary: 'An evidence file of the assessment', params: assessmentFileParams, response: { 200: z.any(), ...errors } },
    },
    async (request, reply) => {
      const f = await uc.evidenceFile(db, store, requireActor(request), request.params.id, request.params.fileId);
      return reply
        .headers({
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
          'content-type': f.file.contentType,
          'content-length': String(f.file.sizeBytes),
          'content-disposition': attachment(f.file.name),
        })
        .send(f.stream);
    },
  );

  r.get(
    '/api/quality/assessments/:id/pdf',
    {
      schema: {
        tags,
        summary: 'The assessment as a PDF (Kazakh letters embedded)',
        params: idParam,
        querystring: pdfQuery,
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const a = await uc.assessmentById(db, actor, request.params.id, ctx());
      const f = await assessmentPdf(a, request.query.lang ?? actor.language);
      return reply.header('content-type', PDF_CONTENT_TYPE).header('content-disposition', pdfDisposition(f.fileName)).send(f.bytes);
    },
  );
}
