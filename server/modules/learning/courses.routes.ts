import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody, idParam } from '../../../contracts/common.js';
import { courseList, courseSchema, courseUpdate } from '../../../contracts/learning.js';
import { requireActor } from '../identity/identity.http.js';
import * as repo from './courses.repository.js';
import { findOrganisation } from './plan.repository.js';
import { courseNotFound, organisationNotFound } from './learning.errors.js';
import { canManagePlan, canReadPlan } from './learning.policy.js';
import type { LearningDeps } from './learning.deps.js';

/**
 * Courses of colleges and universities (one subject taught to several groups, with credits that the
 * GPA weighs): the people of the organisation read them, its admin edits the title and credits.
 * Created with POST /api/learning/organisations/:id/courses (plan.routes.ts).
 */
export async function coursesRoutes(app: FastifyInstance, { db }: LearningDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/learning/organisations/:id/courses',
    {
      schema: {
        tags: ['learning'],
        summary: "The organisation's courses with their groups, teachers and credits",
        params: idParam,
        response: { 200: courseList, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const org = await findOrganisation(db, request.params.id);
      if (!org || !canReadPlan(actor, org.id)) throw organisationNotFound();
      return { items: (await repo.listCourses(db, org.id)) as never };
    },
  );

  r.get(
    '/api/learning/courses/:id',
    {
      schema: { tags: ['learning'], summary: 'One course', params: idParam, response: { 200: courseSchema, 401: errorBody, 404: errorBody } },
    },
    async (request) => {
      const actor = requireActor(request);
      const course = await repo.findCourse(db, request.params.id);
      if (!course || !canReadPlan(actor, course.organisationId)) throw courseNotFound();
      return course as never;
    },
  );

  r.patch(
    '/api/learning/courses/:id',
    {
      schema: {
        tags: ['learning'],
        summary: "Edit a course's title or credits (credits weigh it in the GPA; null leaves it out)",
        params: idParam,
        body: courseUpdate,
        response: { 200: courseSchema, 400: errorBody, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const course = await repo.findCourse(db, request.params.id);
      if (!course || !canManagePlan(actor, course.organisationId)) throw courseNotFound();
      await repo.updateCourse(db, course.id, request.body);
      return (await repo.findCourse(db, course.id)) as never;
    },
  );
}
