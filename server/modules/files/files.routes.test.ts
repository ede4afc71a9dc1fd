import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { demoIds, lessonOf, type DemoIds } from '../learning/learning.fixtures.js';
import { LEARNING_DEMO } from '../learning/learning.seed.js';
import { multipart, SAMPLES } from './files.test-support.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sabaq-files-api-'));
process.env.FILES_DIR = dir;
process.env.FILES_MAX_BYTES = '100000';
process.env.LEARNING_TODAY = LEARNING_DEMO.now;

let t: TestApp;
let ids: DemoIds;
const cookies: Record<string, string> = {};
const upload = (login: string, name: string, content: Buffer) => {
  const body = multipart(name, content);
  return t.app.inject({ method: 'POST', url: '/api/files', payload: body.payload, headers: { ...body.headers, cookie: cookies[login]! } });
};
const download = (login: string, id: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: `/api/files/${id}`, headers: { cookie: cookies[login]!, ...headers } });
const storedFiles = () =>
  existsSync(dir) ? readdirSync(dir, { recursive: true }).filter((f) => !String(f).startsWith('.incoming') && String(f).split('/').length === 3) : [];

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.db);
  for (const login of ['demo.pupil', 'demo.parent', 'demo.teacher', 'demo.homeroom', 'demo.admin', 'demo.district']) cookies[login] = await t.login(login);
  // a classmate of demo.pupil signs in with the IIN
  const { rows } = await t.db.query<{ iin: string }>(
    `select p.iin from class_members m join persons p on p.id = m.pupil_id join accounts a on a.person_id = p.id
     where m.class_id = $1 and p.id <> $2 limit 1`,
    [ids.class5a, ids.pupil],
  );
  cookies.classmate = await t.login(rows[0]!.iin);
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('uploading', () => {
  test('a file on the list is stored with the type its bytes show', async () => {
    const res = await upload('demo.teacher', 'Бөлшектер — конспект.pdf', SAMPLES.pdf);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Бөлшектер — конспект.pdf', contentType: 'application/pdf', size: SAMPLES.pdf.length });
    expect(storedFiles()).toHaveLength(1);
  });

  test('a file over the limit is refused with 413 naming the limit, and nothing is kept', async () => {
    const before = storedFiles().length;
    const res = await upload('demo.pupil', 'big.pdf', Buffer.concat([SAMPLES.pdf, Buffer.alloc(100_001)]));
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'files.too_large', details: { limitBytes: 100000 } });
    expect(res.json().error.message).toMatch(/limit of 97\.7 KB \(100000 bytes\)/);
    expect(storedFiles()).toHaveLength(before);
    expect(readdirSync(path.join(dir, '.incoming'))).toEqual([]);
  });

  test('a program or a web page is refused whatever it is called', async () => {
    for (const [name, bytes] of [
      ['homework.pdf', SAMPLES.exe],
      ['answer.html', SAMPLES.html],
      ['empty.pdf', Buffer.alloc(0)],
    ] as const) {
      const res = await upload('demo.pupil', name, bytes);
      expect([415, 400]).toContain(res.statusCode);
      expect(['files.type_not_allowed', 'files.empty']).toContain(res.json().error.code);
    }
  });

  test('officers do not upload; a request without a file is a clear 400', async () => {
    expect((await upload('demo.district', 'a.pdf', SAMPLES.pdf)).json().error.code).toBe('files.upload_forbidden');
    const wrongField = multipart('a.pdf', SAMPLES.pdf, 'document');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/files',
      payload: wrongField.payload,
      headers: { ...wrongField.headers, cookie: cookies['demo.pupil']! },
    });
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'files.no_file']);
  });
});

