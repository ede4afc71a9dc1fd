import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps.js';
import { errorBody, idParam } from '../../../contracts/common.js';
import { z } from 'zod';
import {
  academicYears,
  classCreate,
  classDetail,
  classList,
  classSchema,
  classUpdate,
  memberAdd,
  memberMove,
  memberMoved,
  memberParams,
  myClasses,
  organisationListQuery,
  organisationPage,
  organisationSchema,
  peoplePage,
  peopleQuery,
} from '../../../contracts/organisations.js';
import { createPdf, finishPdf, pdfDisposition, PDF_CONTENT_TYPE, table } from '../../platform/pdf/index.js';
import { requireActor } from '../identity/identity.http.js';
import type { Actor } from '../identity/identity.actor.js';
import * as repo from './organisations.repository.js';
import { canManageOrganisation, canPrintClassList, canReadOrganisation, classAccess, listableClasses } from './organisations.policy.js';
import { organisationNotFound, classNotFound } from './organisations.errors.js';
import { addPupil, createClass, movePupil, removePupil, updateClass } from './organisations.usecases.js';
import { classListStrings } from './organisations.print.js';

const toOrganisation = (o: repo.OrganisationRow) => ({
  id: o.id,
  kind: o.kind as never,
  name: o.name,
  bin: o.bin,
  instructionLanguage: o.instruction_language as never,
  pupilCount: o.pupil_count,
  timeZone: o.time_zone,
  region: o.region,
  district: o.district,
  settlement: o.settlement as never,
});

const toClass = (c: repo.ClassRow) => ({
  id: c.id,
  organisationId: c.organisation_id,
  academicYear: c.academic_year,
  kind: c.kind as never,
  grade: c.grade,
  letter: c.letter,
  name: c.name,
  studyYear: c.study_year,
  specialty: c.specialty,
  shift: c.shift,
  homeroomTeacher: c.homeroom_teacher,
  pupilCount: c.pupil_count,
});

/** The organisations filter that is exactly the actor's scope. */
function scopeFilter(actor: Actor): repo.OrgFilter {
  const f: repo.OrgFilter = { all: false, regionIds: [], districtIds: [], organisationIds: [] };
  for (const g of actor.grants) {
    if (g.role === 'ministry_officer') f.all = true;
    else if (g.role === 'region_officer' && g.regionId) f.regionIds.push(g.regionId);
    else if (g.role === 'district_officer' && g.districtId) f.districtIds.push(g.districtId);
    else if (g.organisationId) f.organisationIds.push(g.organisationId);
  }
  return f;
}

