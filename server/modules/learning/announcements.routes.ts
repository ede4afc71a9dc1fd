import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody, idParam } from '../../../contracts/common.js';
import { announcementCreate, announcementList, announcementSchema } from '../../../contracts/learning.js';
import { requireActor } from '../identity/identity.http.js';
import { findClassNode } from './journal.repository.js';
import { announcementForbidden, classNotFound } from './learning.errors.js';
import { canPostAnnouncement, canReadClass } from './learning.policy.js';
import { insertAnnouncement, listAnnouncements } from './announcements.repository.js';
import { notifyClassAnnouncement } from './learning.notify.js';
import type { LearningDeps } from './learning.deps.js';

export async function announcementsRoutes(app: FastifyInstance, { db }: LearningDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/learning/classes/:id/announcements',
    {
      schema: {
        tags: ['learning'],
        summary: "A class's announcements, newest first (pupils, parents, teachers, homeroom, admin)",
        params: idParam,
        response: { 200: announcementList, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const node = await findClassNode(db, request.params.id);
      if (!node || !canReadClass(actor, { classId: node.id, organisationId: node.organisationId })) throw classNotFound();
      return { items: (await listAnnouncements(db, node.id)) as never };
    },
  );

  r.post(
    '/api/learning/classes/:id/announcements',
    {
      schema: {
        tags: ['learning'],
        summary: 'Post an announcement to a class (its teachers and homeroom teacher)',
        params: idParam,
        body: announcementCreate,
        response: { 201: announcementSchema, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const node = await findClassNode(db, request.params.id);
      const scope = node && { classId: node.id, organisationId: node.organisationId };
      if (!scope || !canReadClass(actor, scope)) throw classNotFound();
      if (!canPostAnnouncement(actor, scope)) throw announcementForbidden();
      const created = await db.transaction(async (tx) => {
        const row = await insertAnnouncement(tx, { ...scope, authorId: actor.personId, title: request.body.title, body: request.body.body });
        await notifyClassAnnouncement(
          tx,
          { announcementId: Number(row.id), classId: scope.classId, title: request.body.title, authorId: actor.personId },
          new Date(),
        );
        return row;
      });
      return reply.code(201).send(created as never);
    },
  );
}
