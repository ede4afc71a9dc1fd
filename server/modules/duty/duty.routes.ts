import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps.js';
import { errorBody, idParam } from '../../../contracts/common.js';
import {
  adminApplication,
  applicationBody,
  applicationList,
  applicationListQuery,
  dutySettings,
  dutySettingsBody,
  dutySettingsQuery,
  groupingBody,
  groupingResult,
  groupsResponse,
  moveBody,
  myChildren,
  parentApplication,
  totalsQuery,
  totalsResponse,
  windowBody,
  windowList,
  windowSchema,
} from '../../../contracts/duty.js';
import { requireActor } from '../identity/identity.http.js';
// the school calendar's "today" is the e-journal's (LEARNING_TODAY pins it for the 2020-21 demo)
import { clockFromEnv } from '../../platform/clock.js';
import * as uc from './duty.usecases.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

/** Duty classes: parents apply, school admins open windows and form groups, officers read totals. */
export async function dutyRoutes(app: FastifyInstance, { db }: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['duty'];
  const clock = clockFromEnv();

  // ── parents ────────────────────────────────────────────────────────────────
  r.get(
    '/api/duty/my-children',
    {
      schema: {
        tags,
        summary: "My children, their school's application window and their application (group, room, shift, days)",
        response: { 200: myChildren, ...errors },
      },
    },
    async (request) => uc.myChildren(db, requireActor(request), clock()),
  );

  r.post(
    '/api/duty/applications',
    {
      schema: { tags, summary: 'Apply for a duty place for my child', body: applicationBody, response: { 201: parentApplication, ...errors } },
    },
    async (request, reply) => reply.code(201).send(await uc.apply(db, requireActor(request), request.body, clock())),
  );

  r.get(
    '/api/duty/applications/:id',
    {
      schema: { tags, summary: "My child's application", params: idParam, response: { 200: parentApplication, ...errors } },
    },
    async (request) => uc.parentApplication(db, requireActor(request), request.params.id),
  );

  r.post(
    '/api/duty/applications/:id/withdraw',
    {
      schema: { tags, summary: "Withdraw my child's application (frees the place)", params: idParam, response: { 200: parentApplication, ...errors } },
    },
    async (request) => uc.withdraw(db, requireActor(request), request.params.id, clock()),
  );

  // ── school admins ──────────────────────────────────────────────────────────
  r.get(
    '/api/duty/organisations/:id/windows',
    {
      schema: { tags, summary: "The organisation's application windows with counts", params: idParam, response: { 200: windowList, ...errors } },
    },
    async (request) => uc.listWindows(db, requireActor(request), request.params.id, clock()),
  );

  r.post(
    '/api/duty/organisations/:id/windows',
    {
      schema: {
        tags,
        summary: 'Open an application window (caps and grades default to the settings)',
        params: idParam,
        body: windowBody,
        response: { 201: windowSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await uc.openWindow(db, requireActor(request), request.params.id, request.body, clock())),
  );

  r.get(
    '/api/duty/windows/:id',
    {
      schema: { tags, summary: 'One window with counts', params: idParam, response: { 200: windowSchema, ...errors } },
    },
    async (request) => uc.getWindow(db, requireActor(request), request.params.id, clock()),
  );

  r.post(
    '/api/duty/windows/:id/close',
    {
      schema: { tags, summary: 'Close the window early (no more applications)', params: idParam, response: { 200: windowSchema, ...errors } },
    },
    async (request) => uc.closeWindow(db, requireActor(request), request.params.id, clock()),
  );

  r.get(
    '/api/duty/windows/:id/applications',
    {
      schema: { tags, summary: "The window's applications", params: idParam, querystring: applicationListQuery, response: { 200: applicationList, ...errors } },
    },
    async (request) => uc.listApplications(db, requireActor(request), request.params.id, request.query.status),
  );

  r.post(
    '/api/duty/windows/:id/grouping',
    {
      schema: {
        tags,
        summary: 'Form the groups: keeps placed children unless reshuffle; the rest wait by priority then application time',
        params: idParam,
        body: groupingBody,
        response: { 200: groupingResult, ...errors },
      },
    },
    async (request) => uc.runGrouping(db, requireActor(request), request.params.id, request.body.reshuffle, clock()),
  );

  r.get(
    '/api/duty/windows/:id/groups',
    {
      schema: { tags, summary: 'Groups with their children, and the waiting list in order', params: idParam, response: { 200: groupsResponse, ...errors } },
    },
    async (request) => uc.groupsOf(db, requireActor(request), request.params.id, clock()),
  );

  r.post(
    '/api/duty/applications/:id/move',
    {
      schema: {
        tags,
        summary: 'Move a child into a group by hand (409 when full) or back to the waiting list',
        params: idParam,
        body: moveBody,
        response: { 200: adminApplication, ...errors },
      },
    },
    async (request) => uc.moveChild(db, requireActor(request), request.params.id, request.body.groupId, clock()),
  );

  // ── officers and settings ──────────────────────────────────────────────────
  r.get(
    '/api/duty/totals',
    {
      schema: {
        tags,
        summary: "Windows, applications, placed, waiting and groups in the officer's scope",
        querystring: totalsQuery,
        response: { 200: totalsResponse, ...errors },
      },
    },
    async (request) => uc.totalsFor(db.read, requireActor(request), request.query, clock()),
  ); // heavy: a replica when there is one

  r.get(
    '/api/duty/settings',
    {
      schema: {
        tags,
        summary: "The settings in force (a region's own, else the country's)",
        querystring: dutySettingsQuery,
        response: { 200: dutySettings, ...errors },
      },
    },
    async (request) => uc.readSettings(db, requireActor(request), request.query.kind, request.query.regionId),
  );

  r.put(
    '/api/duty/settings',
    {
      schema: {
        tags,
        summary: "Set the country's defaults (ministry) or a region's own settings",
        body: dutySettingsBody,
        response: { 200: dutySettings, ...errors },
      },
    },
    async (request) => uc.changeSettings(db, requireActor(request), request.body),
  );
}
