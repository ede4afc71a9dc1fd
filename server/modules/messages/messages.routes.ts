import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { errorBody, idParam } from '../../../contracts/common.js';
import {
  announcementCreate,
  contactList,
  contactsQuery,
  messageCreate,
  schoolAnnouncementList,
  threadCreate,
  threadList,
  threadView,
} from '../../../contracts/messages.js';
import { requireActor } from '../identity/identity.http.js';
import { announce, announcementsFor, contactsFor, listThreads, openThread, reply, startThread } from './messages.usecases.js';

const created = z.object({ id: z.number() });

/** Conversations between families and a child's teachers, and school-wide announcements. */
export async function messagesRoutes(app: FastifyInstance, { db }: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/messages/threads',
    {
      schema: { tags: ['messages'], summary: 'My conversations, latest first, with unread counts', response: { 200: threadList, 401: errorBody } },
    },
    async (request) => listThreads(db, requireActor(request)) as never,
  );

  r.get(
    '/api/messages/contacts',
    {
      schema: {
        tags: ['messages'],
        summary: "Whom I may write to about a child: a parent, the child's teachers and homeroom teacher; a teacher, the child's parents",
        querystring: contactsQuery,
        response: { 200: contactList, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => ({ items: await contactsFor(db, requireActor(request), request.query.pupilId) }),
  );

  r.post(
    '/api/messages/threads',
    {
      schema: {
        tags: ['messages'],
        summary: 'Start a conversation about a child (the recipient is notified)',
        body: threadCreate,
        response: { 201: created, 400: errorBody, 401: errorBody, 404: errorBody, 422: errorBody },
      },
    },
    async (request, replyTo) => {
      const id = await startThread({ db, actor: requireActor(request), ...request.body, now: new Date() });
      return replyTo.code(201).send({ id });
    },
  );

  r.get(
    '/api/messages/threads/:id',
    {
      schema: {
        tags: ['messages'],
        summary: 'A conversation with its messages; opening it marks it read',
        params: idParam,
        response: { 200: threadView, 401: errorBody, 404: errorBody },
      },
    },
    async (request) => openThread(db, requireActor(request), request.params.id, new Date()) as never,
  );

  r.post(
    '/api/messages/threads/:id/messages',
    {
      schema: {
        tags: ['messages'],
        summary: 'Write in a conversation I am part of (the others are notified)',
        params: idParam,
        body: messageCreate,
        response: { 201: created, 400: errorBody, 401: errorBody, 404: errorBody },
      },
    },
    async (request, replyTo) => {
      const id = await reply({ db, actor: requireActor(request), threadId: request.params.id, body: request.body.body, now: new Date() });
      return replyTo.code(201).send({ id });
    },
  );

  r.get(
    '/api/messages/announcements',
    {
      schema: {
        tags: ['messages'],
        summary: 'School-wide announcements of the organisations I belong to, newest first',
        response: { 200: schoolAnnouncementList, 401: errorBody },
      },
    },
    async (request) => announcementsFor(db, requireActor(request)) as never,
  );

  r.post(
    '/api/messages/organisations/:id/announcements',
    {
      schema: {
        tags: ['messages'],
        summary: "The organisation's admin posts an announcement to everyone in it (each is notified)",
        params: idParam,
        body: announcementCreate,
        response: { 201: created, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (request, replyTo) => {
      const id = await announce({ db, actor: requireActor(request), organisationId: request.params.id, ...request.body, now: new Date() });
      return replyTo.code(201).send({ id });
    },
  );
}
