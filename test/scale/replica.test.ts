import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/platform/config.js';
import { createDb } from '../../server/platform/db.js';
import { openDatabase, type OpenDatabase } from '../../server/platform/open-database.js';
import { migrate } from '../../server/platform/migrate.js';
import { detectPooler } from '../../server/platform/pooler.js';
import { createReplicaRouter } from '../../server/platform/replica.js';
import { requestContext } from '../../server/platform/request-context.js';
import { randomUUID } from 'node:crypto';
import { LEARNING_DEMO } from '../../server/modules/learning/learning.seed.js';
import { demoIds, lessonOf } from '../../server/modules/learning/learning.fixtures.js';
import { cookieHeader } from '../app.js';
import { cleanUp, freePort, startPgBouncer, startPrimary, startReplica, type Bouncer, type PgNode } from './cluster.js';

process.env.LEARNING_TODAY = LEARNING_DEMO.now;

let primary: PgNode;
let replica: PgNode;
let txBouncer: Bouncer;
let sessionBouncer: Bouncer;

/** whether a read went to the replica (true) or the primary (false) */
const onReplica = async (q: { query: (t: string) => Promise<{ rows: Record<string, unknown>[] }> }) =>
  (await q.query('select pg_is_in_recovery() as r')).rows[0]!.r as boolean;

async function waitForReplay(): Promise<void> {
  const p = createDb(primary.url(), 1);
  const r = createDb(replica.url(), 1);
  try {
    const lsn = (await p.query<{ l: string }>('select pg_current_wal_lsn()::text as l')).rows[0]!.l;
    for (let i = 0; i < 300; i++) {
      if ((await r.query<{ ok: boolean }>('select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok', [lsn])).rows[0]!.ok) return;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error('the replica did not catch up');
  } finally {
    await Promise.all([p.close(), r.close()]);
  }
}

beforeAll(async () => {
  primary = await startPrimary();
  const admin = createDb(primary.url('postgres'), 1);
  await admin.query('create database sabaq');
  await admin.close();
  const db = createDb(primary.url(), 4);
  await migrate(db);
  const { seed } = await import('../../server/seed/seed.js');
  await seed({ db, size: 'demo', quiet: true });
  await db.close();
  replica = await startReplica(primary);
  txBouncer = await startPgBouncer(primary, 'transaction');
  sessionBouncer = await startPgBouncer(primary, 'session');
  await waitForReplay();
}, 600_000);

afterAll(async () => {
  await txBouncer?.stop();
  await sessionBouncer?.stop();
  try {
    replica?.stop('immediate');
  } catch {
    /* already stopped by a test */
  }
  try {
    primary?.stop('immediate');
  } catch {
    /* gone */
  }
  cleanUp();
});

describe('what stands in front of the database is found, not configured', () => {
  test('direct, PgBouncer in transaction mode, PgBouncer in session mode', async () => {
    expect(await detectPooler(primary.url())).toBe('direct');
    expect(await detectPooler(txBouncer.url())).toBe('transaction');
    expect(await detectPooler(sessionBouncer.url())).toBe('session');
  });

  test('PgBouncer in session mode: it works, and one line says to use transaction mode', async () => {
    const lines: string[] = [];
    const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: sessionBouncer.url(), DB_STATEMENT_TIMEOUT_MS: '0' });
    const opened = await openDatabase(config, 2, {}, (l) => lines.push(l));
    try {
      expect(lines).toEqual([
        'Database: DATABASE_URL goes through a session-mode pooler; it works, but every Sabaq connection holds a server connection: use pool_mode = transaction.',
      ]);
      expect(opened.db.preparedStatements).toBe(true);
      expect((await opened.db.query<{ n: number }>('select count(*)::int as n from accounts')).rows[0]!.n).toBeGreaterThan(0);
    } finally {
      await opened.close();
    }
  });
});

