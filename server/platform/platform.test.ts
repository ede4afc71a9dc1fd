import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { buildApp } from '../app.js';
import { loadConfig } from './config.js';
import { createDb } from './db.js';
import { createTestDb } from '../../test/db.js';
import type { Db } from './db.js';

let db: Db;
beforeAll(async () => {
  db = await createTestDb('t_migrated');
});
afterAll(async () => db.close());

describe('health', () => {
  test('answers ok when the database answers', async () => {
    const app = await buildApp({ db, config: loadConfig({ LOG_LEVEL: 'silent' }) });
    const res = await app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'ok' });
    await app.close();
  });

  test('answers 503 with database down when the database is unreachable', async () => {
    const dead = createDb('postgres://nobody:x@127.0.0.1:1/none', 1);
    const app = await buildApp({ db: dead, config: loadConfig({ LOG_LEVEL: 'silent' }) });
    const res = await app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'degraded', database: 'down' });
    await app.close();
    await dead.close();
  });
});

describe('errors', () => {
  test('a 5xx shows neither stack nor SQL, only a code and "Internal error"', async () => {
    const app = await buildApp({ db, config: loadConfig({ LOG_LEVEL: 'silent' }) });
    app.get('/api/test/boom', async () => db.query('select * from no_such_table_for_sure'));
    const res = await app.inject({ url: '/api/test/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal.error', message: 'Internal error' } });
    expect(res.body).not.toContain('no_such_table');
    await app.close();
  });

  test('an unknown API route answers a 404 in the same shape', async () => {
    const app = await buildApp({ db, config: loadConfig({ LOG_LEVEL: 'silent' }) });
    const res = await app.inject({ url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('request.not_found');
    await app.close();
  });

  test('the OpenAPI description lists the API', async () => {
    const app = await buildApp({ db, config: loadConfig({ LOG_LEVEL: 'silent' }) });
    const spec = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    for (const path of ['/api/auth/login', '/api/me', '/api/organisations/{id}', '/api/classes/{id}']) {
      expect(Object.keys(spec.paths)).toContain(path);
    }
    await app.close();
  });
});

describe('compression', () => {
  test('large answers are gzipped for clients that accept it; small ones are sent as they are', async () => {
    const app = await buildApp({ db, config: loadConfig({ LOG_LEVEL: 'silent' }) });
    const big = await app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(big.headers['content-encoding']).toBe('gzip');
    const small = await app.inject({ url: '/api/health', headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    // brotli first where the client takes it: smaller still on a slow link
    const br = await app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(big.rawPayload.length);
    await app.close();
  });

  test("an answer the size of a pupil's week (~23 KB) is gzipped in one call: whole, with its length", async () => {
    const app = await buildApp({ db, config: loadConfig({ LOG_LEVEL: 'silent' }) });
    const body = { days: Array.from({ length: 300 }, (_, i) => ({ id: i, topic: `Бөлшектерді қосу және азайту ${i}`, joinUrl: `https://live.example/${i}` })) };
    app.get('/api/test/week-sized', async () => body);
    const res = await app.inject({ url: '/api/test/week-sized', headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers['content-encoding']).toBe('gzip');
    // the streaming path sends no length (chunked); one zlib call knows it
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    const plain = gunzipSync(res.rawPayload).toString('utf8');
    expect(Buffer.byteLength(plain)).toBeGreaterThan(16_384);
    expect(JSON.parse(plain)).toEqual(body);
    await app.close();
  });
});

describe('configuration', () => {
  test('PORT defaults to 3000 and a bad value is refused with a clear message', () => {
    expect(loadConfig({}).PORT).toBe(3000);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});
