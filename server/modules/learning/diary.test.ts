import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { demoIds, type DemoIds } from './learning.fixtures.js';
import { LEARNING_DEMO } from './learning.seed.js';

process.env.LEARNING_TODAY = LEARNING_DEMO.now;

let t: TestApp;
let ids: DemoIds;
const cookies: Record<string, string> = {};
const get = (login: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: cookies[login]! } });

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.db);
  for (const login of ['demo.pupil', 'demo.parent', 'demo.teacher', 'demo.homeroom', 'demo.admin', 'demo.district']) cookies[login] = await t.login(login);
});
afterAll(async () => t?.close());

describe("the pupil's Today", () => {
  test("is the school's today: lessons in order with how to join each, and the homework due", async () => {
    const res = await get('demo.pupil', `/api/learning/pupils/${ids.pupil}/diary`);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d).toMatchObject({ today: LEARNING_DEMO.today, from: LEARNING_DEMO.today, to: LEARNING_DEMO.today, timeZone: 'Asia/Almaty' });
    expect(d.lessons.length).toBeGreaterThan(3);
    const starts = d.lessons.map((l: { startsAt: string }) => l.startsAt);
    expect([...starts].sort()).toEqual(starts);
    for (const l of d.lessons) {
      expect(l.class.id).toBe(ids.class5a);
      // the link is handed out by POST …/join, which records presence
      expect(l.delivery.joinUrl).toBeNull();
      expect(l.joinable).toBe(l.delivery.kind === 'online_live');
      if (l.delivery.kind === 'tv') expect(l.delivery.tvChannel).toBeTruthy();
      if (l.delivery.kind === 'recorded') expect(l.delivery.videoUrl).toMatch(/^https:\/\//);
    }
    expect(d.homework.length).toBeGreaterThan(0);
  });

  test('answers with two queries (session + Today), whatever the day holds', async () => {
    for (const url of [`/api/learning/pupils/${ids.pupil}/diary`, `/api/learning/pupils/${ids.pupil}/diary?from=${LEARNING_DEMO.weekStart}&to=2020-12-13`]) {
      const res = await get('demo.pupil', url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-query-count']).toBe('2');
    }
  });
});
