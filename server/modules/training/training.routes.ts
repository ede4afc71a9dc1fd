import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { errorBody, idParam } from '../../../contracts/common.js';
import {
  certificateCheck,
  certificateCodeParam,
  completionsImportQuery,
  completionsImportRejected,
  completionsImportReport,
  certificateQuery,
  course,
  courseBody,
  courseList,
  coverageQuery,
  coverageResponse,
  enrolBody,
  enrolResult,
  enrolment,
  myTraining,
  orgTeachers,
  orgTeachersQuery,
} from '../../../contracts/training.js';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE } from '../../platform/export/index.js';
import { PDF_CONTENT_TYPE, pdfDisposition } from '../../platform/pdf/index.js';
import { requireActor } from '../identity/identity.http.js';
import { clockFromEnv } from '../../platform/clock.js';
import { analyticsSettings } from '../analytics/analytics.usecases.js';
import * as uc from './training.usecases.js';
import { fileTooLarge, noFile, rowsInvalid } from './training.errors.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

/** A file name for Content-Disposition: ASCII fallback plus the UTF-8 form (RFC 6266). */
function disposition(name: string): string {
  const base = name.replace(/[\\/:*?"<>|\r\n]+/g, ' ').trim();
  return `attachment; filename="${base.normalize('NFKD').replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(base)}`;
}

/** The uploaded file and its name; a file over the limit is refused while it streams in. */
async function uploadedFile(request: FastifyRequest): Promise<{ bytes: Buffer; name: string }> {
  if (!request.isMultipart()) throw noFile();
  const part = await request.file();
  if (!part) throw noFile();
  try {
    return { bytes: await part.toBuffer(), name: part.filename };
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw fileTooLarge(`The file is larger than ${uc.COMPLETIONS_IMPORT_LIMITS.maxFileBytes / 1048576} MB`);
    throw err;
  }
}

/** Teacher training: courses, enrolment (self or by the admin), completion with a certificate, coverage with quality indicators. */
export async function trainingRoutes(app: FastifyInstance, { db }: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['training'];
  const clock = clockFromEnv();
  const settings = analyticsSettings();
  const today = () => uc.schoolToday(clock());

  r.get(
    '/api/training/courses',
    {
      schema: { tags, summary: 'The course catalogue', response: { 200: courseList, ...errors } },
    },
    async (request) => {
      requireActor(request);
      return uc.listCourses(db);
    },
  );

  r.post(
    '/api/training/courses',
    {
      schema: { tags, summary: 'Publish a course (ministry)', body: courseBody, response: { 201: course, ...errors } },
    },
    async (request, reply) => reply.code(201).send(await uc.createCourse(db, requireActor(request), request.body)),
  );

  r.get(
    '/api/training/me',
    {
      schema: { tags, summary: 'My training: enrolments with certificates, and courses I may join', response: { 200: myTraining, ...errors } },
    },
    async (request) => uc.myTraining(db, requireActor(request), today()),
  );

  r.post(
    '/api/training/courses/:id/enrol',
    {
      schema: {
        tags,
        summary: 'Enrol myself in a course (teachers); again: the same enrolment',
        params: idParam,
        response: { 200: enrolment, 201: enrolment, ...errors },
      },
    },
    async (request, reply) => {
      const { created, enrolment: e } = await uc.enrolSelf(db, requireActor(request), request.params.id, today());
      return reply.code(created ? 201 : 200).send(e);
    },
  );

  r.post(
    '/api/training/enrolments/:id/complete',
    {
      schema: {
        tags,
        summary: 'Record the completion (the teacher or their admin); the certificate gets its code',
        params: idParam,
        response: { 200: enrolment, ...errors },
      },
    },
    async (request) => uc.complete(db, requireActor(request), request.params.id, clock()),
  );

  r.get(
    '/api/training/enrolments/:id/certificate',
    {
      schema: { tags, summary: 'The certificate (PDF)', params: idParam, querystring: certificateQuery, response: { 200: z.any(), ...errors } },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const f = await uc.certificate(db, actor, request.params.id, request.query.lang ?? actor.language, `${request.protocol}://${request.host}`);
      return reply.header('content-type', PDF_CONTENT_TYPE).header('content-disposition', pdfDisposition(f.fileName)).send(f.bytes);
    },
  );

  r.get(
    '/api/training/certificates/:code',
    {
      schema: {
        tags,
        summary: 'Check a certificate code (public, no sign-in): holder, course, completion day, valid',
        params: certificateCodeParam,
        response: { 200: certificateCheck, 400: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => reply.header('cache-control', 'no-store').send(await uc.checkCertificate(db, request.params.code)),
  );

  r.get(
    '/api/training/organisations/:id/teachers',
    {
      schema: {
        tags,
        summary: "The organisation's teachers and their enrolment in a course (its admin)",
        params: idParam,
        querystring: orgTeachersQuery,
        response: { 200: orgTeachers, ...errors },
      },
    },
    async (request) => uc.organisationTeachers(db, requireActor(request), request.params.id, request.query.courseId),
  );

  r.post(
    '/api/training/organisations/:id/enrolments',
    {
      schema: {
        tags,
        summary: 'Enrol some or all teachers of the organisation in a course (its admin)',
        params: idParam,
        body: enrolBody,
        response: { 200: enrolResult, ...errors },
      },
    },
    async (request) => uc.enrolTeachers(db, requireActor(request), request.params.id, request.body, today()),
  );

  r.get(
    '/api/training/coverage',
    {
      schema: {
        tags,
        summary: 'Share of teachers trained for an area and its children, with online teaching quality indicators; format=csv|xlsx answers the file',
        querystring: coverageQuery,
        response: { 200: coverageResponse.or(z.any()), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const c = await uc.coverage(db.read, actor, request.query, today(), settings); // heavy: a replica when there is one
      const format = request.query.format;
      if (format === 'json') return c;
      const f = await uc.coverageFile(c, request.query.lang ?? actor.language, format);
      return reply
        .header('content-type', format === 'csv' ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE)
        .header('content-disposition', disposition(f.fileName))
        .send(f.bytes);
    },
  );

  // multipart parsing exists only inside this scope: no other route accepts uploads by accident
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: uc.COMPLETIONS_IMPORT_LIMITS.maxFileBytes, files: 1, fields: 5, fieldSize: 1000, parts: 6 } });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/training/completions/import',
      {
        schema: {
          tags,
          summary: 'Check (dryRun=true) or import (dryRun=false) completions from external providers, CSV/XLSX (ministry)',
          description:
            'multipart/form-data with one file; columns provider, teacher (IIN or login), course (id or title), completed on, certificate number. Every bad row is named; nothing is written unless every row is good.',
          consumes: ['multipart/form-data'],
          querystring: completionsImportQuery,
          response: { 200: completionsImportReport, 400: errorBody, 401: errorBody, 403: errorBody, 413: errorBody, 422: completionsImportRejected },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        uc.assertMayImport(actor);
        const file = await uploadedFile(request);
        const report = await uc.importCompletions(db, actor, file.bytes, file.name, request.query.dryRun, clock());
        if (!report.dryRun && !report.ok) {
          const e = rowsInvalid(`${report.errorCount} error${report.errorCount === 1 ? '' : 's'} in the file; nothing was imported`);
          return reply.code(422).send({ ...report, error: { code: e.code, message: e.message } });
        }
        return report;
      },
    );
  });
}
