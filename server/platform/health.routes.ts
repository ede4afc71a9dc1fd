import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from './db.js';

const healthBody = z.object({ status: z.enum(['ok', 'degraded']), database: z.enum(['ok', 'down']) });

export async function healthRoutes(app: FastifyInstance, deps: { db: Db }): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get('/api/health', {
    schema: { tags: ['platform'], summary: 'Liveness and database reachability', response: { 200: healthBody, 503: healthBody } },
  }, async (_request, reply) => {
    try {
      await Promise.race([
        deps.db.query('select 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('database timeout')), 2000).unref()),
      ]);
      return { status: 'ok' as const, database: 'ok' as const };
    } catch {
      return reply.code(503).send({ status: 'degraded', database: 'down' });
    }
  });
}
