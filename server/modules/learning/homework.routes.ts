import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParam, idSchema } from '../../../contracts/common.js';
import {
  homeworkCreate,
  homeworkPatch,
  homeworkSchema,
  homeworkView,
  inboxQuery,
  inboxResponse,
  submissionCreate,
  submissionMarkBody,
  submissionSchema,
  type Homework,
  type Submission,
} from '../../../contracts/learning.js';
import { requireActor } from '../identity/identity.http.js';
import type { Queryable } from '../../platform/db.js';
import * as repo from './homework.repository.js';
import { pupilsInClass } from './journal.repository.js';
import { createHomework, deleteHomework, markSubmission, submitWork, updateHomework } from './homework.usecases.js';
import { homeworkNotFound, idempotencyKeyInvalid, idempotencyKeyRequired, submissionNotFound } from './learning.errors.js';
import { isPupilOf, lessonAccess, submissionAccess, teaches, teachingAccess } from './learning.policy.js';
import type { LearningDeps } from './learning.deps.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The Idempotency-Key header, checked before anything is read or written. */
function idempotencyKey(value: string | string[] | undefined): string {
  if (value === undefined || value === '') throw idempotencyKeyRequired();
  if (Array.isArray(value) || !UUID.test(value))
    throw idempotencyKeyInvalid(`The Idempotency-Key header must be a UUID such as 1b4e28ba-2fa1-11d2-883f-0016d3cca427`);
  return value.toLowerCase();
}

export async function loadHomework(db: Queryable, id: number, withCounts: boolean): Promise<Homework> {
  return (await loadHomeworkWithLesson(db, id, withCounts)).homework;
}

async function loadHomeworkWithLesson(db: Queryable, id: number, withCounts: boolean): Promise<{ homework: Homework; lesson: repo.HomeworkRow['lesson'] }> {
  const h = await repo.findHomework(db, id);
  if (!h) throw homeworkNotFound();
  return {
    homework: {
      id: h.id,
      lessonId: h.lessonId,
      title: h.title,
      instructions: h.instructions,
      dueAt: h.dueAt,
      materials: h.materials as Homework['materials'],
      videos: h.videos,
      submitted: withCounts ? h.submitted : null,
      toMark: withCounts ? h.toMark : null,
    },
    lesson: h.lesson,
  };
}

const toSubmission = (s: repo.SubmissionRow): Submission => ({
  id: s.id,
  homeworkId: s.homeworkId,
  pupil: s.pupil,
  status: s.status,
  late: s.late,
  attempts: s.attempts,
  firstSubmittedAt: s.firstSubmittedAt,
  submittedAt: s.submittedAt,
  text: s.text,
  files: s.files,
  mark: s.mark,
});

