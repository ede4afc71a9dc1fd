import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDb, type Db } from '../../server/platform/db.js';
import { migrate } from '../../server/platform/migrate.js';
import { demoIds, lessonOf } from '../../server/modules/learning/learning.fixtures.js';
import { LEARNING_DEMO } from '../../server/modules/learning/learning.seed.js';
import { call, freePort, login, sleep, startServer, type ServerProcess } from '../faults/harness.js';
import { cleanUp, startPgBouncer, startPrimary, type Bouncer, type PgNode } from './cluster.js';

/**
 * Several Sabaq processes on one database (issue 13 §3): two real `server/main.ts` processes, with
 * nothing in front of them, share one PostgreSQL through PgBouncer in transaction mode. Both serve the
 * same people (sessions and data live in the database only); one is killed with SIGKILL in the middle
 * of a stream of submissions, the clients go to the other (as a load balancer would send them), and
 * every acknowledged submission is in the database exactly once. Counts, never time.
 */

let primary: PgNode;
let bouncer: Bouncer;
let db: Db;
let dataDir: string;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  primary = await startPrimary();
  const admin = createDb(primary.url('postgres'), 1);
  await admin.query('create database sabaq');
  await admin.close();
  db = createDb(primary.url(), 4);
  await migrate(db);
  const { seed } = await import('../../server/seed/seed.js');
  await seed({ db, size: 'demo', quiet: true });
  bouncer = await startPgBouncer(primary, 'transaction');
  dataDir = mkdtempSync(path.join(tmpdir(), 'sabaq-processes-'));
  const env = {
    DATABASE_URL: bouncer.url(),
    DATA_DIR: dataDir,
    LEARNING_TODAY: LEARNING_DEMO.now,
    RETRY_AFTER_SECONDS: '1',
    DB_ACQUIRE_TIMEOUT_MS: '5000',
    DB_POOL_SIZE: '4',
    SHUTDOWN_TIMEOUT_MS: '3000',
  };
  // both at once: the migrations' lock (a transaction-scoped advisory lock) lets them start together
  servers.push(...(await Promise.all([startServer(env, await freePort()), startServer(env, await freePort())])));
}, 600_000);

afterAll(async () => {
  for (const s of servers) {
    if (s.child.exitCode === null && s.child.signalCode === null) {
      s.child.kill('SIGKILL');
      await s.exited;
    }
  }
  await db?.close().catch(() => {});
  await bouncer?.stop();
  try {
    primary?.stop('immediate');
  } catch {
    /* gone */
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  cleanUp();
}, 60_000);

describe('two app processes on one database', () => {
  test('both found the pooler and serve the same people: a sign-in and a write on one are seen by the other at once', async () => {
    for (const s of servers) expect(s.output()).toContain('goes through a transaction-mode pooler');
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const teacher = await login(a.base, 'demo.teacher');
    const pupil = await login(b.base, 'demo.pupil');
    const ids = await demoIds(db);
    const lesson = await lessonOf(db, ids.class5a, LEARNING_DEMO.today, ids.math);
    const title = `Two processes ${randomUUID()}`;
    const hw = await call(a.base, 'POST', `/api/learning/lessons/${lesson}/homework`, {
      cookie: teacher,
      body: { title, dueAt: new Date(Date.parse(LEARNING_DEMO.now) + 72 * 3_600_000).toISOString() },
    });
    expect(hw.status, JSON.stringify(hw.body)).toBe(201);
    const id = (hw.body as { id: number }).id;
    // the teacher's session from A works on B, and B sees A's write on the next request
    const seenByB = await call(b.base, 'GET', `/api/learning/homework/${id}`, { cookie: teacher });
    expect(seenByB.status, JSON.stringify(seenByB.body)).toBe(200);
    expect(JSON.stringify(seenByB.body)).toContain(title);
    const seenByPupil = await call(b.base, 'GET', `/api/learning/homework/${id}`, { cookie: pupil });
    expect(seenByPupil.status).toBe(200);
    // signing out on B ends the session on A too
    const other = await login(b.base, 'demo.parent');
    expect((await call(a.base, 'GET', '/api/me', { cookie: other })).status).toBe(200);
    expect((await call(b.base, 'POST', '/api/auth/logout', { cookie: other })).status).toBeLessThan(300);
    expect((await call(a.base, 'GET', '/api/me', { cookie: other })).status).toBe(401);
  });

  test('one process killed with SIGKILL mid-stream: the clients go to the other, no acknowledged submission is lost or doubled', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const teacher = await login(a.base, 'demo.teacher');
    const pupil = await login(a.base, 'demo.pupil');
    const ids = await demoIds(db);
    const lesson = await lessonOf(db, ids.class5a, LEARNING_DEMO.today, ids.math);
    const hw = await call(b.base, 'POST', `/api/learning/lessons/${lesson}/homework`, {
      cookie: teacher,
      body: { title: 'Killed process', dueAt: new Date(Date.parse(LEARNING_DEMO.now) + 72 * 3_600_000).toISOString() },
    });
    expect(hw.status, JSON.stringify(hw.body)).toBe(201);
    const homeworkId = (hw.body as { id: number }).id;

    const total = 60;
    const killAfter = 15;
    const keys = Array.from({ length: total }, () => randomUUID());
    const acknowledged: string[] = [];
    const byProcess = new Map<string, number>();
    const statuses = new Map<number, number>();
    let killed: Promise<unknown> | null = null;
    let next = 0;
    const gone = new Set<number>(); // a process that gave no answer: the clients stop trying it
    // each client starts on the process its turn gives it and moves to the other when it gets no answer
    const worker = async (w: number) => {
      let target = w % 2;
      while (next < keys.length) {
        const key = keys[next++]!;
        for (let attempt = 0; ; attempt++) {
          if (attempt > 300) throw new Error(`submission ${key} never acknowledged`);
          if (gone.has(target)) target = 1 - target;
          const server = servers[target]!;
          const res = await call(server.base, 'POST', `/api/learning/homework/${homeworkId}/submissions`, {
            cookie: pupil,
            headers: { 'idempotency-key': key },
            body: { text: `Жауап ${key}` },
          });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 201 || res.status === 200) {
            acknowledged.push(key);
            byProcess.set(server.base, (byProcess.get(server.base) ?? 0) + 1);
            if (acknowledged.length === killAfter && !killed) {
              a.child.kill('SIGKILL');
              killed = a.exited;
            }
            break;
          }
          if (res.status === 0)
            gone.add(target); // no answer: that process is gone, try the other
          else if (res.status !== 503) throw new Error(`unexpected answer ${res.status}: ${JSON.stringify(res.body)}`);
          await sleep(100);
        }
        target = (target + 1) % 2;
      }
    };
    await Promise.all([0, 1, 2, 3].map(worker));
    await killed;
    console.log('two processes, one killed: answers by status', Object.fromEntries(statuses), 'acknowledged by', Object.fromEntries(byProcess));

    expect(a.child.signalCode).toBe('SIGKILL');
    expect(acknowledged).toHaveLength(total);
    expect(byProcess.get(a.base) ?? 0).toBeGreaterThan(0);
    expect(byProcess.get(b.base) ?? 0).toBeGreaterThan(0);
    const { rows } = await db.query<{ key: string; n: number }>(
      'select idempotency_key::text as key, count(*)::int as n from submission_attempts where idempotency_key = any($1::uuid[]) group by 1',
      [keys],
    );
    expect(rows).toHaveLength(total);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    // the survivor is still ready
    expect((await call(b.base, 'GET', '/api/health/ready')).status).toBe(200);
  }, 300_000);
});
