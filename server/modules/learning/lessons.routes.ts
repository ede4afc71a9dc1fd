import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParam } from '../../../contracts/common.js';
import {
  joinResponse,
  lessonCreate,
  lessonDetail,
  lessonPatch,
  materialInput,
  materialSchema,
  teacherLessonsQuery,
  teacherLessonsResponse,
  teachingResponse,
  tvLessonsQuery,
  tvLessonsResponse,
  type LessonDetail,
} from '../../../contracts/learning.js';
import { organisationsWhere, type Actor } from '../identity/identity.actor.js';
import { requireActor } from '../identity/identity.http.js';
import type { Queryable } from '../../platform/db.js';
import * as repo from './lessons.repository.js';
import { addLesson, addMaterial, editLesson, joinLesson, removeMaterial } from './lessons.usecases.js';
import { lessonNotFound } from './learning.errors.js';
import { lessonAccess } from './learning.policy.js';
import { assertRange, type LearningDeps } from './learning.deps.js';

/** The lesson page: everyone who sees the class's lesson; the join link only for its teacher (pupils get it by joining). */
async function lessonFor(db: Queryable, actor: Actor, id: number): Promise<LessonDetail> {
  const row = await repo.findLessonDetail(db, id, true);
  const access = row ? lessonAccess(actor, { classId: row.classId, subjectId: row.subjectId, organisationId: row.organisationId }) : 'none';
  if (!row || access === 'none') throw lessonNotFound();
  const { classId: _c, subjectId: _s, ...rest } = row;
  const editor = access === 'edit';
  return {
    ...rest,
    delivery: { ...rest.delivery, joinUrl: editor ? rest.delivery.joinUrl : null },
    // homework counts are for the teacher's eyes
    homework: rest.homework.map((h) => ({ ...h, submitted: editor ? h.submitted : null, toMark: editor ? h.toMark : null })),
    joinable: row.delivery.kind === 'online_live' && !row.cancelled,
    canEdit: editor,
  };
}

export async function lessonsRoutes(app: FastifyInstance, { db, clock }: LearningDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const writeErrors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

  r.get(
    '/api/learning/lessons/:id',
    {
      schema: {
        tags: ['learning'],
        summary: 'A lesson: time, delivery, topic, materials, homework (the lesson page and the lesson editor)',
        params: idParam,
        response: { 200: lessonDetail, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => lessonFor(db, requireActor(request), request.params.id),
  );

  r.patch(
    '/api/learning/lessons/:id',
    {
      schema: {
        tags: ['learning'],
        summary: "Edit a lesson: topic, delivery, the journal column's assessment, room, cancellation",
        params: idParam,
        body: lessonPatch,
        response: { 200: lessonDetail, ...writeErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await editLesson({ db, actor, lessonId: request.params.id, patch: request.body, now: clock() });
      return lessonFor(db, actor, request.params.id);
    },
  );

  r.post(
    '/api/learning/lessons',
    {
      schema: {
        tags: ['learning'],
        summary: 'Add a one-off lesson (make-up, consultation) on a school day of a term',
        body: lessonCreate,
        response: { 201: lessonDetail, ...writeErrors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const b = request.body;
      const id = await addLesson({
        db,
        actor,
        classId: b.classId,
        subjectId: b.subjectId,
        date: b.date,
        periodNumber: b.periodNumber,
        topic: b.topic ?? null,
        delivery: b.delivery,
        activity: b.activity,
        roomId: b.roomId ?? null,
        now: clock(),
      });
      return reply.code(201).send(await lessonFor(db, actor, id));
    },
  );

  r.post(
    '/api/learning/lessons/:id/materials',
    {
      schema: {
        tags: ['learning'],
        summary: 'Attach a link or an uploaded file to a lesson',
        params: idParam,
        body: materialInput,
        response: { 201: materialSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await addMaterial({ db, actor, lessonId: request.params.id, material: request.body, now: clock() });
      return reply.code(201).send((await repo.findMaterial(db, id))!.material as never);
    },
  );

  r.delete(
    '/api/learning/materials/:id',
    {
      schema: { tags: ['learning'], summary: 'Remove a material from its lesson', params: idParam, response: { 204: z.null(), ...writeErrors } },
    },
    async (request, reply) => {
      await removeMaterial({ db, actor: requireActor(request), materialId: request.params.id, now: clock() });
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/learning/lessons/:id/join',
    {
      schema: {
        tags: ['learning'],
        summary: 'Join an online lesson: records the pupil present online and returns the link (POST: it changes the journal)',
        params: idParam,
        response: { 200: joinResponse, 401: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => joinLesson({ db, actor: requireActor(request), lessonId: request.params.id, now: clock() }),
  );

  r.get(
    '/api/learning/me/lessons',
    {
      schema: {
        tags: ['learning'],
        summary: "The teacher's lessons in a range (default today), across classes",
        querystring: teacherLessonsQuery,
        response: { 200: teacherLessonsResponse, 400: errorBody, 401: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { from, to } = request.query;
      assertRange(from, to, 31);
      return (await repo.findTeacherLessons(db, { teacherId: actor.personId, from: from ?? null, to: to ?? null, now: clock() })) as never;
    },
  );

  r.get(
    '/api/learning/me/tv-lessons',
    {
      schema: {
        tags: ['learning'],
        summary: "A day's class lessons on slots of the TV grid, among the classes I may see (the slot's side: which lessons it serves)",
        querystring: tvLessonsQuery,
        response: { 200: tvLessonsResponse, 400: errorBody, 401: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      // the reader's classes: those they teach or lead, their own, their children's; an admin's whole organisation
      const classIds = [...new Set([...actor.taught.map((x) => x.classId), ...actor.homeroomClassIds, ...actor.pupilClassIds, ...actor.childClassIds])];
      const items = await repo.findTvLessons(db, { date: request.query.date, classIds, organisationIds: organisationsWhere(actor, 'org_admin') });
      return { date: request.query.date, items };
    },
  );

  r.get(
    '/api/learning/me/teaching',
    {
      schema: {
        tags: ['learning'],
        summary: 'What the teacher teaches (class × subject with the current term and work to mark) and their homeroom classes',
        response: { 200: teachingResponse, 401: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const t = await repo.findTeaching(db, actor.personId, actor.homeroomClassIds, clock());
      return { items: t.items as never, homeroomClasses: t.homeroom as never };
    },
  );
}
