import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps.js';
import { errorBody, idParam } from '../../../contracts/common.js';
import { rejectTransferBody, requestTransferBody, transferList, transfersQuery, transferView } from '../../../contracts/transfers.js';
import { requireActor } from '../identity/identity.http.js';
import { findOrganisationNode } from '../organisations/organisations.usecases.js';
import { organisationNotFound } from '../organisations/organisations.usecases.js';
import * as repo from './transfers.repository.js';
import { canRequestInto } from './transfers.policy.js';
import { decideTransfer, requestTransfer, view } from './transfers.usecases.js';

export async function transfersRoutes(app: FastifyInstance, { db, config }: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const decided = { 200: transferView, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

  r.post(
    '/api/organisations/:id/transfers',
    {
      schema: {
        tags: ['transfers'],
        summary: "Ask for a pupil of another organisation (by IIN) to move into one of this organisation's classes",
        params: idParam,
        body: requestTransferBody,
        response: { 201: transferView, 400: errorBody, 401: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const org = await findOrganisationNode(db, request.params.id);
      if (!org || !canRequestInto(actor, org.id)) throw organisationNotFound();
      const t = await requestTransfer({
        db,
        config,
        actor,
        organisationId: org.id,
        iin: request.body.iin,
        classId: request.body.classId,
        ip: request.ip ?? null,
        now: new Date(),
      });
      return reply.code(201).send(t);
    },
  );

  r.get(
    '/api/organisations/:id/transfers',
    {
      schema: {
        tags: ['transfers'],
        summary: 'Transfer requests of this organisation: in (pupils it asked for) or out (its pupils others ask for)',
        params: idParam,
        querystring: transfersQuery,
        response: { 200: transferList, 400: errorBody, 401: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const org = await findOrganisationNode(db, request.params.id);
      if (!org || !canRequestInto(actor, org.id)) throw organisationNotFound();
      const rows = await repo.listForOrganisation(db, org.id, request.query.direction, request.query.status === 'pending', new Date());
      return reply.header('cache-control', 'no-store').send({ items: rows.map((row) => view(actor, row)) });
    },
  );

  r.get(
    '/api/transfers/overdue',
    {
      schema: {
        tags: ['transfers'],
        summary: "Pending transfer requests in the district officer's districts whose school has not answered in time",
        response: { 200: transferList, 401: errorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const districts = actor.grants.filter((g) => g.role === 'district_officer' && g.districtId !== null).map((g) => g.districtId!);
      const rows = await repo.listOverdue(db, districts, new Date());
      return reply.header('cache-control', 'no-store').send({ items: rows.map((row) => view(actor, row)) });
    },
  );

  r.post(
    '/api/transfers/:id/approve',
    {
      schema: { tags: ['transfers'], summary: 'Approve a transfer: the pupil moves now', params: idParam, response: decided },
    },
    async (request) =>
      decideTransfer({
        db,
        actor: requireActor(request),
        id: request.params.id,
        approve: true,
        reason: null,
        ip: request.ip ?? null,
        now: new Date(),
      }),
  );

  r.post(
    '/api/transfers/:id/reject',
    {
      schema: { tags: ['transfers'], summary: 'Reject a transfer (with an optional reason)', params: idParam, body: rejectTransferBody, response: decided },
    },
    async (request) =>
      decideTransfer({
        db,
        actor: requireActor(request),
        id: request.params.id,
        approve: false,
        reason: request.body.reason || null,
        ip: request.ip ?? null,
        now: new Date(),
      }),
  );
}
