import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody, idParam } from '../../../contracts/common.js';
import {
  attendanceBody,
  attendanceHistoryResponse,
  cellsResponse,
  classSummaryQuery,
  classSummaryResponse,
  journalQuery,
  journalResponse,
  markHistoryResponse,
  marksBody,
  type ClassSummary,
  type Journal,
} from '../../../contracts/learning.js';
import { requireActor } from '../identity/identity.http.js';
import * as repo from './journal.repository.js';
import { findLessonContext } from './lessons.repository.js';
import { setLessonAttendance, setLessonMarks } from './journal.usecases.js';
import { classNotFound, lessonNotFound, subjectNotFound, termNotFound } from './learning.errors.js';
import { canReadClassSummary, isHomeroomOf, isOrgAdmin, teachingAccess, teachingAccessWithoutOrg } from './learning.policy.js';
import { countAttendance, subjectResult, type MarkValue } from './learning.rules.js';
import { toSettings } from './learning.settings.js';
import { assertRange, type LearningDeps } from './learning.deps.js';

export async function journalRoutes(app: FastifyInstance, { db, clock }: LearningDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/learning/journal',
    {
      schema: {
        tags: ['learning'],
        summary: 'The journal grid of a class and subject for a term: pupils × lessons with marks, attendance and results',
        querystring: journalQuery,
        response: { 200: journalResponse, 401: errorBody, 404: errorBody },
      },
    },
    async (request): Promise<Journal> => {
      const actor = requireActor(request);
      const { classId, subjectId, termId } = request.query;
      // the class's teacher and homeroom teacher are decided without a query; admins need the class's organisation
      let access = teachingAccessWithoutOrg(actor, classId, subjectId);
      if (access === 'unknown') {
        const node = await repo.findClassNode(db, classId);
        access = node && isOrgAdmin(actor, node.organisationId) ? 'read' : 'none';
      }
      if (access === 'none') throw classNotFound();
      const row = await repo.findJournal(db, { classId, subjectId, termId: termId ?? null, now: clock() });
      if (!row) throw classNotFound();
      if (!row.subject) throw subjectNotFound();
      if (termId && !row.term) throw termNotFound();
      const settings = toSettings(row.settings, row.org_kind);
      const byPupil = new Map<number, MarkValue[]>();
      for (const m of row.marks) {
        const list = byPupil.get(m.pupilId) ?? [];
        list.push({ kind: m.kind, score: m.score, max: m.max });
        byPupil.set(m.pupilId, list);
      }
      return {
        class: row.class,
        subject: row.subject,
        grading: settings.gradingSystem,
        term: row.term,
        terms: row.terms,
        canEdit: access === 'edit',
        formativeMax: settings.formativeMax,
        pupils: row.pupils,
        lessons: row.lessons,
        marks: row.marks,
        attendance: row.attendance,
        results: row.pupils.map((p) => ({ pupilId: p.id, result: subjectResult(settings, byPupil.get(p.id) ?? []) })),
      };
    },
  );

  r.put(
    '/api/learning/lessons/:id/marks',
    {
      schema: {
        tags: ['learning'],
        summary: 'Enter, change or remove classwork marks of a lesson (one cell or a column); every change is kept in the history',
        params: idParam,
        body: marksBody,
        response: { 200: cellsResponse, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const changed = await setLessonMarks({ db, actor, lessonId: request.params.id, entries: request.body.entries, now: clock() });
      return { changed };
    },
  );

  r.put(
    '/api/learning/lessons/:id/attendance',
    {
      schema: {
        tags: ['learning'],
        summary: 'Record attendance of a lesson: present, absent, late, excused (with a reason); null removes',
        params: idParam,
        body: attendanceBody,
        response: { 200: cellsResponse, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const changed = await setLessonAttendance({ db, actor, lessonId: request.params.id, entries: request.body.entries, now: clock() });
      return { changed };
    },
  );

  r.get(
    '/api/learning/lessons/:id/mark-history',
    {
      schema: {
        tags: ['learning'],
        summary: "Every change to the marks of a lesson's column, with who made it and when",
        params: idParam,
        response: { 200: markHistoryResponse, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const ctx = await findLessonContext(db, request.params.id, clock());
      if (!ctx || teachingAccess(actor, ctx) === 'none') throw lessonNotFound();
      return { items: (await repo.findMarkHistory(db, ctx.id)) as never };
    },
  );

  r.get(
    '/api/learning/lessons/:id/attendance-history',
    {
      schema: {
        tags: ['learning'],
        summary: "Every change to a lesson's attendance (journal entries and online joins), with who made it and when",
        params: idParam,
        response: { 200: attendanceHistoryResponse, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const ctx = await findLessonContext(db, request.params.id, clock());
      if (!ctx || teachingAccess(actor, ctx) === 'none') throw lessonNotFound();
      return { items: (await repo.findAttendanceHistory(db, ctx.id)) as never };
    },
  );

  r.get(
    '/api/learning/classes/:id/summary',
    {
      schema: {
        tags: ['learning'],
        summary: "The homeroom teacher's class summary: a week's attendance (default this week) and the term's results per subject",
        params: idParam,
        querystring: classSummaryQuery,
        response: { 200: classSummaryResponse, 400: errorBody, 401: errorBody, 404: errorBody },
      },
    },
    async (request): Promise<ClassSummary> => {
      const actor = requireActor(request);
      const { from, to } = request.query;
      assertRange(from, to, 31);
      const classId = request.params.id;
      if (!isHomeroomOf(actor, classId)) {
        const node = await repo.findClassNode(db, classId);
        if (!node || !canReadClassSummary(actor, { classId, organisationId: node.organisationId })) throw classNotFound();
      }
      // heavy: on the replica when there is one
      const row = await repo.findClassSummary(db.read, { classId, from: from ?? null, to: to ?? null, now: clock() });
      if (!row) throw classNotFound();
      const settings = toSettings(row.settings, row.org_kind);
      const marks = new Map<string, MarkValue[]>();
      for (const m of row.marks) {
        const key = `${m.pupilId}:${m.subjectId}`;
        const list = marks.get(key) ?? [];
        list.push({ kind: m.kind, score: m.score, max: m.max });
        marks.set(key, list);
      }
      return {
        class: row.class,
        timeZone: row.timeZone,
        from: row.from,
        to: row.to,
        grading: settings.gradingSystem,
        term: row.term,
        pupils: row.pupils,
        subjects: row.subjects,
        lessons: row.lessons,
        attendance: row.attendance,
        totals: row.pupils.map((p) => ({ pupilId: p.id, ...countAttendance(row.attendance.filter((a) => a.pupilId === p.id)) })),
        results: row.pupils.flatMap((p) =>
          row.subjects.flatMap((s) => {
            const list = marks.get(`${p.id}:${s.id}`);
            return list ? [{ pupilId: p.id, subjectId: s.id, result: subjectResult(settings, list) }] : [];
          }),
        ),
      };
    },
  );
}