const writeErrors = { 400: errorBody, 401: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

export async function organisationsRoutes(app: FastifyInstance, { db }: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** The organisation when the actor runs it; anything else answers 404 like a missing one. */
  async function managedOrganisation(actor: Actor, id: number) {
    const node = await repo.findOrganisationNode(db, id);
    if (!node || !canManageOrganisation(actor, node)) throw organisationNotFound();
    return node;
  }
  /** The class when the actor runs its organisation. */
  async function managedClass(actor: Actor, id: number) {
    const cls = await repo.findClass(db, id);
    if (!cls || !canManageOrganisation(actor, { id: cls.organisation_id, districtId: cls.district_id, regionId: cls.region_id })) throw classNotFound();
    return cls;
  }
  const who = (request: { ip?: string }, actor: Actor) => ({ accountId: actor.accountId, ip: request.ip ?? null });

  r.get(
    '/api/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: "The organisations in the actor's scope, optionally searched by name and filtered",
        querystring: organisationListQuery,
        response: { 200: organisationPage, 401: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { page, pageSize, ...search } = request.query;
      const { rows, total } = await repo.listOrganisations(db, scopeFilter(actor), search, { limit: pageSize, offset: (page - 1) * pageSize });
      return { items: rows.map(toOrganisation), page, pageSize, total };
    },
  );

  r.get(
    '/api/organisations/:id',
    {
      schema: { tags: ['organisations'], summary: 'One organisation', params: idParam, response: { 200: organisationSchema, 401: errorBody, 404: errorBody } },
    },
    async (request) => {
      const actor = requireActor(request);
      const org = await repo.findOrganisation(db, request.params.id);
      if (!org || !canReadOrganisation(actor, { id: org.id, districtId: org.district.id, regionId: org.region.id })) throw organisationNotFound();
      return toOrganisation(org);
    },
  );

  r.get(
    '/api/organisations/:id/classes',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Classes and groups of an organisation that the actor may see',
        params: idParam,
        response: { 200: classList, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const node = await repo.findOrganisationNode(db, request.params.id);
      const visible = node ? listableClasses(actor, node) : 'none';
      if (!node || visible === 'none') throw organisationNotFound();
      const rows = await repo.listClasses(db, node.id, visible === 'all' ? null : visible);
      return { items: rows.map(toClass) };
    },
  );

  r.get(
    '/api/me/classes',
    {
      schema: {
        tags: ['organisations'],
        summary: 'The classes the signed-in person studies in, has a child in, teaches (with subjects) or leads',
        response: { 200: myClasses, 401: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const rows = await repo.findMyClasses(db, actor.personId);
      return { items: rows.map((c) => ({ ...toClass(c), relations: c.relations, subjects: c.subjects })) };
    },
  );

  r.get(
    '/api/classes/:id',
    {
      schema: {
        tags: ['organisations'],
        summary: 'A class with its pupils (names only for officers: none)',
        params: idParam,
        response: { 200: classDetail, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const cls = await repo.findClass(db, request.params.id);
      const access = cls
        ? classAccess(actor, { id: cls.id, organisation: { id: cls.organisation_id, districtId: cls.district_id, regionId: cls.region_id } })
        : 'none';
      if (!cls || access === 'none') throw classNotFound();
      const pupils = access === 'roster' ? await repo.findClassPupils(db, cls.id) : null;
      return { ...toClass(cls), pupils };
    },
  );

  // ── classes and people, for the organisation's admin ──────────────────────
  r.get(
    '/api/organisations/:id/people',
    {
      schema: {
        tags: ['organisations'],
        summary: "The organisation's people (pupils, parents, teachers, staff) with their classes and account state, for its admin",
        params: idParam,
        querystring: peopleQuery,
        response: { 200: peoplePage, 400: errorBody, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const org = await managedOrganisation(requireActor(request), request.params.id);
      const { page, pageSize, ...search } = request.query;
      const academicYearId = (await repo.currentAcademicYearId(db)) ?? 0;
      const { rows, total } = await repo.listPeople(db, org.id, { ...search, academicYearId }, { limit: pageSize, offset: (page - 1) * pageSize });
      return { items: rows, page, pageSize, total };
    },
  );

  r.get(
    '/api/organisations/:id/academic-years',
    {
      schema: {
        tags: ['organisations'],
        summary: 'The academic years a class can belong to (for the admin)',
        params: idParam,
        response: { 200: academicYears, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      await managedOrganisation(requireActor(request), request.params.id);
      return { items: await repo.listAcademicYears(db) };
    },
  );

  r.post(
    '/api/organisations/:id/classes',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Create a class or group (its name is unique in the academic year)',
        params: idParam,
        body: classCreate,
        response: { 201: classSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const org = await managedOrganisation(actor, request.params.id);
      const b = request.body;
      const id = await createClass({
        db,
        ...who(request, actor),
        organisationId: org.id,
        input: {
          kind: b.kind,
          name: b.name,
          grade: b.grade ?? null,
          letter: b.letter ?? null,
          studyYear: b.studyYear ?? null,
          specialty: b.specialty ?? null,
          shift: b.shift,
          homeroomTeacherId: b.homeroomTeacherId ?? null,
          academicYearId: b.academicYearId,
        },
      });
      return reply.code(201).send(toClass((await repo.findClass(db, id))!));
    },
  );

  r.patch(
    '/api/classes/:id',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Edit a class or group: name, grade, letter, shift, specialty, homeroom teacher (null removes)',
        params: idParam,
        body: classUpdate,
        response: { 200: classSchema, ...writeErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const cls = await managedClass(actor, request.params.id);
      await updateClass({
        db,
        ...who(request, actor),
        organisationId: cls.organisation_id,
        classId: cls.id,
        academicYearId: cls.academic_year.id,
        patch: request.body,
      });
      return toClass((await repo.findClass(db, cls.id))!);
    },
  );

  r.post(
    '/api/classes/:id/members',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Add a pupil of the organisation who is in no class this academic year',
        params: idParam,
        body: memberAdd,
        response: { 204: z.null(), ...writeErrors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const cls = await managedClass(actor, request.params.id);
      await addPupil({
        db,
        ...who(request, actor),
        organisationId: cls.organisation_id,
        classId: cls.id,
        academicYearId: cls.academic_year.id,
        pupilId: request.body.pupilId,
      });
      return reply.code(204).send(null);
    },
  );

  r.delete(
    '/api/classes/:id/members/:pupilId',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Take a pupil out of a class (their marks and attendance stay)',
        params: memberParams,
        response: { 204: z.null(), 400: errorBody, 401: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const cls = await managedClass(actor, request.params.id);
      await removePupil({ db, ...who(request, actor), organisationId: cls.organisation_id, classId: cls.id, pupilId: request.params.pupilId });
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/classes/:id/members/:pupilId/move',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Move a pupil to another class of the same organisation and academic year (marks stay with the pupil)',
        params: memberParams,
        body: memberMove,
        response: { 200: memberMoved, ...writeErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const cls = await managedClass(actor, request.params.id);
      const { pupilId } = request.params;
      await movePupil({
        db,
        ...who(request, actor),
        organisationId: cls.organisation_id,
        fromClassId: cls.id,
        academicYearId: cls.academic_year.id,
        toClassId: request.body.toClassId,
        pupilId,
      });
      return { pupilId, fromClassId: cls.id, toClassId: request.body.toClassId };
    },
  );

  r.get(
    '/api/classes/:id/list.pdf',
    {
      schema: {
        tags: ['organisations'],
        summary: 'The printable class list (PDF): pupils with birth dates, homeroom teacher',
        params: idParam,
        querystring: z.object({ lang: z.enum(['kk', 'ru', 'en']).optional() }).strict(),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const cls = await repo.findClass(db.read, request.params.id); // the PDF reads a replica when there is one
      if (!cls || !canPrintClassList(actor, { id: cls.id, organisation: { id: cls.organisation_id, districtId: cls.district_id, regionId: cls.region_id } })) {
        throw classNotFound();
      }
      const lang = request.query.lang ?? actor.language;
      const s = classListStrings[lang];
      const [org, pupils] = await Promise.all([repo.findOrganisation(db.read, cls.organisation_id), repo.findClassRoster(db.read, cls.id)]);
      const name = (p: { last_name: string; first_name: string; middle_name: string | null }) =>
        [p.last_name, p.first_name, p.middle_name].filter(Boolean).join(' ');
      const h = cls.homeroom_teacher;
      const doc = createPdf({
        title: `${cls.name} — ${s.title}`,
        language: lang,
        subtitle: [
          org?.name[lang],
          cls.academic_year.name,
          `${s.homeroom}: ${h ? [h.lastName, h.firstName, h.middleName].filter(Boolean).join(' ') : '—'}`,
          `${s.shift}: ${cls.shift}`,
        ]
          .filter(Boolean)
          .join(' · '),
      });
      table(
        doc,
        [
          { header: '№', width: 0.6, value: (_p, i) => i + 1, align: 'right' },
          { header: s.name, width: 6, value: (p) => name(p) },
          { header: s.birthDate, width: 2, value: (p) => p.birth_date.split('-').reverse().join('.') },
          { header: s.sex, width: 1.2, value: (p) => (p.sex === 'f' ? s.female : s.male) },
          { header: s.note, width: 3, value: () => '' },
        ],
        pupils,
      );
      doc.text(`${s.total}: ${pupils.length}`);
      const bytes = await finishPdf(doc, `Sabaq · ${new Date().toISOString().slice(0, 10)}`);
      return reply
        .header('content-type', PDF_CONTENT_TYPE)
        .header('content-disposition', pdfDisposition(`${cls.name} ${s.title}`))
        .send(bytes);
    },
  );
}
