import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../app.js';
import { createDb, type Db } from '../../platform/db.js';
import { createChangeFeed, type ChangeFeed } from '../../platform/listener.js';
import { loadConfig } from '../../platform/config.js';
import { createTestApp, cookieHeader, type TestApp } from '../../../test/app.js';
import { createClassDayCache } from './diary.cache.js';
import { findDiaryJson } from './diary.repository.js';
import { demoIds, type DemoIds } from './learning.fixtures.js';
import { LEARNING_DEMO } from './learning.seed.js';

process.env.LEARNING_TODAY = LEARNING_DEMO.now;

/**
 * Decision 0026: two app instances on one database, each with its own pool and its own LISTEN
 * connection (two processes as far as the caches know). A change written through one is on the next
 * request served by the other.
 */
let a: TestApp;
let bDb: Db;
let b: FastifyInstance;
let ids: DemoIds;
let url: string;
let pupilA = '';
let pupilB = '';

const today = (app: FastifyInstance, cookie: string, query = '') =>
  app.inject({ method: 'GET', url: `/api/learning/pupils/${ids.pupil}/diary${query}`, headers: { cookie } });

beforeAll(async () => {
  a = await createTestApp();
  ids = await demoIds(a.db);
  url = (a.db.pool as unknown as { options: { connectionString: string } }).options.connectionString;
  bDb = createDb(url, 4);
  b = await buildApp({ db: bDb, config: loadConfig({ LOG_LEVEL: 'silent', EXPOSE_QUERY_COUNT: 'true' }) });
  await b.ready();
  pupilA = await a.login('demo.pupil');
  const res = await b.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'demo.pupil', password: 'sabaq-demo' } });
  pupilB = cookieHeader(res);
});
afterAll(async () => {
  await b?.close();
  await bDb?.close();
  await a?.close();
});

describe('the class-day cache', () => {
  test('answers exactly what the one-query Today answers (today and a week)', async () => {
    for (const [from, to] of [
      [null, null],
      [LEARNING_DEMO.weekStart, '2020-12-13'],
    ] as const) {
      const q = from ? `?from=${from}&to=${to}` : '';
      await today(b, pupilB, q); // fill
      const cached = (await today(b, pupilB, q)).json();
      const direct = JSON.parse((await findDiaryJson(a.db, { pupilId: ids.pupil, from, to, now: new Date(LEARNING_DEMO.now) }))!);
      expect(cached).toEqual(direct);
      expect(cached.lessons.length).toBeGreaterThan(0);
    }
  });

  test('a delivery change, a new homework and a mark written in one process are on the next request in the other', async () => {
    const before = (await today(b, pupilB)).json();
    await today(b, pupilB); // B's cache holds the class's day
    const lesson = before.lessons.find((l: { cancelled: boolean }) => !l.cancelled);
    // delivery: to TV
    await a.db.query(`update lessons set delivery = 'tv', tv_channel = 'balapan', tv_air_at = starts_at, join_url = null, video_url = null where id = $1`, [
      lesson.id,
    ]);
    let d = (await today(b, pupilB)).json();
    expect(d.lessons.find((l: { id: number }) => l.id === lesson.id).delivery).toMatchObject({ kind: 'tv', tvChannel: 'balapan' });
    // homework set for the lesson, due tomorrow
    const hw = await a.one<number>(
      `insert into homework (lesson_id, organisation_id, class_id, subject_id, term_id, teacher_id, title, due_at)
       select id, organisation_id, class_id, subject_id, term_id, teacher_id, 'Cache check', starts_at + interval '1 day' from lessons where id = $1 returning id`,
      [lesson.id],
    );
    d = (await today(b, pupilB)).json();
    expect(d.homework.some((h: { id: number }) => h.id === hw)).toBe(true);
    expect(d.lessons.find((l: { id: number }) => l.id === lesson.id).homeworkSet.some((h: { id: number }) => h.id === hw)).toBe(true);
    // a mark for the pupil in that lesson (the pupil's own part: never cached, yet checked here)
    await a.db.query(
      `insert into marks (lesson_id, pupil_id, organisation_id, class_id, subject_id, term_id, on_date, kind, score, max_score, teacher_id)
       select l.id, $2, l.organisation_id, l.class_id, l.subject_id, l.term_id, l.on_date, 'formative', 9, 10, l.teacher_id from lessons l where l.id = $1
       on conflict (lesson_id, pupil_id, on_date) where homework_id is null do update set score = 9, max_score = 10`,
      [lesson.id, ids.pupil],
    );
    d = (await today(b, pupilB)).json();
    expect(d.lessons.find((l: { id: number }) => l.id === lesson.id).mark).toMatchObject({ score: 9, max: 10 });
    // an announcement to the class, through A's HTTP API path is not needed: any committed write counts
    await a.db.query(
      `insert into announcements (organisation_id, class_id, author_id, title, body)
      select c.organisation_id, c.id, $2, 'Cache check', 'Body' from classes c where c.id = $1`,
      [ids.class5a, lesson.teacher.id],
    );
    d = (await today(b, pupilB)).json();
    expect(d.announcements[0]).toMatchObject({ title: 'Cache check' });
    // and A agrees with B
    expect((await today(a.app, pupilA)).json()).toEqual(d);
  });
});

describe('the change feed', () => {
  let feed: ChangeFeed;
  beforeAll(async () => {
    feed = createChangeFeed(url, { retryMs: 50 });
    await feed.sync();
  });
  afterAll(async () => feed?.close());

  test("NOTIFY from the writing transaction drops the class's entries in every listening process", async () => {
    const cache = createClassDayCache(feed);
    const args = { pupilId: ids.pupil, from: null, to: null, now: new Date(LEARNING_DEMO.now) };
    await cache.diary(a.db, args);
    expect(cache.size).toBeGreaterThan(0);
    await a.db.query(`update lessons set topic = 'notified' where class_id = $1 and on_date = $2`, [ids.class5a, LEARNING_DEMO.today]);
    await feed.sync();
    expect(cache.size).toBe(0);
    // a change to another class leaves this one
    await cache.diary(a.db, args);
    const other = await a.one<number>('select id from classes where id <> $1 order by id limit 1', [ids.class5a]);
    await a.db.query(`update classes set name = name where id = $1`, [other]);
    await feed.sync();
    expect(cache.size).toBeGreaterThan(0);
  });

  test('a lost LISTEN connection drops everything and comes back', async () => {
    const cache = createClassDayCache(feed);
    await cache.diary(a.db, { pupilId: ids.pupil, from: null, to: null, now: new Date(LEARNING_DEMO.now) });
    expect(cache.size).toBeGreaterThan(0);
    await a.db.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'sabaq-listen' and datname = current_database()`);
    for (let i = 0; i < 100 && feed.listening; i++) await new Promise((r) => setTimeout(r, 20));
    expect(cache.size).toBe(0);
    for (let i = 0; i < 200 && !feed.listening; i++) await new Promise((r) => setTimeout(r, 25));
    expect(feed.listening).toBe(true);
  });
});
