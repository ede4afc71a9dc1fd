/** A parent and a teacher exchange messages about a child; school-wide announcements. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { demoIds, type DemoIds } from '../learning/learning.fixtures.js';

let t: TestApp;
let ids: DemoIds;
const cookies: Record<string, string> = {};
const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, payload, headers: { cookie: cookies[who]! } });

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.db);
  for (const who of ['pupil', 'parent', 'teacher', 'homeroom', 'admin']) cookies[who] = await t.login(`demo.${who}`);
});
afterAll(async () => t?.close());

describe('conversations', () => {
  test("a parent may write to the child's teachers and homeroom teacher, nobody else", async () => {
    const res = await call('parent', 'GET', `/api/messages/contacts?pupilId=${ids.pupil}`);
    expect(res.statusCode).toBe(200);
    const contacts = res.json().items as { id: number; role: string }[];
    expect(contacts).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: ids.homeroom, role: 'homeroom' }), expect.objectContaining({ id: ids.teacher, role: 'teacher' })]),
    );
    const stranger = await call('parent', 'POST', '/api/messages/threads', { pupilId: ids.pupil, recipientId: ids.admin, subject: 'x', body: 'y' });
    expect([stranger.statusCode, stranger.json().error.code]).toEqual([422, 'messages.not_a_recipient']);
    const empty = await call('parent', 'POST', '/api/messages/threads', { pupilId: ids.pupil, recipientId: ids.teacher, subject: ' ', body: 'y' });
    expect(empty.statusCode).toBe(400);
    expect(await t.one<number>('select count(*)::int from message_threads')).toBe(0);
  });

  test('a parent and a teacher exchange messages: notifications, unread counts, read state', async () => {
    const start = await call('parent', 'POST', '/api/messages/threads', {
      pupilId: ids.pupil,
      recipientId: ids.teacher,
      subject: 'Үй тапсырмасы',
      body: 'Сәлеметсіз бе! №512 есеп түсініксіз.',
    });
    expect(start.statusCode).toBe(201);
    const thread = start.json().id;
    expect(
      await t.one<number>(`select count(*)::int from notifications where person_id = $1 and kind = 'message' and (params->>'threadId')::int = $2`, [
        ids.teacher,
        thread,
      ]),
    ).toBe(1);
    const inbox = (await call('teacher', 'GET', '/api/messages/threads')).json();
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({ id: thread, subject: 'Үй тапсырмасы', unread: 1, pupil: { id: ids.pupil } });
    const opened = (await call('teacher', 'GET', `/api/messages/threads/${thread}`)).json();
    expect(opened.messages.map((m: { body: string; mine: boolean }) => [m.body, m.mine])).toEqual([['Сәлеметсіз бе! №512 есеп түсініксіз.', false]]);
    expect((await call('teacher', 'GET', '/api/messages/threads')).json().unread).toBe(0);
    expect((await call('teacher', 'POST', `/api/messages/threads/${thread}/messages`, { body: 'Ертең сабақта түсіндіремін.' })).statusCode).toBe(201);
    expect(await t.one<number>(`select count(*)::int from notifications where person_id = $1 and kind = 'message'`, [ids.parent])).toBe(1);
    expect((await call('parent', 'GET', '/api/messages/threads')).json().unread).toBe(1);
    const seen = (await call('parent', 'GET', `/api/messages/threads/${thread}`)).json();
    expect(seen.messages).toHaveLength(2);
    expect(seen.messages[1]).toMatchObject({ mine: false, author: { id: ids.teacher } });
    // nobody else reads it or writes in it
    for (const who of ['pupil', 'homeroom', 'admin']) {
      expect((await call(who, 'GET', `/api/messages/threads/${thread}`)).statusCode).toBe(404);
      expect((await call(who, 'POST', `/api/messages/threads/${thread}/messages`, { body: 'x' })).statusCode).toBe(404);
    }
  });

  test('a teacher starts a conversation with a parent of a pupil of theirs', async () => {
    const res = await call('teacher', 'POST', '/api/messages/threads', {
      pupilId: ids.pupil,
      recipientId: ids.parent,
      subject: 'Бақылау жұмысы',
      body: 'Жұмада бақылау жұмысы.',
    });
    expect(res.statusCode).toBe(201);
    // a pupil of another class is not theirs to write about
    const other = await call('teacher', 'POST', '/api/messages/threads', { pupilId: ids.sibling, recipientId: ids.parent, subject: 'x', body: 'y' });
    expect(other.statusCode).toBe(404);
  });
});

describe('school-wide announcements', () => {
  test("the admin's announcement reaches everyone in the school and is listed for them", async () => {
    const res = await call('admin', 'POST', `/api/messages/organisations/${ids.cityId}/announcements`, {
      title: 'Каникул',
      body: 'Қысқы каникул 30 желтоқсаннан басталады.',
    });
    expect(res.statusCode).toBe(201);
    for (const person of [ids.parent, ids.pupil, ids.teacher]) {
      expect(
        await t.one<number>(`select count(*)::int from notifications where person_id = $1 and kind = 'announcement' and params->>'title' = 'Каникул'`, [
          person,
        ]),
      ).toBe(1);
    }
    const list = (await call('parent', 'GET', '/api/messages/announcements')).json();
    expect(list.items[0]).toMatchObject({ title: 'Каникул', organisationId: ids.cityId });
    const teacher = await call('teacher', 'POST', `/api/messages/organisations/${ids.cityId}/announcements`, { title: 'x', body: 'y' });
    expect([teacher.statusCode, teacher.json().error.code]).toEqual([403, 'messages.announcement_forbidden']);
  });
});
