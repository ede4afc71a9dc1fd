import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from './db.js';

const healthBody = z.object({ status: z.enum(['ok', 'degraded']), database: z.enum(['ok', 'down']) });
const liveBody = z.object({ status: z.literal('ok') });
const readyBody = healthBody.extend({
  load: z.object({ inFlight: z.number(), queued: z.number() }),
});

/**
 * Probes. None of them waits behind the request queue (`admission: false`) or the request pool
 * (`db.ping` has a connection of its own):
 * - `/api/health/live`: the process answers (no database): restart me when this fails;
 * - `/api/health/ready`: the database answers too: send me traffic when this is 200;
 * - `/api/health`: the older combined answer, kept for existing monitors (same as ready, no load).
 */
export async function healthRoutes(app: FastifyInstance, deps: { db: Db; retryAfterSeconds: number }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const probe = { admission: false };
  r.get(
    '/api/health/live',
    {
      config: probe,
      schema: { tags: ['platform'], summary: 'Liveness: the process answers (never touches the database)', response: { 200: liveBody } },
    },
    async () => ({ status: 'ok' as const }),
  );

  r.get(
    '/api/health/ready',
    {
      config: probe,
      schema: { tags: ['platform'], summary: 'Readiness: the database answers on a connection of its own', response: { 200: readyBody, 503: readyBody } },
    },
    async (_request, reply) => {
      const up = await deps.db.ping(2000);
      const load = { inFlight: app.admission?.inFlight ?? 0, queued: app.admission?.queued ?? 0 };
      if (up) return { status: 'ok' as const, database: 'ok' as const, load };
      return reply.code(503).header('retry-after', String(deps.retryAfterSeconds)).send({ status: 'degraded', database: 'down', load });
    },
  );

  r.get(
    '/api/health',
    {
      config: probe,
      schema: { tags: ['platform'], summary: 'Liveness and database reachability', response: { 200: healthBody, 503: healthBody } },
    },
    async (_request, reply) => {
      if (await deps.db.ping(2000)) return { status: 'ok' as const, database: 'ok' as const };
      return reply.code(503).header('retry-after', String(deps.retryAfterSeconds)).send({ status: 'degraded', database: 'down' });
    },
  );
}
