import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps.js';
import { errorBody, idParam } from '../../../contracts/common.js';
import {
  consentBody,
  consentList,
  consentSchema,
  erasureBody,
  erasureDecisionBody,
  erasureList,
  erasureListQuery,
  erasureRequest,
  exportQuery,
  personalExport,
} from '../../../contracts/privacy.js';
import { requireActor } from '../identity/identity.http.js';
import { loadPrivacyConfig } from './privacy.config.js';
import * as uc from './privacy.usecases.js';

const errors = { 400: errorBody, 401: errorBody, 404: errorBody, 409: errorBody };

/** People's rights over their data: export, consent, erasure requests and their decisions. */
export async function privacyRoutes(app: FastifyInstance, { db }: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['privacy'];
  const { schoolRecordsYears } = loadPrivacyConfig();

  r.get(
    '/api/me/export',
    {
      schema: {
        tags,
        summary: 'Everything Sabaq holds about me and, for a parent, each child (JSON; download=1 as a file)',
        querystring: exportQuery,
        response: { 200: personalExport, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const body = await uc.exportMyData(db, actor, new Date(), request.ip ?? null);
      reply.header('cache-control', 'no-store');
      if (request.query.download) reply.header('content-disposition', `attachment; filename="sabaq-my-data-${body.generatedAt.slice(0, 10)}.json"`);
      return body;
    },
  );

  r.get(
    '/api/me/consents',
    {
      schema: { tags, summary: "My consents and my children's, with withdrawals", response: { 200: consentList, ...errors } },
    },
    async (request) => uc.myConsents(db, requireActor(request)),
  );

  r.post(
    '/api/me/consents',
    {
      schema: { tags, summary: 'Give a consent for myself or my child', body: consentBody, response: { 201: consentSchema, ...errors } },
    },
    async (request, reply) => reply.code(201).send(await uc.giveConsent(db, requireActor(request), request.body, new Date(), request.ip ?? null)),
  );

  r.post(
    '/api/me/consents/:id/withdraw',
    {
      schema: { tags, summary: 'Withdraw a consent (it stays in the history)', params: idParam, response: { 200: consentSchema, ...errors } },
    },
    async (request) => uc.withdrawById(db, requireActor(request), request.params.id, new Date(), request.ip ?? null),
  );

  r.get(
    '/api/me/erasure-requests',
    {
      schema: { tags, summary: 'Erasure requests about me or my children, with their outcome', response: { 200: erasureList, ...errors } },
    },
    async (request) => uc.myErasureRequests(db, requireActor(request), schoolRecordsYears),
  );

  r.post(
    '/api/me/erasure-requests',
    {
      schema: {
        tags,
        summary: "Ask for my data (or my child's) to be erased; the organisation's admin decides",
        body: erasureBody,
        response: { 201: erasureRequest, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await uc.requestErasure(db, requireActor(request), request.body, new Date(), request.ip ?? null)),
  );

  r.get(
    '/api/privacy/organisations/:id/erasure-requests',
    {
      schema: {
        tags,
        summary: "The organisation's erasure requests, pending first (its admin)",
        params: idParam,
        querystring: erasureListQuery,
        response: { 200: erasureList, ...errors },
      },
    },
    async (request) => uc.organisationRequests(db, requireActor(request), request.params.id, request.query.status, schoolRecordsYears),
  );

  r.post(
    '/api/privacy/erasure-requests/:id/decide',
    {
      schema: {
        tags,
        summary: 'Approve (erase what retention lets go) or refuse, with a note the person reads',
        params: idParam,
        body: erasureDecisionBody,
        response: { 200: erasureRequest, ...errors },
      },
    },
    async (request) => uc.decideErasure(db, requireActor(request), request.params.id, request.body, new Date(), request.ip ?? null, schoolRecordsYears),
  );
}
