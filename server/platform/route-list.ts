import type { FastifyInstance } from 'fastify';

const lists = new WeakMap<FastifyInstance, string[]>();

/**
 * Records every route the app registers as `METHOD /path/:param` (the exact Fastify pattern; the
 * automatic HEAD twins of GET routes are left out). Call before any route is added; the
 * authorisation-matrix coverage test compares this list with the modules' matrices.
 */
export function collectRoutes(app: FastifyInstance): void {
  const list: string[] = [];
  lists.set(app, list);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') list.push(`${method} ${route.url}`);
    }
  });
}

/** The routes registered so far, sorted. */
export function registeredRoutes(app: FastifyInstance): string[] {
  return [...(lists.get(app) ?? [])].sort();
}