describe('Sabaq behind PgBouncer in transaction mode, heavy reads on a streaming replica', () => {
  let opened: OpenDatabase;
  let app: FastifyInstance;
  const lines: string[] = [];

  beforeAll(async () => {
    // checks only when the test asks (a long interval), so what each request sees is decided here
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      DATABASE_URL: txBouncer.url(),
      DATABASE_READ_URL: replica.url(),
      READ_REPLICA_CHECK_MS: '600000',
      ADMISSION_QUEUE_TIMEOUT_MS: '120000',
    });
    opened = await openDatabase(config, 8, { statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS }, (l) => lines.push(l));
    app = await buildApp({ db: opened.db, config });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await opened?.close();
  });

  test('start-up says what it found, in one line each', () => {
    expect(lines).toContain('Database: DATABASE_URL goes through a transaction-mode pooler (PgBouncer); hot reads run as unnamed statements.');
    expect(lines).toContain('Read replica: heavy reads go to DATABASE_READ_URL.');
    // statement_timeout cannot be a start-up parameter through PgBouncer: not sent, and the missing role setting is said
    expect(lines.filter((l) => l.includes('statement_timeout'))).toHaveLength(1);
    expect(opened.db.preparedStatements).toBe(false);
  });

  test('hot reads (prepared statements elsewhere) work through the pooler, many at once', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'demo.pupil', password: 'sabaq-demo' } });
    expect(login.statusCode).toBe(200);
    const cookie = cookieHeader(login);
    const pupil = (await opened.db.query<{ id: number }>("select person_id as id from accounts where login = 'demo.pupil'")).rows[0]!.id;
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => app.inject({ method: 'GET', url: `/api/learning/pupils/${pupil}/diary`, headers: { cookie } })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200));
  });

  test('writes in transactions (homework set, submissions retried with one Idempotency-Key), a pupil Today, all through the pooler', async () => {
    const teacher = cookieHeader(await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'demo.teacher', password: 'sabaq-demo' } }));
    const pupil = cookieHeader(await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'demo.pupil', password: 'sabaq-demo' } }));
    const ids = await demoIds(opened.db);
    const lesson = await lessonOf(opened.db, ids.class5a, LEARNING_DEMO.today, ids.math);
    const origin = 'http://localhost:80';
    const hw = await app.inject({
      method: 'POST',
      url: `/api/learning/lessons/${lesson}/homework`,
      headers: { cookie: teacher, origin },
      payload: { title: 'Through PgBouncer', dueAt: new Date(Date.parse(LEARNING_DEMO.now) + 72 * 3_600_000).toISOString() },
    });
    expect(hw.statusCode, hw.body).toBe(201);
    const homeworkId = (hw.json() as { id: number }).id;
    const keys = Array.from({ length: 12 }, () => randomUUID());
    // each submission twice at once with the same key, as a client retrying after a lost answer
    const answers = await Promise.all(
      keys.flatMap((key) =>
        [0, 1].map(() =>
          app.inject({
            method: 'POST',
            url: `/api/learning/homework/${homeworkId}/submissions`,
            headers: { cookie: pupil, origin, 'idempotency-key': key },
            payload: { text: `Жауап ${key}` },
          }),
        ),
      ),
    );
    expect(
      answers.every((a) => a.statusCode === 201 || a.statusCode === 200 || a.statusCode === 409),
      answers.map((a) => `${a.statusCode} ${a.body}`).join('\n'),
    ).toBe(true);
    const { rows } = await opened.db.query<{ key: string; n: number }>(
      'select idempotency_key::text as key, count(*)::int as n from submission_attempts where idempotency_key = any($1::uuid[]) group by 1',
      [keys],
    );
    expect(rows.map((r) => r.n)).toEqual(keys.map(() => 1));
    const today = await app.inject({ method: 'GET', url: `/api/learning/pupils/${ids.pupil}/diary`, headers: { cookie: pupil } });
    expect(today.statusCode, today.body).toBe(200);
  });

  test('a person reads their own write at once, even while the replica has not replayed it', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'demo.homeroom', password: 'sabaq-demo' } });
    const cookie = cookieHeader(login);
    expect(cookie).not.toContain('sabaq_rw'); // a sign-in writes nothing a heavy read shows
    const { rows } = await opened.db.query<{ id: number; on_date: string; class_id: number; pupil: number }>(
      `select l.id, l.on_date, l.class_id,
              (select m.pupil_id from class_members m where m.class_id = l.class_id order by m.pupil_id limit 1) as pupil
         from lessons l join accounts a on a.person_id = l.teacher_id
        where a.login = 'demo.homeroom' and l.on_date < $1 and not l.cancelled
        order by l.on_date desc limit 1`,
      [LEARNING_DEMO.today],
    );
    const lesson = rows[0]!;
    await waitForReplay();
    expect(await opened.replica!.check()).toBe('ok');

    const r = createDb(replica.url(), 1);
    await r.query('select pg_wal_replay_pause()');
    try {
      const write = await app.inject({
        method: 'PUT',
        url: `/api/learning/lessons/${lesson.id}/attendance`,
        headers: { cookie, origin: 'http://localhost:80' },
        payload: { entries: [{ pupilId: lesson.pupil, status: 'excused', reason: 'replica test' }] },
      });
      expect(write.statusCode, write.body).toBe(200);
      const wrote = cookieHeader(write);
      expect(wrote).toMatch(/sabaq_rw=\d+/);
      const summaryUrl = `/api/learning/classes/${lesson.class_id}/summary?from=${lesson.on_date}&to=${lesson.on_date}`;
      const status = (res: { json(): { attendance: { lessonId: number; pupilId: number; status: string }[] } }) =>
        res.json().attendance.find((a) => a.lessonId === lesson.id && a.pupilId === lesson.pupil)?.status;
      // with the write's cookie: the primary, so the write is there
      const own = await app.inject({ method: 'GET', url: summaryUrl, headers: { cookie: `${cookie}; ${wrote}` } });
      expect(own.statusCode).toBe(200);
      expect(status(own)).toBe('excused');
      // without it the same read goes to the paused replica, which has not got the write yet:
      // this is what the cookie protects against
      const other = await app.inject({ method: 'GET', url: summaryUrl, headers: { cookie } });
      expect(other.statusCode).toBe(200);
      expect(status(other)).not.toBe('excused');
    } finally {
      await r.query('select pg_wal_replay_resume()');
      await r.close();
    }
  });

  test('the analytics overview and its CSV export read from the replica; someone who just wrote reads the primary', async () => {
    const ministry = cookieHeader(await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'demo.ministry', password: 'sabaq-demo' } }));
    await waitForReplay();
    expect(await opened.replica!.check()).toBe('ok');
    const r = createDb(replica.url(), 1);
    await r.query('select pg_wal_replay_pause()');
    const region = (await opened.db.query<{ id: number; name_en: string }>('select id, name_en from regions order by id limit 1')).rows[0]!;
    try {
      // a change on the primary that the paused replica has not got: the name of a region in the overview
      await opened.db.query("update regions set name_en = name_en || ' (primary)' where id = $1", [region.id]);
      const nameIn = (res: { json(): { children: { area: { id: number; name: { en: string } } }[] } }) =>
        res.json().children.find((c) => c.area.id === region.id)?.area.name.en;
      const url = '/api/analytics/overview?area=country&lang=en';
      const fromReplica = await app.inject({ method: 'GET', url, headers: { cookie: ministry } });
      expect(fromReplica.statusCode, fromReplica.body).toBe(200);
      expect(nameIn(fromReplica)).toBe(region.name_en);
      const csv = await app.inject({ method: 'GET', url: `${url}&format=csv`, headers: { cookie: ministry } });
      expect(csv.statusCode).toBe(200);
      expect(csv.body).toContain(region.name_en);
      expect(csv.body).not.toContain(`${region.name_en} (primary)`);
      // a request that wrote a moment ago (its sabaq_rw cookie) reads the primary
      const own = await app.inject({ method: 'GET', url, headers: { cookie: `${ministry}; sabaq_rw=${Date.now()}` } });
      expect(nameIn(own)).toBe(`${region.name_en} (primary)`);
    } finally {
      await opened.db.query('update regions set name_en = $2 where id = $1', [region.id, region.name_en]);
      await r.query('select pg_wal_replay_resume()');
      await r.close();
    }
  });
});

