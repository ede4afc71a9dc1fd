/**
 * The shared authorisation-matrix runner. Each module keeps its endpoint list as data in
 * `server/modules/<module>/<module>.matrix.ts` (exporting `matrix`), and one test file per module
 * runs it: `runMatrix(matrix)`. `test/route-coverage.test.ts` fails when a registered route is in no
 * module's matrix and not in `PUBLIC_ROUTES`.
 *
 * Every endpoint is tried by every demo role against objects inside its scope, outside it, and
 * missing (ids that do not exist), and once without a session. Outside scope must answer exactly like
 * missing (404 by default).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from './app.js';

export const MATRIX_ROLES = ['pupil', 'parent', 'teacher', 'homeroom', 'admin', 'district', 'region', 'ministry', 'guard'] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** The exact Fastify route pattern with its method, e.g. `GET /api/supplies/loans/:id`. */
export type RouteKey = `${Method} /${string}`;

export interface MatrixRequest {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

/** Statuses in MATRIX_ROLES order: pupil, parent, teacher, homeroom, admin, district, region, ministry, guard. */
export type Statuses = readonly number[];

export interface MatrixEndpoint<O> {
  route: RouteKey;
  /** a label when one route has several rows (e.g. a different object or body) */
  name?: string;
  /** the request for a set of objects; the method comes from `route` */
  request: (o: O) => MatrixRequest | string;
  /** each role with the objects inside its scope */
  inside: Statuses;
  /** each role with objects of another organisation; default 404 for all; false when the endpoint takes no object (e.g. `/api/me`) */
  outside?: Statuses | false;
  /** each role with ids that do not exist; default 404 for all; false when the endpoint takes no object */
  missing?: Statuses | false;
  /** without a session; default 401 */
  signedOut?: number;
}

export interface Matrix<O> {
  module: string;
  /** builds the inside, outside and missing objects from the demo data */
  objects: (t: TestApp) => Promise<{ inside: O; outside: O; missing: O }>;
  endpoints: MatrixEndpoint<O>[];
  /** environment for the app (e.g. a pinned school day) */
  env?: Record<string, string>;
}

export const all = (status: number): Statuses => MATRIX_ROLES.map(() => status);
/** Statuses by role, the rest `otherwise` (default 404). */
export function only(allowed: Partial<Record<MatrixRole, number>>, otherwise = 404): Statuses {
  return MATRIX_ROLES.map((r) => allowed[r] ?? otherwise);
}

/** `GET /api/x/:id` → a regular expression that the request's path must match. */
export function routePattern(route: RouteKey): RegExp {
  const path = route.slice(route.indexOf(' ') + 1);
  const body = path
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg === '*' ? '.*' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${body}$`);
}

/** Runs a module's matrix (one vitest test per endpoint row). MATRIX_RECORD=1 prints what the app answers instead of asserting. */
export function runMatrix<O>(matrix: Matrix<O>): void {
  const record = process.env.MATRIX_RECORD === '1';
  let t: TestApp;
  const cookies = {} as Record<MatrixRole, string>;
  let objects: { inside: O; outside: O; missing: O };

  beforeAll(async () => {
    // module clocks read process.env (e.g. LEARNING_TODAY), the config reads `env`: set both
    Object.assign(process.env, matrix.env);
    t = await createTestApp({ env: matrix.env });
    for (const role of MATRIX_ROLES) cookies[role] = await t.login(`demo.${role}`);
    objects = await matrix.objects(t);
  });
  afterAll(async () => t?.close());

  describe(`the ${matrix.module} authorisation matrix`, () => {
    for (const endpoint of matrix.endpoints) {
      const method = endpoint.route.slice(0, endpoint.route.indexOf(' ')) as Method;
      const label = `${endpoint.route}${endpoint.name ? ` (${endpoint.name})` : ''}`;
      test(`${label}: every role inside, outside and missing; 401 signed out`, async () => {
        const send = async (o: O, role: MatrixRole | null) => {
          const raw = endpoint.request(o);
          const r = typeof raw === 'string' ? { url: raw } : raw;
          expect(r.url.split('?')[0], 'the request matches its route pattern').toMatch(routePattern(endpoint.route));
          const res = await t.app.inject({
            method,
            url: r.url,
            payload: r.payload as object | undefined,
            headers: { ...(role ? { cookie: cookies[role] } : {}), ...r.headers },
          });
          return res.statusCode;
        };
        const got: Record<string, number[] | number> = {};
        const want: Record<string, Statuses | number> = {};
        const sets: ['inside' | 'outside' | 'missing', Statuses | false][] = [
          ['inside', endpoint.inside],
          ['outside', endpoint.outside === undefined ? all(404) : endpoint.outside],
          ['missing', endpoint.missing === undefined ? all(404) : endpoint.missing],
        ];
        for (const [where, expected] of sets) {
          if (expected === false && !record) continue;
          const statuses: number[] = [];
          for (const role of MATRIX_ROLES) statuses.push(await send(objects[where], role));
          got[where] = statuses;
          if (expected !== false) want[where] = expected;
        }
        got.signedOut = await send(objects.inside, null);
        want.signedOut = endpoint.signedOut ?? 401;
        if (record) {
          console.log(`MATRIX ${matrix.module} ${label} ${JSON.stringify(got)}`);
          return;
        }
        expect(got).toEqual(want);
      });
    }
  });
}
