import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.js';
import { organisationsRoutes } from './organisations/organisations.routes.js';

/** Every domain module's routes, in one visible list (no wiring by file scanning). */
export async function registerModules(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await organisationsRoutes(app, deps);
}
