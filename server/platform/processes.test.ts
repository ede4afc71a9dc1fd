import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDb } from '../../test/db.js';
import type { Db } from './db.js';
import { processCount } from './processes.js';

let db: Db;
beforeAll(async () => {
  db = await createTestDb('t_demo');
});
afterAll(async () => db.close());

test('SABAQ_PROCESSES (or WEB_CONCURRENCY) says how many; one by default; nonsense is refused', () => {
  expect(processCount({})).toBe(1);
  expect(processCount({ SABAQ_PROCESSES: '3' })).toBe(3);
  expect(processCount({ WEB_CONCURRENCY: '2' })).toBe(2);
  expect(processCount({ SABAQ_PROCESSES: '2', WEB_CONCURRENCY: '8' })).toBe(2);
  expect(() => processCount({ SABAQ_PROCESSES: 'many' })).toThrow(/SABAQ_PROCESSES/);
  expect(() => processCount({ SABAQ_PROCESSES: '0' })).toThrow(/SABAQ_PROCESSES/);
});

test('two workers serve one port, and SIGTERM stops both (each drains) and the primary with 0', async () => {
  const url = (db.pool as unknown as { options: { connectionString: string } }).options.connectionString;
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('server/main.ts')], {
    env: { ...process.env, DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', SABAQ_PROCESSES: '2' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c) => (out += String(c)));
  child.stderr.on('data', (c) => (out += String(c)));
  const deadline = Date.now() + 90_000;
  const running = () => out.match(/Sabaq is running at (http:\/\/\S+) in 2 processes/);
  while (!running()) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const m = running()!;
  for (let i = 0; i < 6; i++) {
    const res = await fetch(`${m[1]}/api/health`, { headers: { connection: 'close' } });
    expect(res.status).toBe(200);
  }
  expect(out.match(/Server listening/g)?.length).toBe(2);
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  expect(code).toBe(0);
  expect(out.match(/draining in-flight requests/g)?.length).toBe(2);
}, 150_000);