describe('a replica that is behind, down or not a replica: reads stay on the primary', () => {
  test('behind, then caught up again', async () => {
    const db = createDb(primary.url(), 2);
    const router = createReplicaRouter(db, replica.url(), { checkMs: 600_000 });
    const r = createDb(replica.url(), 1);
    try {
      await waitForReplay();
      expect(await router.check()).toBe('ok');
      expect(await router.check()).toBe('ok');
      await requestContext.run({ queries: 0 }, async () => expect(await onReplica(router.read)).toBe(true));
      // a request that has just written reads from the primary
      await requestContext.run({ queries: 0, wroteAt: Date.now() }, async () => expect(await onReplica(router.read)).toBe(false));

      await r.query('select pg_wal_replay_pause()');
      await db.query('create table replica_probe (x int)');
      await db.query('insert into replica_probe values (1)');
      // A replica is allowed one check interval of lag: a check asks whether it has replayed what the
      // primary had at the PREVIOUS check. The first check after the write still finds that, so the
      // replica stays in use, but only for requests that wrote before that previous check...
      expect(await router.check()).toBe('ok');
      await requestContext.run({ queries: 0 }, async () => expect(await onReplica(router.read)).toBe(true));
      await requestContext.run({ queries: 0, wroteAt: Date.now() }, async () => expect(await onReplica(router.read)).toBe(false));
      // ...and the next one compares with a position that holds the write: behind, everything on the primary
      expect(await router.check()).toBe('behind');
      expect(await router.check()).toBe('behind');
      await requestContext.run({ queries: 0 }, async () => expect(await onReplica(router.read)).toBe(false));
      expect((await router.read.query<{ n: number }>('select count(*)::int as n from replica_probe')).rows[0]!.n).toBe(1);

      await r.query('select pg_wal_replay_resume()');
      await waitForReplay();
      expect(await router.check()).toBe('ok');
      await requestContext.run({ queries: 0 }, async () => expect(await onReplica(router.read)).toBe(true));
      expect((await router.read.query<{ n: number }>('select count(*)::int as n from replica_probe')).rows[0]!.n).toBe(1);
      await db.query('drop table replica_probe');
    } finally {
      await r.query('select pg_wal_replay_resume()').catch(() => {});
      await r.close();
      await router.close();
      await db.close();
    }
  });

  test('pointing at the primary, or at nothing, is said in one line and reads stay on the primary', async () => {
    const db = createDb(primary.url(), 2);
    const lines: string[] = [];
    const samePrimary = createReplicaRouter(db, primary.url(), { checkMs: 600_000, log: (l) => lines.push(l) });
    const nothing = createReplicaRouter(db, `postgres://sabaq@127.0.0.1:${await freePort()}/sabaq`, { checkMs: 600_000, log: (l) => lines.push(l) });
    try {
      expect(await samePrimary.check()).toBe('primary');
      expect(await nothing.check()).toBe('down');
      expect(await nothing.check()).toBe('down');
      expect(lines).toEqual([
        'Read replica: DATABASE_READ_URL is not a replica (not in recovery); heavy reads stay on the primary.',
        'Read replica: DATABASE_READ_URL does not answer; heavy reads stay on the primary until it does.',
      ]);
      await requestContext.run({ queries: 0 }, async () => {
        expect(await onReplica(nothing.read)).toBe(false);
        expect(await onReplica(samePrimary.read)).toBe(false);
      });
    } finally {
      await samePrimary.close();
      await nothing.close();
      await db.close();
    }
  });

  test('a replica that goes down: the next reads go to the primary, without an error', async () => {
    const db = createDb(primary.url(), 2);
    const router = createReplicaRouter(db, replica.url(), { checkMs: 600_000 });
    try {
      await waitForReplay();
      expect(await router.check()).toBe('ok');
      replica.stop('immediate');
      // the state still says ok: the failing read itself falls back to the primary
      await requestContext.run({ queries: 0 }, async () => expect(await onReplica(router.read)).toBe(false));
      expect(await router.check()).toBe('down');
      replica.start();
      await waitForReplay();
      expect(await router.check()).toBe('ok');
    } finally {
      await router.close();
      await db.close();
    }
  });
});
