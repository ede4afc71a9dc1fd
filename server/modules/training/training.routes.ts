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
  areaEnrolBody,
  areaEnrolResult,
  attemptBody,
  attemptResult,
  contentBody,
  courseContent,
  coursePage,
  moduleParams,
  publishedVersion,
  withdrawBody,
  withdrawResult,
} from '../../../contracts/training.js';
import { storedFileSchema } from '../../../contracts/learning.js';
import { createFileStore, loadFilesConfig, storeUpload, tooLargeError } from '../files/files.usecases.js';
import * as cc from './training.content.usecases.js';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE } from '../../platform/export/index.js';
import { PDF_CONTENT_TYPE, pdfDisposition } from '../../platform/pdf/index.js';
import { requireActor } from '../identity/identity.http.js';
import { clockFromEnv } from '../../platform/clock.js';
import { analyticsSettings } from '../analytics/analytics.usecases.js';
import * as uc from './training.usecases.js';
import { fileTooLarge, mayNotEdit, noFile, rowsInvalid } from './training.errors.js';

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
  const filesConfig = loadFilesConfig();
  const store = createFileStore(filesConfig);

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

  // ── courses built in Sabaq (decision 0034) ──
  r.get(
    '/api/training/courses/:id/content',
    {
      schema: {
        tags,
        summary: "A course's draft modules, materials and quizzes, and its published versions (ministry)",
        params: idParam,
        response: { 200: courseContent, ...errors },
      },
    },
    async (request) => cc.courseContent(db, requireActor(request), request.params.id),
  );

  r.put(
    '/api/training/courses/:id/content',
    {
      schema: {
        tags,
        summary: "Save a course's whole draft: modules in order, materials, quizzes, attempt settings (ministry); a bad quiz writes nothing",
        params: idParam,
        body: contentBody,
        response: { 200: courseContent, ...errors },
      },
    },
    async (request) => cc.saveContent(db, requireActor(request), request.params.id, request.body),
  );

  r.post(
    '/api/training/courses/:id/publish',
    {
      schema: { tags, summary: 'Publish the draft as the next frozen version (ministry)', params: idParam, response: { 201: publishedVersion, ...errors } },
    },
    async (request, reply) => reply.code(201).send(await cc.publish(db, requireActor(request), request.params.id, clock())),
  );

  r.get(
    '/api/training/enrolments/:id/course',
    {
      schema: {
        tags,
        summary: 'The course page of an enrolment: modules in order, progress, quizzes without their answers, attempts (the teacher or their admin)',
        params: idParam,
        response: { 200: coursePage, ...errors },
      },
    },
    async (request) => cc.coursePage(db, requireActor(request), request.params.id, clock()),
  );

  r.post(
    '/api/training/enrolments/:id/modules/:moduleId/read',
    {
      schema: { tags, summary: 'Mark a module read (the teacher)', params: moduleParams, response: { 200: coursePage, ...errors } },
    },
    async (request) => cc.markRead(db, requireActor(request), request.params.id, request.params.moduleId, clock()),
  );

  r.post(
    '/api/training/enrolments/:id/modules/:moduleId/attempts',
    {
      schema: {
        tags,
        summary: "Answer a module's quiz (the teacher): marked on the server; passing every required quiz completes the course",
        params: moduleParams,
        body: attemptBody,
        response: { 201: attemptResult, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await cc.submitAttempt(db, requireActor(request), request.params.id, request.params.moduleId, request.body.answers, clock())),
  );

  r.get(
    '/api/training/enrolments/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: "A file of the course's materials (the teacher or their admin)",
        params: z.object({ id: idParam.shape.id, fileId: z.uuid() }).strict(),
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const { file, stream } = await cc.enrolmentFile(db, store, requireActor(request), request.params.id, request.params.fileId);
      return reply
        .headers({
          'content-type': file.contentType,
          'content-length': String(file.sizeBytes),
          'content-disposition': disposition(file.name),
          'x-content-type-options': 'nosniff',
          'cache-control': 'private, no-store',
        })
        .send(stream);
    },
  );

  r.post(
    '/api/training/areas/enrolments',
    {
      schema: {
        tags,
        summary: 'Enrol every teacher of a district or region in a course (officers of that area); the already enrolled are skipped',
        body: areaEnrolBody,
        response: { 200: areaEnrolResult, ...errors },
      },
    },
    async (request) => uc.enrolArea(db, requireActor(request), request.body, today()),
  );

  r.post(
    '/api/training/certificates/:code/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw a certificate with a reason (ministry); the public check then answers valid: false',
        params: certificateCodeParam,
        body: withdrawBody,
        response: { 200: withdrawResult, ...errors },
      },
    },
    async (request) => uc.withdrawCertificate(db, requireActor(request), request.params.code, request.body.reason, clock()),
  );

  // a ministry officer's upload of a course material (the files module's store and type checks)
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: filesConfig.maxBytes, files: 1, fields: 0, parts: 2, headerPairs: 100 } });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/training/files',
      {
        schema: {
          tags,
          summary: 'Upload a file for course materials (ministry; multipart, field "file")',
          consumes: ['multipart/form-data'],
          response: { 201: storedFileSchema, 400: errorBody, 401: errorBody, 403: errorBody, 413: errorBody, 415: errorBody },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        if (!actor.grants.some((g) => g.role === 'ministry_officer')) throw mayNotEdit();
        if (Number(request.headers['content-length'] ?? 0) > filesConfig.maxBytes + 64 * 1024) throw tooLargeError(filesConfig);
        if (!request.isMultipart()) throw noFile();
        const part = await request.file();
        if (part?.fieldname !== 'file') throw noFile();
        const f = await storeUpload({
          db,
          store,
          config: filesConfig,
          ownerId: actor.personId,
          fileName: part.filename,
          body: part.file,
          truncated: () => part.file.truncated,
        });
        return reply.code(201).send({ id: f.id, name: f.name, contentType: f.contentType, size: f.sizeBytes, createdAt: f.createdAt.toISOString() });
      },
    );
  });

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
