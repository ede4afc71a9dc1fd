import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParam } from '../../../contracts/common.js';
import {
  assignmentCreate,
  assignmentList,
  assignmentSchema,
  calendarResponse,
  courseCreate,
  courseResponse,
  generateBody,
  generatePreview,
  generateResponse,
  holidayCreate,
  holidaySchema,
  organisationTimetable,
  organisationTimetableQuery,
  periodList,
  periodsBody,
  planBody,
  planResponse,
  roomList,
  settingsResponse,
  settingsSchema,
  slotCheckResponse,
  slotCreate,
  slotMove,
  slotMoveResponse,
  slotSchema,
  subjectList,
  termCreate,
  termSchema,
  timetableQuery,
  timetableResponse,
} from '../../../contracts/learning.js';
import type { Actor } from '../identity/identity.actor.js';
import { requireActor } from '../identity/identity.http.js';
import type { Queryable } from '../../platform/db.js';
import * as repo from './plan.repository.js';
import {
  addHoliday,
  checkSlot,
  createAssignment,
  createCourse,
  createSlot,
  createTerm,
  generateTermLessons,
  moveSlot,
  previewTermLessons,
  setPeriods,
} from './plan.usecases.js';
import { assignmentNotFound, classNotFound, organisationNotFound, settingsInvalid, slotNotFound, termNotFound } from './learning.errors.js';
import { canManagePlan, canReadClass, canReadPlan } from './learning.policy.js';
import { checkSettings, localDateOf, type LearningSettings } from './learning.rules.js';
import { loadSettings, saveSettings } from './learning.settings.js';
import type { LearningDeps } from './learning.deps.js';

