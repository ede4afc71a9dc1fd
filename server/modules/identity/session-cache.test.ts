import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../app.js';
import { createDb, type Db } from '../../platform/db.js';
import { createChangeFeed, type ChangeFeed } from '../../platform/listener.js';
import { loadConfig } from '../../platform/config.js';
import { cookieHeader, createTestApp, DEMO_PASSWORD, type TestApp } from '../../../test/app.js';

/**
 * Decision 0026: the session lookup is kept per process for SESSION_CACHE_MS, and sign-out, sign-out
 * everywhere, a new password, a disabled account and a change of grants clear it in every process at
 * once. Two app instances on one database, each with its own pool and LISTEN connection.
 */
const CACHE = { SESSION_CACHE_MS: '60000' };
let a: TestApp;
let bDb: Db;
let b: FastifyInstance;
let feedB: ChangeFeed;

const loginOn = async (app: FastifyInstance, login: string, password = DEMO_PASSWORD) => {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });
  expect(res.statusCode).toBe(200);
  return cookieHeader(res);
};
const me = (app: FastifyInstance, cookie: string) => app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
/** B has handled every notification committed so far (its LISTEN connection answered a query after them). */
const settled = () => feedB.sync();

beforeAll(async () => {
  a = await createTestApp({ env: CACHE });
  const url = (a.db.pool as unknown as { options: { connectionString: string } }).options.connectionString;
  bDb = createDb(url, 4);
  feedB = createChangeFeed(url);
  b = await buildApp({ db: bDb, config: loadConfig({ LOG_LEVEL: 'silent', EXPOSE_QUERY_COUNT: 'true', ...CACHE }), changes: feedB });
  await b.ready();
  await feedB.sync();
});
afterAll(async () => {
  await b?.close();
  await feedB?.close();
  await bDb?.close();
  await a?.close();
});

describe('the session cache across two processes', () => {
  test('a repeated request does not look the session up again', async () => {
    const cookie = await loginOn(a.app, 'demo.pupil');
    const cold = await me(b, cookie);
    const warm = await me(b, cookie);
    expect([cold.statusCode, warm.statusCode]).toEqual([200, 200]);
    expect(Number(warm.headers['x-query-count'])).toBe(Number(cold.headers['x-query-count']) - 1);
  });

  test('sign-out in one process ends the session in the other', async () => {
    const cookie = await loginOn(a.app, 'demo.pupil');
    expect((await me(b, cookie)).statusCode).toBe(200);
    expect((await me(a.app, cookie)).statusCode).toBe(200);
    expect((await a.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    expect((await me(a.app, cookie)).statusCode).toBe(401); // the writing process: at once, no notification needed
    await settled();
    expect((await me(b, cookie)).statusCode).toBe(401);
  });

  test('sign-out everywhere and a new password end the other sessions in the other process', async () => {
    const first = await loginOn(a.app, 'demo.parent');
    const second = await loginOn(b, 'demo.parent');
    expect((await me(b, first)).statusCode).toBe(200);
    expect((await me(b, second)).statusCode).toBe(200);
    const changed = await a.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: { cookie: first },
      payload: { currentPassword: DEMO_PASSWORD, newPassword: 'another-pass-123' },
    });
    expect(changed.statusCode).toBe(200);
    await settled();
    expect((await me(b, second)).statusCode).toBe(401);
    expect((await me(b, first)).statusCode).toBe(200); // the session that changed it goes on
    expect((await a.app.inject({ method: 'POST', url: '/api/auth/logout-everywhere', headers: { cookie: first } })).statusCode).toBe(204);
    await settled();
    expect((await me(b, first)).statusCode).toBe(401);
  });

  test('a disabled account and a removed role are seen by the next request in the other process', async () => {
    const teacher = await loginOn(a.app, 'demo.teacher');
    expect((await me(b, teacher)).statusCode).toBe(200);
    const roles = (c: string) => me(b, c).then((r) => (r.json().roles as { role: string }[]).map((x) => x.role));
    expect(await roles(teacher)).toContain('teacher');
    const personId = await a.one<number>(`select a.person_id from accounts a where a.login = 'demo.teacher'`);
    await a.db.query(`delete from role_assignments where person_id = $1 and role = 'teacher'`, [personId]);
    await settled();
    expect(await roles(teacher)).not.toContain('teacher');
    await a.db.query(`update accounts set disabled_at = now() where person_id = $1`, [personId]);
    await settled();
    expect((await me(b, teacher)).statusCode).toBe(401);
  });
});
