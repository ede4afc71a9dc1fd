import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody, idParam } from '../../../contracts/common.js';
import { diaryQuery, diaryResponse, summaryQuery, summaryResponse, type PupilSummary } from '../../../contracts/learning.js';
import type { Actor } from '../identity/identity.actor.js';
import { requireActor } from '../identity/identity.http.js';
import type { Queryable } from '../../platform/db.js';
import * as repo from './diary.repository.js';
import { pupilNotFound, termNotFound } from './learning.errors.js';
import { canReadPupil, canReadPupilWithoutLookup } from './learning.policy.js';
import { countAttendance, DEFAULT_SETTINGS, subjectResult, type MarkValue } from './learning.rules.js';
import { toSettings } from './learning.settings.js';
import { assertRange, type LearningDeps } from './learning.deps.js';

/** Self and parents pass without a query (the morning peak); homeroom teachers and admins need the pupil's classes. */
export async function assertCanReadPupil(db: Queryable, actor: Actor, pupilId: number): Promise<void> {
  if (canReadPupilWithoutLookup(actor, pupilId)) return;
  const scope = await repo.findPupilScope(db, pupilId);
  if (!canReadPupil(actor, { pupilId, ...scope })) throw pupilNotFound();
}

export async function diaryRoutes(app: FastifyInstance, { db, clock, classDays }: LearningDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/learning/pupils/:id/diary',
    {
      schema: {
        tags: ['learning'],
        summary: "A pupil's day (Today, the default) or days (the week's diary): lessons, how to join, homework due, announcements",
        params: idParam,
        querystring: diaryQuery,
        response: { 200: diaryResponse, 400: errorBody, 401: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { from, to } = request.query;
      assertRange(from, to, 31);
      await assertCanReadPupil(db, actor, request.params.id);
      const args = { pupilId: request.params.id, from: from ?? null, to: to ?? null, now: clock() };
      // the classes' days from the process's cache (decision 0026), or the whole day in one query
      const body = classDays ? await classDays.diary(db, args) : await repo.findDiaryJson(db, args);
      if (!body) throw pupilNotFound();
      // built by PostgreSQL in the declared shape (see findDiaryJson): sent as it is
      return reply.type('application/json; charset=utf-8').send(body as never);
    },
  );

  r.get(
    '/api/learning/pupils/:id/summary',
    {
      schema: {
        tags: ['learning'],
        summary: "A pupil's term: marks and results per subject, attendance (the parent's child summary)",
        params: idParam,
        querystring: summaryQuery,
        response: { 200: summaryResponse, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await assertCanReadPupil(db, actor, request.params.id);
      const row = await repo.findSummary(db, { pupilId: request.params.id, termId: request.query.termId ?? null, now: clock() });
      if (!row) throw pupilNotFound();
      if (request.query.termId && !row.term) throw termNotFound();
      return toSummary(row);
    },
  );
}

export function toSummary(row: repo.SummaryRow): PupilSummary {
  // a pupil in no class has no organisation: the national defaults (and no subjects) apply
  const settings = row.settings && row.org_kind ? toSettings(row.settings, row.org_kind) : { ...DEFAULT_SETTINGS, gradingSystem: 'criteria' as const };
  const grading = settings.gradingSystem;
  const subjects = row.subjects.map((subject) => {
    const marks = row.marks.filter((m) => m.subjectId === subject.id);
    const values: MarkValue[] = marks.map((m) => ({ kind: m.kind as MarkValue['kind'], score: m.score, max: m.max }));
    return {
      subject,
      marks: marks.map((m) => ({
        lessonId: m.lessonId,
        homeworkId: m.homeworkId,
        date: m.date,
        kind: m.kind as MarkValue['kind'],
        score: m.score,
        max: m.max,
        comment: m.comment,
      })),
      result: subjectResult(settings, values),
      attendance: countAttendance(row.attendance_counts.filter((a) => a.subjectId === subject.id)),
    };
  });
  const byId = new Map(row.subjects.map((s) => [s.id, s]));
  return {
    pupil: row.pupil!,
    grading,
    term: row.term,
    terms: row.terms.filter((t): t is NonNullable<typeof t> => t !== null),
    subjects,
    attendance: {
      ...countAttendance(row.attendance_counts),
      recent: row.recent.flatMap((a) => {
        const subject = byId.get(a.subjectId);
        return subject ? [{ lessonId: a.lessonId, date: a.date, subject, status: a.status, reason: a.reason }] : [];
      }),
    },
  };
}
