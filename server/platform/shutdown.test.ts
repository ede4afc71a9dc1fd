import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from './config.js';
import { createTestDb } from '../../test/db.js';
import type { Db } from './db.js';

let db: Db;
beforeAll(async () => {
  db = await createTestDb('t_demo');
});
afterAll(async () => db.close());

test('closing drains a request in flight and refuses new connections', async () => {
  const app = await buildApp({ db, config: loadConfig({ LOG_LEVEL: 'silent' }) });
  app.get('/api/test/slow', async () => {
    await new Promise((r) => setTimeout(r, 400));
    return { done: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  // plain http with no keep-alive agent, so each request has its own connection
  const request = (urlPath: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: urlPath, agent: false }, (res) => {
          let body = '';
          res.on('data', (c) => (body += String(c)));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        })
        .on('error', reject);
    });
  const inFlight = request('/api/test/slow');
  await new Promise((r) => setTimeout(r, 100));
  const closing = app.close();
  await expect(request('/api/health')).rejects.toThrow();
  expect(await inFlight).toEqual({ status: 200, body: JSON.stringify({ done: true }) });
  await closing;
});

test('the server process stops cleanly on SIGTERM', async () => {
  const url = (db.pool as unknown as { options: { connectionString: string } }).options.connectionString;
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('server/main.ts')], {
    env: { ...process.env, DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c) => (out += String(c)));
  child.stderr.on('data', (c) => (out += String(c)));
  const deadline = Date.now() + 60_000;
  while (!/Server listening/.test(out)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  expect(code).toBe(0);
  expect(out).toMatch(/draining in-flight requests/);
}, 90_000);