const adminErrors = { 400: errorBody, 401: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

async function organisationFor(db: Queryable, actor: Actor, id: number, need: 'read' | 'manage') {
  const org = await repo.findOrganisation(db, id);
  const ok = org && (need === 'manage' ? canManagePlan(actor, org.id) : canReadPlan(actor, org.id));
  if (!ok) throw organisationNotFound();
  return org;
}

function settingsBody(s: LearningSettings, own: boolean, stored: 'criteria' | 'credit' | null) {
  return {
    gradingSystem: stored,
    effectiveGradingSystem: s.gradingSystem,
    own,
    acceptLateSubmissions: s.acceptLateSubmissions,
    joinEarlyMinutes: s.joinEarlyMinutes,
    lateAfterMinutes: s.lateAfterMinutes,
    formativeMax: s.formativeMax,
    weights: s.weights,
    termGradeBands: s.termGradeBands,
    creditWeights: s.creditWeights,
    letterGrades: s.letterGrades,
  };
}

export async function planRoutes(app: FastifyInstance, { db, clock }: LearningDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/learning/subjects',
    {
      schema: { tags: ['learning'], summary: 'Every subject (for pickers)', response: { 200: subjectList, 401: errorBody } },
    },
    async (request) => {
      requireActor(request);
      return { items: (await repo.listSubjects(db)) as never };
    },
  );

  // ── teaching plan ───────────────────────────────────────────────────────
  r.get(
    '/api/learning/organisations/:id/plan',
    {
      schema: {
        tags: ['learning'],
        summary: "Subjects per grade with weekly hours: the organisation's own plan, else the national one",
        params: idParam,
        response: { 200: planResponse, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const org = await organisationFor(db, requireActor(request), request.params.id, 'read');
      return (await repo.findPlan(db, org.id)) as never;
    },
  );

  r.put(
    '/api/learning/organisations/:id/plan',
    {
      schema: {
        tags: ['learning'],
        summary: "Replace the organisation's own plan (an empty list returns to the national plan)",
        params: idParam,
        body: planBody,
        response: { 200: planResponse, ...adminErrors },
      },
    },
    async (request) => {
      const org = await organisationFor(db, requireActor(request), request.params.id, 'manage');
      await db.transaction((tx) => repo.replacePlan(tx, org.id, request.body.items));
      return (await repo.findPlan(db, org.id)) as never;
    },
  );

  // ── teaching assignments and courses ───────────────────────────────────
  r.get(
    '/api/learning/organisations/:id/assignments',
    {
      schema: {
        tags: ['learning'],
        summary: 'Who teaches what in which class',
        params: idParam,
        response: { 200: assignmentList, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const org = await organisationFor(db, requireActor(request), request.params.id, 'manage');
      return { items: (await repo.listAssignments(db, org.id)) as never };
    },
  );

  r.post(
    '/api/learning/organisations/:id/assignments',
    {
      schema: {
        tags: ['learning'],
        summary: 'Assign a teacher to a subject in a class',
        params: idParam,
        body: assignmentCreate,
        response: { 201: assignmentSchema, ...adminErrors },
      },
    },
    async (request, reply) => {
      const org = await organisationFor(db, requireActor(request), request.params.id, 'manage');
      const id = await createAssignment({ db, organisationId: org.id, ...request.body });
      return reply.code(201).send((await repo.findAssignment(db, id)) as never);
    },
  );

  r.delete(
    '/api/learning/assignments/:id',
    {
      schema: {
        tags: ['learning'],
        summary: 'Unassign: the teacher loses access to the class and subject on their next request',
        params: idParam,
        response: { 204: z.null(), 401: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const a = await repo.findAssignment(db, request.params.id);
      if (!a || !canManagePlan(actor, a.organisationId)) throw assignmentNotFound();
      await repo.deleteAssignment(db, request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/learning/organisations/:id/courses',
    {
      schema: {
        tags: ['learning'],
        summary: 'A course taught to several groups (universities, colleges)',
        params: idParam,
        body: courseCreate,
        response: { 201: courseResponse, ...adminErrors },
      },
    },
    async (request, reply) => {
      const org = await organisationFor(db, requireActor(request), request.params.id, 'manage');
      const b = request.body;
      const course = await createCourse({
        db,
        organisationId: org.id,
        subjectId: b.subjectId,
        code: b.code,
        title: b.title ?? null,
        credits: b.credits ?? null,
        teacherId: b.teacherId,
        classIds: b.classIds,
      });
      const assignments = [];
      for (const id of course.assignmentIds) assignments.push(await repo.findAssignment(db, id));
      return reply.code(201).send({ id: course.id, code: b.code, assignments: assignments as never });
    },
  );

  // ── calendar ────────────────────────────────────────────────────────────
  r.get(
    '/api/learning/organisations/:id/calendar',
    {
      schema: {
        tags: ['learning'],
        summary: 'Terms and holidays (national and own)',
        params: idParam,
        response: { 200: calendarResponse, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const org = await organisationFor(db, requireActor(request), request.params.id, 'read');
      return (await repo.findCalendar(db, org.id)) as never;
    },
  );

  r.post(
    '/api/learning/organisations/:id/terms',
    {
      schema: {
        tags: ['learning'],
        summary: 'Add a term: quarters 1-4 (schools) or semesters 1-2, inside the academic year, not overlapping',
        params: idParam,
        body: termCreate,
        response: { 201: termSchema, ...adminErrors },
      },
    },
    async (request, reply) => {
      const org = await organisationFor(db, requireActor(request), request.params.id, 'manage');
      const id = await createTerm({ db, organisationId: org.id, ...request.body });
      const t = (await repo.findTerm(db, id))!;
      return reply.code(201).send({ id: t.id, kind: t.kind, number: t.number, startsOn: t.startsOn, endsOn: t.endsOn, academicYearId: t.academicYearId });
    },
  );

  r.post(
    '/api/learning/organisations/:id/holidays',
    {
      schema: {
        tags: ['learning'],
        summary: "Add one of the organisation's own days without lessons",
        params: idParam,
        body: holidayCreate,
        response: { 201: holidaySchema, ...adminErrors },
      },
    },
    async (request, reply) => {
      const org = await organisationFor(db, requireActor(request), request.params.id, 'manage');
      const id = await addHoliday({ db, organisationId: org.id, ...request.body });
      return reply.code(201).send({ id, organisationId: org.id, ...request.body });
    },
  );

  // ── bells ───────────────────────────────────────────────────────────────
  r.get(
    '/api/learning/organisations/:id/periods',
    {
      schema: {
        tags: ['learning'],
        summary: 'Bell schedule per shift (local times)',
        params: idParam,
        response: { 200: periodList, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const org = await organisationFor(db, requireActor(request), request.params.id, 'read');
      return { timeZone: org.timeZone, items: await repo.listPeriods(db, org.id) };
    },
  );

  r.put(
    '/api/learning/organisations/:id/periods',
    {
      schema: { tags: ['learning'], summary: "Replace one shift's bells", params: idParam, body: periodsBody, response: { 200: periodList, ...adminErrors } },
    },
    async (request) => {
      const org = await organisationFor(db, requireActor(request), request.params.id, 'manage');
      await setPeriods({ db, organisationId: org.id, ...request.body });
      return { timeZone: org.timeZone, items: await repo.listPeriods(db, org.id) };
    },
  );

  // ── timetable ───────────────────────────────────────────────────────────
  r.get(
    '/api/learning/classes/:id/timetable',
    {
      schema: {
        tags: ['learning'],
        summary: "A class's weekly timetable for a term (default: the current term)",
        params: idParam,
        querystring: timetableQuery,
        response: { 200: timetableResponse, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const cls = await repo.findClassForPlan(db, request.params.id);
      if (!cls || !canReadClass(actor, { classId: cls.id, organisationId: cls.organisationId })) throw classNotFound();
      let term = request.query.termId
        ? await repo.findTerm(db, request.query.termId)
        : await repo.findTermOn(db, cls.organisationId, localDateOf(clock(), cls.timeZone));
      if (request.query.termId && (!term || term.organisationId !== cls.organisationId)) throw termNotFound();
      term ??= null;
      return {
        class: { id: cls.id, name: cls.name },
        term: term && { id: term.id, kind: term.kind, number: term.number, startsOn: term.startsOn, endsOn: term.endsOn, academicYearId: term.academicYearId },
        slots: term ? ((await repo.findTimetable(db, cls.id, term.id)) as never) : [],
      };
    },
  );

  r.post(
    '/api/learning/classes/:id/timetable',
    {
      schema: {
        tags: ['learning'],
        summary: 'Put a weekly lesson in the timetable; 409 names the clash when the teacher, room or class is busy then',
        params: idParam,
        body: slotCreate,
        response: { 201: slotSchema, ...adminErrors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const cls = await repo.findClassForPlan(db, request.params.id);
      if (!cls || !canManagePlan(actor, cls.organisationId)) throw classNotFound();
      const id = await createSlot({ db, organisationId: cls.organisationId, classId: cls.id, ...request.body });
      const slots = await repo.findTimetable(db, cls.id, request.body.termId);
      return reply.code(201).send(slots.find((s) => s.id === id) as never);
    },
  );

  r.post(
    '/api/learning/classes/:id/timetable/check',
    {
      schema: {
        tags: ['learning'],
        summary: 'Check a weekly lesson before saving it: 200 when it fits, else the same 409/422 (and reason) the save would give; writes nothing',
        params: idParam,
        body: slotCreate,
        response: { 200: slotCheckResponse, ...adminErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const cls = await repo.findClassForPlan(db, request.params.id);
      if (!cls || !canManagePlan(actor, cls.organisationId)) throw classNotFound();
      await checkSlot({ db, organisationId: cls.organisationId, classId: cls.id, ...request.body });
      return { ok: true as const };
    },
  );

  r.patch(
    '/api/learning/timetable/:id',
    {
      schema: {
        tags: ['learning'],
        summary: 'Move a weekly lesson to another day, period or room in one step (every clash checked; dryRun checks only)',
        params: idParam,
        body: slotMove,
        response: { 200: slotMoveResponse, ...adminErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const slot = await repo.findSlot(db, request.params.id);
      if (!slot || !canManagePlan(actor, slot.organisationId)) throw slotNotFound();
      const org = (await repo.findOrganisation(db, slot.organisationId))!;
      const b = request.body;
      const moved = await moveSlot({
        db,
        slotId: slot.id,
        weekday: b.weekday,
        periodNumber: b.periodNumber,
        roomId: b.roomId,
        today: localDateOf(clock(), org.timeZone),
        dryRun: b.dryRun,
      });
      const placed = b.dryRun ? null : (await repo.findTimetable(db, slot.classId, slot.termId)).find((s) => s.id === moved.slotId);
      return { slot: (placed ?? null) as never, lessonsRemoved: moved.lessonsRemoved, dryRun: b.dryRun };
    },
  );

  r.get(
    '/api/learning/organisations/:id/timetable',
    {
      schema: {
        tags: ['learning'],
        summary: 'Every weekly lesson of the organisation in a term (default: the current one, else the first), for the views by teacher and by room',
        params: idParam,
        querystring: organisationTimetableQuery,
        response: { 200: organisationTimetable, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const org = await organisationFor(db, requireActor(request), request.params.id, 'manage');
      const calendar = await repo.findCalendar(db, org.id);
      const terms = calendar.terms as { id: number }[];
      const today = localDateOf(clock(), org.timeZone);
      let term = request.query.termId ? await repo.findTerm(db, request.query.termId) : await repo.findTermOn(db, org.id, today);
      if (request.query.termId && (!term || term.organisationId !== org.id)) throw termNotFound();
      if (!term && terms[0]) term = await repo.findTerm(db, terms[0].id);
      const termBody = term && {
        id: term.id,
        kind: term.kind,
        number: term.number,
        startsOn: term.startsOn,
        endsOn: term.endsOn,
        academicYearId: term.academicYearId,
      };
      return {
        today,
        term: termBody ?? null,
        terms: terms as never,
        slots: term ? ((await repo.findOrganisationTimetable(db, org.id, term.id)) as never) : [],
      };
    },
  );

  r.get(
    '/api/learning/organisations/:id/rooms',
    {
      schema: {
        tags: ['learning'],
        summary: "The organisation's rooms (for the timetable)",
        params: idParam,
        response: { 200: roomList, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const org = await organisationFor(db, requireActor(request), request.params.id, 'manage');
      return { items: await repo.listRooms(db, org.id) };
    },
  );

  r.post(
    '/api/learning/terms/:id/lessons/preview',
    {
      schema: {
        tags: ['learning'],
        summary: "What generating the term's lessons would add, and the lessons already there (kept as they are); writes nothing",
        params: idParam,
        body: generateBody,
        response: { 200: generatePreview, ...adminErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const term = await repo.findTerm(db, request.params.id);
      if (!term || !canManagePlan(actor, term.organisationId)) throw termNotFound();
      return previewTermLessons({ db, term, classIds: request.body.classIds ?? null, from: request.body.from });
    },
  );

  r.delete(
    '/api/learning/timetable/:id',
    {
      schema: {
        tags: ['learning'],
        summary: 'Remove a weekly lesson; its future lessons with nothing recorded go too',
        params: idParam,
        response: { 200: z.object({ lessonsRemoved: z.number() }), 401: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const slot = await repo.findSlot(db, request.params.id);
      if (!slot || !canManagePlan(actor, slot.organisationId)) throw slotNotFound();
      const org = (await repo.findOrganisation(db, slot.organisationId))!;
      const removed = await db.transaction((tx) => repo.deleteSlot(tx, slot.id, localDateOf(clock(), org.timeZone)));
      return { lessonsRemoved: removed };
    },
  );

  r.post(
    '/api/learning/terms/:id/lessons',
    {
      schema: {
        tags: ['learning'],
        summary: "Generate the term's dated lessons from the timetable, skipping holidays (safe to run again)",
        params: idParam,
        body: generateBody,
        response: { 200: generateResponse, ...adminErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const term = await repo.findTerm(db, request.params.id);
      if (!term || !canManagePlan(actor, term.organisationId)) throw termNotFound();
      return generateTermLessons({ db, term, classIds: request.body.classIds ?? null, from: request.body.from });
    },
  );

  // ── settings ────────────────────────────────────────────────────────────
  r.get(
    '/api/learning/organisations/:id/settings',
    {
      schema: {
        tags: ['learning'],
        summary: 'Grading, lateness and joining settings in effect',
        params: idParam,
        response: { 200: settingsResponse, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const org = await organisationFor(db, requireActor(request), request.params.id, 'manage');
      const s = (await loadSettings(db, org.id))!;
      return settingsBody(s.settings, s.row.organisation_id !== null, s.row.grading_system);
    },
  );

  r.put(
    '/api/learning/organisations/:id/settings',
    {
      schema: {
        tags: ['learning'],
        summary: "Set the organisation's own settings (weights, bands, letters, late work, joining)",
        params: idParam,
        body: settingsSchema,
        response: { 200: settingsResponse, ...adminErrors },
      },
    },
    async (request) => {
      const org = await organisationFor(db, requireActor(request), request.params.id, 'manage');
      const b = request.body;
      const sorted = {
        ...b,
        termGradeBands: [...b.termGradeBands].sort((x, y) => x.min - y.min),
        letterGrades: [...b.letterGrades].sort((x, y) => x.min - y.min),
      };
      const problem = checkSettings(sorted);
      if (problem) throw settingsInvalid(`Invalid settings: ${problem}`);
      await saveSettings(db, org.id, sorted);
      const s = (await loadSettings(db, org.id))!;
      return settingsBody(s.settings, true, s.row.grading_system);
    },
  );
}
