import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { errorBody } from '../../../contracts/common.js';
import {
  exportJob,
  overviewQuery,
  overviewResponse,
  reportFormat,
  reportSubscription,
  reportSubscriptionBody,
  reportSubscriptions,
  scopeResponse,
  weeklyReports,
} from '../../../contracts/analytics.js';
import { requireActor } from '../identity/identity.http.js';
import { clockFromEnv } from '../../platform/clock.js';
import { analyticsSettings } from './analytics.settings.js';
import * as uc from './analytics.usecases.js';
import { CONTENT_TYPES, contentDisposition, fileName, renderExport } from './analytics.export.js';
import { exportFile, exportStatus, schoolToday, startExport } from './analytics.jobs.js';
import * as reports from './analytics.reports.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
/** A stored file as a download (an export's or a weekly report's). */
const sendFile = (reply: FastifyReply, f: { contentType: string; fileName: string; content: Buffer }) =>
  reply.header('content-type', f.contentType).header('content-disposition', contentDisposition(f.fileName)).send(f.content);
const exportBody = overviewQuery
  .omit({ format: true })
  .extend({ format: z.enum(['csv', 'xlsx', 'pdf']) })
  .strict();
const exportId = z.object({ id: z.uuid() }).strict();
const numericId = z
  .object({
    id: z.coerce
      .number()
      .int()
      .min(1)
      .max(2 ** 53 - 1),
  })
  .strict();
const reportFileParams = z
  .object({
    id: z.coerce
      .number()
      .int()
      .min(1)
      .max(2 ** 53 - 1),
    format: reportFormat,
  })
  .strict();

/** Analytics: read-only figures for every level, drill-down, exports (files and background jobs). */
export async function analyticsRoutes(app: FastifyInstance, { db }: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['analytics'];
  const clock = clockFromEnv();
  const settings = analyticsSettings();

  r.get(
    '/api/analytics/scope',
    {
      schema: {
        tags,
        summary: 'The areas I may open (country, my region, district, school, or the classes I teach)',
        response: { 200: scopeResponse, ...errors },
      },
    },
    async (request) => uc.scope(db, requireActor(request)),
  );

  r.get(
    '/api/analytics/overview',
    {
      schema: {
        tags,
        summary: "An area's headline figures (each with its date and what it counts) and its children's rows; format=csv|xlsx|pdf answers the file",
        querystring: overviewQuery,
        response: { 200: overviewResponse.or(z.any()), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      // heavy: a replica when there is one (decision 0023; the rollups are written by the refresh loop, not the reader)
      const now = clock();
      const o = await uc.overview(db.read, actor, request.query, schoolToday(now), settings, now);
      const format = request.query.format;
      if (format === 'json') return o;
      const lang = request.query.lang ?? actor.language;
      const bytes = await renderExport(o, lang, format);
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', contentDisposition(fileName(o, lang, format)))
        .send(bytes);
    },
  );

  r.post(
    '/api/analytics/exports',
    {
      schema: { tags, summary: 'Export a table in the background (progress, then the file)', body: exportBody, response: { 202: exportJob, ...errors } },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const now = clock();
      const job = await startExport(db, actor, { ...request.body, lang: request.body.lang ?? actor.language }, schoolToday(now), settings, now);
      return reply.code(202).send(job);
    },
  );

  r.get(
    '/api/analytics/exports/:id',
    {
      schema: { tags, summary: "My export's progress", params: exportId, response: { 200: exportJob, ...errors } },
    },
    async (request) => exportStatus(db, requireActor(request), request.params.id),
  );

  r.get(
    '/api/analytics/exports/:id/file',
    {
      schema: { tags, summary: 'The finished file of my export', params: exportId, response: { 200: z.any(), ...errors } },
    },
    async (request, reply) => {
      return sendFile(reply, await exportFile(db, requireActor(request), request.params.id));
    },
  );

  r.get(
    '/api/analytics/report-subscriptions',
    { schema: { tags, summary: 'My weekly reports: areas, files, language, weekday', response: { 200: reportSubscriptions, ...errors } } },
    async (request) => reports.listSubscriptions(db, requireActor(request)),
  );

  r.put(
    '/api/analytics/report-subscriptions',
    {
      schema: {
        tags,
        summary: "Subscribe to an area's weekly report (again for the same area: change it); an area outside my scope is 404",
        body: reportSubscriptionBody,
        response: { 200: reportSubscription, 409: errorBody, ...errors },
      },
    },
    async (request) => reports.saveSubscription(db, requireActor(request), request.body, settings),
  );

  r.delete(
    '/api/analytics/report-subscriptions/:id',
    { schema: { tags, summary: 'Unsubscribe', params: numericId, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await reports.deleteSubscription(db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/analytics/reports',
    { schema: { tags, summary: 'My weekly reports of the last weeks, with their files', response: { 200: weeklyReports, ...errors } } },
    async (request) => reports.listReports(db, requireActor(request)),
  );

  r.get(
    '/api/analytics/reports/:id/files/:format',
    { schema: { tags, summary: 'One file of my weekly report', params: reportFileParams, response: { 200: z.any(), ...errors } } },
    async (request, reply) => {
      return sendFile(reply, await reports.reportFile(db, requireActor(request), request.params.id, request.params.format));
    },
  );
}
