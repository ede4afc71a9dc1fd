/**
 * Every registered route is either in a module's authorisation matrix
 * (`server/modules/<module>/<module>.matrix.ts`, exporting `matrix`) or listed as public with a reason
 * (`test/public-routes.ts`). A new endpoint without matrix rows fails here.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { registeredRoutes } from '../server/platform/route-list.js';
import { createTestApp, type TestApp } from './app.js';
import type { Matrix } from './authz-matrix.js';
import { PUBLIC_ROUTES } from './public-routes.js';

const MODULES = path.resolve(import.meta.dirname, '../server/modules');

/** Every `server/modules/<module>/*.matrix.ts`, found on disk so a new module's matrix counts without wiring. */
async function matrices(): Promise<Matrix<unknown>[]> {
  const found: Matrix<unknown>[] = [];
  for (const dir of readdirSync(MODULES, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const file of readdirSync(path.join(MODULES, dir.name)).filter((f) => f.endsWith('.matrix.ts'))) {
      const mod = (await import(pathToFileURL(path.join(MODULES, dir.name, file)).href)) as { matrix?: Matrix<unknown> };
      if (!mod.matrix) throw new Error(`${dir.name}/${file} exports no \`matrix\``);
      found.push(mod.matrix);
    }
  }
  return found;
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ template: 't_migrated' });
});
afterAll(async () => t?.close());

test('every registered route is in an authorisation matrix or listed as public with a reason', async () => {
  const routes = registeredRoutes(t.app);
  expect(routes.length).toBeGreaterThan(50);
  const covered = new Set((await matrices()).flatMap((m) => m.endpoints.map((e) => e.route as string)));
  const isPublic = new Set(PUBLIC_ROUTES.map((p) => p.route));
  const uncovered = routes.filter((r) => !covered.has(r) && !isPublic.has(r));
  expect(uncovered, "routes with no matrix rows: add them to the module's *.matrix.ts").toEqual([]);
});

test('no matrix row names a route that does not exist, and no route is both public and in a matrix', async () => {
  const routes = new Set(registeredRoutes(t.app));
  const rows = (await matrices()).flatMap((m) => m.endpoints.map((e) => `${m.module}: ${e.route}`));
  expect(
    rows.filter((r) => !routes.has(r.slice(r.indexOf(': ') + 2))),
    'stale matrix rows',
  ).toEqual([]);
  const covered = new Set(rows.map((r) => r.slice(r.indexOf(': ') + 2)));
  expect(PUBLIC_ROUTES.filter((p) => covered.has(p.route)).map((p) => p.route)).toEqual([]);
  for (const p of PUBLIC_ROUTES) expect(p.reason.length, p.route).toBeGreaterThan(10);
});

test('the collector sees what the app serves (a check that the coverage test can fail)', async () => {
  const routes = registeredRoutes(t.app);
  expect(routes).toContain('GET /api/me');
  expect(routes).toContain('POST /api/auth/login');
  expect(routes.some((r) => r.startsWith('HEAD '))).toBe(false);
});
