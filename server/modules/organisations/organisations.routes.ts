import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps.js';
import { errorBody, idParam } from '../../../contracts/common.js';
import { classDetail, classList, myClasses, organisationListQuery, organisationPage, organisationSchema } from '../../../contracts/organisations.js';
import { requireActor } from '../identity/identity.http.js';
import type { Actor } from '../identity/identity.actor.js';
import * as repo from './organisations.repository.js';
import { canReadOrganisation, classAccess, listableClasses } from './organisations.policy.js';
import { organisationNotFound, classNotFound } from './organisations.errors.js';

const toOrganisation = (o: repo.OrganisationRow) => ({
  id: o.id, kind: o.kind as never, name: o.name, bin: o.bin, instructionLanguage: o.instruction_language as never,
  pupilCount: o.pupil_count, timeZone: o.time_zone, region: o.region, district: o.district, settlement: o.settlement as never,
});

const toClass = (c: repo.ClassRow) => ({
  id: c.id, organisationId: c.organisation_id, academicYear: c.academic_year, kind: c.kind as never, grade: c.grade,
  letter: c.letter, name: c.name, studyYear: c.study_year, specialty: c.specialty, shift: c.shift,
  homeroomTeacher: c.homeroom_teacher, pupilCount: c.pupil_count,
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

export async function organisationsRoutes(app: FastifyInstance, { db }: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/organisations', {
    schema: {
      tags: ['organisations'], summary: "The organisations in the actor's scope, optionally searched by name and filtered",
      querystring: organisationListQuery,
      response: { 200: organisationPage, 401: errorBody },
    },
  }, async (request) => {
    const actor = requireActor(request);
    const { page, pageSize, ...search } = request.query;
    const { rows, total } = await repo.listOrganisations(db, scopeFilter(actor), search, { limit: pageSize, offset: (page - 1) * pageSize });
    return { items: rows.map(toOrganisation), page, pageSize, total };
  });

  r.get('/api/organisations/:id', {
    schema: { tags: ['organisations'], summary: 'One organisation', params: idParam, response: { 200: organisationSchema, 401: errorBody, 404: errorBody } },
  }, async (request) => {
    const actor = requireActor(request);
    const org = await repo.findOrganisation(db, request.params.id);
    if (!org || !canReadOrganisation(actor, { id: org.id, districtId: org.district.id, regionId: org.region.id })) throw organisationNotFound();
    return toOrganisation(org);
  });

  r.get('/api/organisations/:id/classes', {
    schema: {
      tags: ['organisations'], summary: 'Classes and groups of an organisation that the actor may see',
      params: idParam, response: { 200: classList, 401: errorBody, 404: errorBody },
    },
  }, async (request) => {
    const actor = requireActor(request);
    const node = await repo.findOrganisationNode(db, request.params.id);
    const visible = node ? listableClasses(actor, node) : 'none';
    if (!node || visible === 'none') throw organisationNotFound();
    const rows = await repo.listClasses(db, node.id, visible === 'all' ? null : visible);
    return { items: rows.map(toClass) };
  });

  r.get('/api/me/classes', {
    schema: {
      tags: ['organisations'], summary: 'The classes the signed-in person studies in, has a child in, teaches (with subjects) or leads',
      response: { 200: myClasses, 401: errorBody },
    },
  }, async (request) => {
    const actor = requireActor(request);
    const rows = await repo.findMyClasses(db, actor.personId);
    return { items: rows.map((c) => ({ ...toClass(c), relations: c.relations, subjects: c.subjects })) };
  });

  r.get('/api/classes/:id', {
    schema: {
      tags: ['organisations'], summary: 'A class with its pupils (names only for officers: none)',
      params: idParam, response: { 200: classDetail, 401: errorBody, 404: errorBody },
    },
  }, async (request) => {
    const actor = requireActor(request);
    const cls = await repo.findClass(db, request.params.id);
    const access = cls
      ? classAccess(actor, { id: cls.id, organisation: { id: cls.organisation_id, districtId: cls.district_id, regionId: cls.region_id } })
      : 'none';
    if (!cls || access === 'none') throw classNotFound();
    const pupils = access === 'roster' ? await repo.findClassPupils(db, cls.id) : null;
    return { ...toClass(cls), pupils };
  });
}