describe('downloading, authorised per request', () => {
  test("a lesson's material: its class reads it, with Content-Disposition, nosniff and an ETag", async () => {
    const file = (await upload('demo.teacher', 'Үй жұмысы.pdf', SAMPLES.pdf)).json();
    // not attached yet: only the uploader
    expect((await download('demo.pupil', file.id)).statusCode).toBe(404);
    const lesson = await lessonOf(t.db, ids.class5a, LEARNING_DEMO.today, ids.math);
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/learning/lessons/${lesson}/materials`,
      payload: { kind: 'file', fileId: file.id },
      headers: { cookie: cookies['demo.teacher']! },
    });
    expect(added.json()).toMatchObject({ kind: 'file', title: 'Үй жұмысы.pdf', file: { id: file.id } });
    for (const login of ['demo.pupil', 'demo.parent', 'demo.homeroom', 'demo.admin', 'classmate']) {
      const res = await download(login, file.id);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(SAMPLES.pdf)).toBe(true);
      expect(res.headers).toMatchObject({
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="__ ______.pdf"; filename*=UTF-8''%D2%AE%D0%B9%20%D0%B6%D2%B1%D0%BC%D1%8B%D1%81%D1%8B.pdf`,
        'x-content-type-options': 'nosniff',
      });
    }
    const inline = await t.app.inject({ method: 'GET', url: `/api/files/${file.id}?disposition=inline`, headers: { cookie: cookies['demo.pupil']! } });
    expect(inline.headers['content-disposition']).toMatch(/^inline;/);
    const etag = inline.headers.etag as string;
    expect((await download('demo.pupil', file.id, { 'if-none-match': etag })).statusCode).toBe(304);
    expect((await download('demo.district', file.id)).statusCode).toBe(404);
    // the uploader cannot delete what a lesson uses
    expect((await t.app.inject({ method: 'DELETE', url: `/api/files/${file.id}`, headers: { cookie: cookies['demo.teacher']! } })).json().error.code).toBe(
      'files.in_use',
    );
  });

  test('a submitted file: the pupil, the parent, the teacher — never a classmate', async () => {
    const file = (await upload('demo.pupil', 'жауап.png', SAMPLES.png)).json();
    expect(file.contentType).toBe('image/png');
    const lesson = await lessonOf(t.db, ids.class5a, LEARNING_DEMO.today, ids.math);
    const hw = await t.app.inject({
      method: 'POST',
      url: `/api/learning/lessons/${lesson}/homework`,
      headers: { cookie: cookies['demo.teacher']! },
      payload: { title: 'Сурет салу', dueAt: '2020-12-11T14:00:00Z' },
    });
    const sub = await t.app.inject({
      method: 'POST',
      url: `/api/learning/homework/${hw.json().id}/submissions`,
      headers: { cookie: cookies['demo.pupil']!, 'idempotency-key': randomUUID() },
      payload: { fileIds: [file.id] },
    });
    expect(sub.statusCode).toBe(201);
    expect(sub.json().files).toEqual([expect.objectContaining({ id: file.id, name: 'жауап.png' })]);
    for (const [login, status] of [
      ['demo.pupil', 200],
      ['demo.parent', 200],
      ['demo.teacher', 200],
      ['demo.homeroom', 200],
      ['demo.admin', 200],
      ['classmate', 404],
      ['demo.district', 404],
    ] as const) {
      expect([login, (await download(login, file.id)).statusCode]).toEqual([login, status]);
    }
    // another pupil cannot attach a file that is not theirs
    const hijack = await t.app.inject({
      method: 'POST',
      url: `/api/learning/homework/${hw.json().id}/submissions`,
      headers: { cookie: cookies.classmate!, 'idempotency-key': randomUUID() },
      payload: { fileIds: [file.id] },
    });
    expect([hijack.statusCode, hijack.json().error.code]).toEqual([404, 'files.not_found']);
  });

  test('an unattached upload can be deleted by its uploader only; a malformed id is a 400', async () => {
    const file = (await upload('demo.pupil', 'қате.txt', Buffer.from('қате файл'))).json();
    expect(file.contentType).toBe('text/plain; charset=utf-8');
    const del = (login: string) => t.app.inject({ method: 'DELETE', url: `/api/files/${file.id}`, headers: { cookie: cookies[login]! } });
    expect((await del('demo.teacher')).statusCode).toBe(404);
    expect((await del('demo.pupil')).statusCode).toBe(204);
    expect((await download('demo.pupil', file.id)).statusCode).toBe(404);
    expect((await download('demo.pupil', 'not-a-uuid')).statusCode).toBe(400);
  });
});
