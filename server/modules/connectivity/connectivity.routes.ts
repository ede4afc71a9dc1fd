import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { errorBody, idParam } from '../../../contracts/common.js';
import * as c from '../../../contracts/connectivity.js';
import { requireActor } from '../identity/identity.http.js';
import { clockFromEnv } from '../../platform/clock.js';
import * as uc from './connectivity.usecases.js';
import { CONTENT_TYPES, contentDisposition, isolatedFile, registerFile, withoutReceptionFile } from './connectivity.export.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const fileOrJson = <T extends z.ZodTypeAny>(json: T) => json.or(z.any());

/** The connectivity register: settlements' internet and TV reception, households' connectivity, pupils cut off. */
export async function connectivityRoutes(app: FastifyInstance, { db }: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['connectivity'];
  const clock = clockFromEnv();

  r.get(
    '/api/connectivity/areas',
    {
      schema: {
        tags,
        summary: 'The districts (officers) and schools (admins, homeroom teachers) I may open here',
        response: { 200: c.areasResponse, ...errors },
      },
    },
    async (request) => uc.areas(db.read, requireActor(request)),
  );

  r.get(
    '/api/connectivity/settlements',
    {
      schema: {
        tags,
        summary:
          "A district's register: each settlement's internet and reception, its pupils' home connectivity (small numbers suppressed); format=csv|xlsx answers the file",
        querystring: c.registerQuery,
        response: { 200: fileOrJson(c.registerResponse), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const reg = await uc.register(db.read, actor, request.query, clock());
      if (request.query.format === 'json') return reg;
      const f = await registerFile(reg, request.query.lang ?? actor.language, request.query.format);
      return reply.header('content-type', CONTENT_TYPES[request.query.format]).header('content-disposition', contentDisposition(f.fileName)).send(f.bytes);
    },
  );

  r.get(
    '/api/connectivity/settlements/:id',
    {
      schema: {
        tags,
        summary: 'A settlement: internet, reception per channel and the history of edits',
        params: idParam,
        response: { 200: c.settlementDetail, ...errors },
      },
    },
    async (request) => uc.settlementDetail(db, requireActor(request), request.params.id),
  );

  r.put(
    '/api/connectivity/settlements/:id',
    {
      schema: {
        tags,
        summary: "An officer's edit of a settlement's internet and reception, with a reason (kept in the history)",
        params: idParam,
        body: c.settlementEdit,
        response: { 200: c.settlementDetail, ...errors },
      },
    },
    async (request) => uc.editSettlement(db, requireActor(request), request.params.id, request.body, clock()),
  );

  r.get(
    '/api/connectivity/organisations/:id/isolated-pupils',
    {
      schema: {
        tags,
        summary: "A school's pupils with neither a device, nor home internet, nor TV reception: names for its admin, counts for officers; format=csv|xlsx",
        params: idParam,
        querystring: c.isolatedQuery,
        response: { 200: fileOrJson(c.isolatedResponse), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const list = await uc.isolatedOf(db.read, actor, request.params.id, clock());
      if (request.query.format === 'json') return list;
      const f = await isolatedFile(list, request.query.lang ?? actor.language, request.query.format);
      return reply.header('content-type', CONTENT_TYPES[request.query.format]).header('content-disposition', contentDisposition(f.fileName)).send(f.bytes);
    },
  );

  r.get(
    '/api/connectivity/districts/:id/isolated-pupils',
    {
      schema: {
        tags,
        summary: "A district's pupils with neither a device, nor home internet, nor TV reception, counted per school and settlement (suppressed)",
        params: idParam,
        response: { 200: c.districtIsolatedResponse, ...errors },
      },
    },
    async (request) => uc.districtIsolated(db.read, requireActor(request), request.params.id, clock()),
  );

  r.get(
    '/api/connectivity/without-reception',
    {
      schema: {
        tags,
        summary: 'Settlements without reception of a national channel with their pupils, by district (retransmission or printed packs); format=csv|xlsx',
        querystring: c.withoutReceptionQuery,
        response: { 200: fileOrJson(c.withoutReceptionResponse), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { format, lang, ...q } = request.query;
      const list = await uc.withoutReception(db.read, actor, q);
      if (format === 'json') return list;
      const f = await withoutReceptionFile(list, lang ?? actor.language, format);
      return reply.header('content-type', CONTENT_TYPES[format]).header('content-disposition', contentDisposition(f.fileName)).send(f.bytes);
    },
  );
}
