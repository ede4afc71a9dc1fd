import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { errorBody, idParam } from '../../../contracts/common.js';
import { notificationPage, notificationQuery } from '../../../contracts/formats.js';
import { outboxPage, outboxQuery, preferencesBody, preferencesResponse } from '../../../contracts/notifications.js';
import { hasRole } from '../identity/identity.actor.js';
import { requireActor } from '../identity/identity.http.js';
import * as repo from './notifications.repository.js';
import { notificationNotFound, outboxNotFound } from './notifications.errors.js';
import { loadSmsConfig } from './notifications.config.js';
import { maskPhone } from './notifications.sms.js';
import { getPreferences, listOutbox, savePreferences } from './notifications.usecases.js';

/** In-app notifications of the signed-in person: list, mark one read, mark all read. */
export async function notificationsRoutes(app: FastifyInstance, { db }: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first, with the unread count',
        querystring: notificationQuery,
        response: { 200: notificationPage, 401: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { unreadOnly, page, pageSize } = request.query;
      const { rows, total, unread } = await repo.listNotifications(db, actor.personId, unreadOnly, { limit: pageSize, offset: (page - 1) * pageSize });
      return { items: rows, page, pageSize, total, unread };
    },
  );

  r.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of my notifications read',
        params: idParam,
        response: { 204: z.null(), 401: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!(await repo.markRead(db, actor.personId, request.params.id, new Date()))) throw notificationNotFound();
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/notifications/read-all',
    {
      schema: { tags: ['notifications'], summary: 'Mark all my notifications read', response: { 200: z.object({ marked: z.number() }), 401: errorBody } },
    },
    async (request) => {
      const actor = requireActor(request);
      return { marked: await repo.markAllRead(db, actor.personId, new Date()) };
    },
  );

  const smsGateway = loadSmsConfig().url !== null;

  r.get(
    '/api/notifications/preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My choice of channel (in-app, SMS) per kind, and the number SMS go to',
        response: { 200: preferencesResponse, 401: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return { ...(await getPreferences(db, actor.personId)), smsGateway };
    },
  );

  r.put(
    '/api/notifications/preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Change my choices (only the listed kind × channel pairs); a phone number for SMS (400 when not +7XXXXXXXXXX)',
        body: preferencesBody,
        response: { 200: preferencesResponse, 400: errorBody, 401: errorBody, 422: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const saved = await savePreferences({ db, actor, items: request.body.items, smsPhone: request.body.smsPhone, now: new Date() });
      return { ...saved, smsGateway };
    },
  );

  r.get(
    '/api/notifications/sms-outbox',
    {
      schema: {
        tags: ['notifications'],
        summary: "The SMS outbox for the ministry's operator: every SMS with its status and attempts, numbers masked",
        querystring: outboxQuery,
        response: { 200: outboxPage, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      // case: the outbox spans the whole country, so only the ministry's officers read it; anyone else gets a 404 like a missing page
      if (!hasRole(actor, 'ministry_officer')) throw outboxNotFound();
      const { status, page, pageSize } = request.query;
      const { rows, total, counts } = await listOutbox(db, status ?? null, { limit: pageSize, offset: (page - 1) * pageSize });
      return { items: rows.map((r) => ({ ...r, phone: maskPhone(r.phone) })), page, pageSize, total, counts };
    },
  );
}