export async function homeworkRoutes(app: FastifyInstance, { db, clock }: LearningDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const writeErrors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

  r.post(
    '/api/learning/lessons/:id/homework',
    {
      schema: {
        tags: ['learning'],
        summary: 'Set homework in a lesson (due within its term), with links or uploaded files',
        params: idParam,
        body: homeworkCreate,
        response: { 201: homeworkSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const b = request.body;
      const id = await createHomework({
        db,
        actor,
        lessonId: request.params.id,
        title: b.title,
        instructions: b.instructions ?? null,
        dueAt: b.dueAt,
        materials: b.materials,
        now: clock(),
      });
      return reply.code(201).send(await loadHomework(db, id, true));
    },
  );

  r.patch(
    '/api/learning/homework/:id',
    {
      schema: {
        tags: ['learning'],
        summary: 'Change homework (title, instructions, due time)',
        params: idParam,
        body: homeworkPatch,
        response: { 200: homeworkSchema, ...writeErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await updateHomework({ db, actor, homeworkId: request.params.id, ...request.body, now: clock() });
      return loadHomework(db, request.params.id, true);
    },
  );

  r.delete(
    '/api/learning/homework/:id',
    {
      schema: { tags: ['learning'], summary: 'Withdraw homework nobody has submitted', params: idParam, response: { 204: z.null(), ...writeErrors } },
    },
    async (request, reply) => {
      await deleteHomework({ db, actor: requireActor(request), homeworkId: request.params.id });
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/learning/homework/:id',
    {
      schema: {
        tags: ['learning'],
        summary: "Homework with the pupil's own submission (pupil, parent) or every pupil's (teacher, homeroom, admin)",
        params: idParam,
        querystring: z.object({ pupilId: idSchema.optional() }).strict(),
        response: { 200: homeworkView, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const h = await repo.findHomeworkContext(db, request.params.id);
      if (!h || lessonAccess(actor, h) === 'none') throw homeworkNotFound();
      const reader = teachingAccess(actor, h) !== 'none';
      const { homework, lesson } = await loadHomeworkWithLesson(db, h.id, reader);
      // whose submission: the pupil's own, or a parent's child in this class (?pupilId= picks among twins)
      let pupilId: number | null = isPupilOf(actor, h.classId) ? actor.personId : null;
      if (pupilId === null && actor.childClassIds.includes(h.classId)) {
        const wanted = request.query.pupilId ? [request.query.pupilId].filter((id) => actor.childIds.includes(id)) : actor.childIds;
        const inClass = await pupilsInClass(db, h.classId, wanted);
        pupilId = wanted.find((id) => inClass.has(id)) ?? null;
      }
      const mine = pupilId === null ? null : await repo.findSubmissionOf(db, h.id, pupilId);
      return {
        homework,
        lesson,
        mySubmission: mine ? toSubmission(mine) : null,
        pupils: reader ? ((await repo.findClassSubmissions(db, h.id, h.classId)) as never) : null,
        canSubmit: isPupilOf(actor, h.classId) && mine?.status !== 'marked',
        canEdit: teaches(actor, h.classId, h.subjectId),
      };
    },
  );

  r.post(
    '/api/learning/homework/:id/submissions',
    {
      schema: {
        tags: ['learning'],
        summary:
          'Submit or resubmit work (text and uploaded files). Send an Idempotency-Key header (UUID); a retry with the same key returns the original result',
        params: idParam,
        body: submissionCreate,
        headers: z.object({ 'idempotency-key': z.string().max(100).optional() }),
        response: { 201: submissionSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const key = idempotencyKey(request.headers['idempotency-key']);
      const result = await submitWork({
        db,
        actor,
        homeworkId: request.params.id,
        key,
        text: request.body.text ?? null,
        fileIds: request.body.fileIds,
        now: clock(),
      });
      const sub = await repo.findSubmission(db, result.submissionId, result.attemptId);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(toSubmission(sub!));
    },
  );

  r.get(
    '/api/learning/submissions/:id',
    {
      schema: {
        tags: ['learning'],
        summary: 'One submission with its text, files and mark',
        params: idParam,
        response: { 200: submissionSchema, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const sub = await repo.findSubmission(db, request.params.id);
      if (!sub || submissionAccess(actor, sub) === 'none') throw submissionNotFound();
      return toSubmission(sub);
    },
  );

  r.put(
    '/api/learning/submissions/:id/mark',
    {
      schema: {
        tags: ['learning'],
        summary: 'Mark submitted work (formative 1..10 for schools, 0..100 points for universities); the mark joins the journal',
        params: idParam,
        body: submissionMarkBody,
        response: { 200: submissionSchema, ...writeErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await markSubmission({ db, actor, submissionId: request.params.id, score: request.body.score, comment: request.body.comment, now: clock() });
      return toSubmission((await repo.findSubmission(db, request.params.id))!);
    },
  );

  r.delete(
    '/api/learning/submissions/:id/mark',
    {
      schema: {
        tags: ['learning'],
        summary: 'Remove the mark and hand the work back: the pupil may resubmit',
        params: idParam,
        response: { 200: submissionSchema, ...writeErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await markSubmission({ db, actor, submissionId: request.params.id, score: null, now: clock() });
      return toSubmission((await repo.findSubmission(db, request.params.id))!);
    },
  );

  r.get(
    '/api/learning/inbox',
    {
      schema: {
        tags: ['learning'],
        summary: "The teacher's inbox: submitted work waiting to be marked in the classes and subjects they teach, oldest first",
        querystring: inboxQuery,
        response: { 200: inboxResponse, 401: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { classId, subjectId, homeworkId, state, limit, page } = request.query;
      const pairs = actor.taught.filter((t) => (!classId || t.classId === classId) && (!subjectId || t.subjectId === subjectId));
      if (!pairs.length) return { total: 0, page, pageSize: limit, homeworks: [], items: [] };
      const inbox = await repo.findInbox(db, {
        classIds: pairs.map((p) => p.classId),
        subjectIds: pairs.map((p) => p.subjectId),
        limit,
        homeworkId,
        state,
        page,
      });
      return inbox as never;
    },
  );
}
