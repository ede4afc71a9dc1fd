import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { errorBody, idParam } from '../../../contracts/common.js';
import { notificationPage, notificationQuery } from '../../../contracts/formats.js';
import { requireActor } from '../identity/identity.http.js';
import * as repo from './notifications.repository.js';
import { notificationNotFound } from './notifications.errors.js';

/** In-app notifications of the signed-in person: list, mark one read, mark all read. */
export async function notificationsRoutes(app: FastifyInstance, { db }: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/notifications', {
    schema: {
      tags: ['notifications'], summary: 'My notifications, newest first, with the unread count', querystring: notificationQuery,
      response: { 200: notificationPage, 401: errorBody },
    },
  }, async (request) => {
    const actor = requireActor(request);
    const { unreadOnly, page, pageSize } = request.query;
    const { rows, total, unread } = await repo.listNotifications(db, actor.personId, unreadOnly, { limit: pageSize, offset: (page - 1) * pageSize });
    return { items: rows, page, pageSize, total, unread };
  });

  r.post('/api/notifications/:id/read', {
    schema: { tags: ['notifications'], summary: 'Mark one of my notifications read', params: idParam, response: { 204: z.null(), 401: errorBody, 404: errorBody } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    if (!(await repo.markRead(db, actor.personId, request.params.id, new Date()))) throw notificationNotFound();
    return reply.code(204).send(null);
  });

  r.post('/api/notifications/read-all', {
    schema: { tags: ['notifications'], summary: 'Mark all my notifications read', response: { 200: z.object({ marked: z.number() }), 401: errorBody } },
  }, async (request) => {
    const actor = requireActor(request);
    return { marked: await repo.markAllRead(db, actor.personId, new Date()) };
  });
}
