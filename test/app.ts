import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../server/app.js';
import { loadConfig, type Config } from '../server/platform/config.js';
import type { Db } from '../server/platform/db.js';
import { createTestDb, type Template } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  config: Config;
  /** Signs in and returns the cookie header to send with later requests. */
  login(login: string, password?: string): Promise<string>;
  /** The first column of the first row, for looking up fixtures' ids; throws when there is no row. */
  one<T>(sql: string, params?: unknown[]): Promise<T>;
  close(): Promise<void>;
}

export const DEMO_PASSWORD = 'sabaq-demo';

/** The whole app on a fresh database, driven through fastify.inject (no port). */
export async function createTestApp(opts: { template?: Template; env?: Record<string, string>; logStream?: NodeJS.WritableStream } = {}): Promise<TestApp> {
  const db = await createTestDb(opts.template ?? 't_demo');
  // the session cache (decision 0026) is off unless a test asks for it: tests that change grants in SQL
  // and read at once would otherwise race the NOTIFY (server/modules/identity/session-cache.test.ts tests it)
  const config = loadConfig({ LOG_LEVEL: 'silent', EXPOSE_QUERY_COUNT: 'true', SESSION_CACHE_MS: '0', ...opts.env });
  const app = await buildApp({ db, config, logStream: opts.logStream });
  await app.ready();
  return {
    app,
    db,
    config,
    async login(login, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });
      if (res.statusCode !== 200) throw new Error(`login ${login} failed: ${res.statusCode} ${res.body}`);
      return cookieHeader(res);
    },
    async one<T>(sql: string, params: unknown[] = []) {
      const { rows } = await db.query(sql, params);
      if (!rows[0]) throw new Error(`no row for ${sql} ${JSON.stringify(params)}`);
      return Object.values(rows[0])[0] as T;
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}

export function cookieHeader(res: LightMyRequestResponse): string {
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}
