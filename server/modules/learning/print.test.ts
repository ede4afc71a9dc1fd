import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { demoIds, lessonNear, type DemoIds } from './learning.fixtures.js';
import { LEARNING_DEMO } from './learning.seed.js';

process.env.LEARNING_TODAY = LEARNING_DEMO.now;

let t: TestApp;
let ids: DemoIds;
const cookies: Record<string, string> = {};
const get = (login: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: cookies[login]! } });

/** The text of a PDF as poppler reads it (what a viewer shows, letter for letter). */
function pdfText(bytes: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'learning-pdf-'));
  try {
    writeFileSync(path.join(dir, 'p.pdf'), bytes);
    return execFileSync('pdftotext', ['-layout', path.join(dir, 'p.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function expectPdf(res: { statusCode: number; headers: Record<string, unknown>; rawPayload: Buffer }): string {
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+\.pdf"; filename\*=UTF-8''.+\.pdf$/);
  expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  expect(res.rawPayload.includes(Buffer.from('DejaVuSans'))).toBe(true);
  return pdfText(res.rawPayload);
}

const name = async (personId: number) =>
  (await t.db.query<{ last_name: string; first_name: string }>('select last_name, first_name from persons where id = $1', [personId])).rows[0]!;

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.db);
  for (const login of ['demo.pupil', 'demo.parent', 'demo.teacher', 'demo.homeroom', 'demo.admin']) cookies[login] = await t.login(login);
  // a mark, an absence and homework in the demo week, so each paper has something of each kind to print
  const lesson = await lessonNear(t.db, ids.class5a, ids.math, LEARNING_DEMO.today, 'before');
  await t.db.query(`update lessons set topic = 'Бөлшектерді қосу' where id = $1`, [lesson.id]);
  await t.app.inject({
    method: 'PUT',
    url: `/api/learning/lessons/${lesson.id}/marks`,
    headers: { cookie: cookies['demo.teacher']! },
    payload: { entries: [{ pupilId: ids.pupil, score: 9 }] },
  });
  await t.app.inject({
    method: 'POST',
    url: `/api/learning/lessons/${lesson.id}/homework`,
    headers: { cookie: cookies['demo.teacher']! },
    payload: { title: 'Жаттығу 245 (ә, ғ, қ)', dueAt: '2020-12-14T14:00:00Z' },
  });
});
afterAll(async () => t?.close());

describe('the printed diary week', () => {
  test("the pupil prints this week: Kazakh letters, every school day, the lesson's topic, mark and homework", async () => {
    const text = expectPdf(await get('demo.pupil', `/api/learning/pupils/${ids.pupil}/diary.pdf?lang=kk`));
    const pupil = await name(ids.pupil);
    expect(text).toContain('Күнделік');
    expect(text).toContain(pupil.last_name);
    expect(text).toContain(`${LEARNING_DEMO.weekStart.split('-').reverse().join('.')}`);
    expect(text).toMatch(/[Дд]үйсенбі/); // Monday in Kazakh
    expect(text).toContain('Математика');
    expect(text).toContain('Бөлшектерді қосу');
    expect(text).toContain('Жаттығу 245 (ә, ғ, қ)');
    expect(text).toMatch(/\b9\b/);
  });

  test('a parent prints another week in Russian; a week is Monday to Sunday whatever day is asked', async () => {
    const text = expectPdf(await get('demo.parent', `/api/learning/pupils/${ids.pupil}/diary.pdf?lang=ru&from=2020-12-02`));
    expect(text).toContain('Дневник');
    expect(text).toContain('30.11.2020 — 06.12.2020');
    expect(text).toMatch(/[Пп]онедельник/);
  });

  test('a teacher who is not the homeroom teacher gets 404, like a pupil who does not exist', async () => {
    expect((await get('demo.teacher', `/api/learning/pupils/${ids.pupil}/diary.pdf`)).statusCode).toBe(404);
    expect((await get('demo.parent', `/api/learning/pupils/${ids.pupil}/diary.pdf?from=2020-13-01`)).statusCode).toBe(400);
  });
});

describe('the printed report card', () => {
  test("the term's subjects with the components, the grade and attendance (Russian, the parent)", async () => {
    const text = expectPdf(await get('demo.parent', `/api/learning/pupils/${ids.pupil}/report.pdf?lang=ru`));
    expect(text).toContain('Табель успеваемости');
    expect(text).toContain('2 четверть');
    expect(text).toContain('Математика');
    expect(text).toContain('СОр, %');
    expect(text).toContain('Посещаемость за период');
  });

  test('the homeroom teacher and the admin print it too, in Kazakh', async () => {
    for (const who of ['demo.homeroom', 'demo.admin']) {
      const text = expectPdf(await get(who, `/api/learning/pupils/${ids.pupil}/report.pdf?lang=kk`));
      expect(text).toContain('Үлгерім табелі');
      expect(text).toContain('2-тоқсан');
    }
    expect((await get('demo.parent', `/api/learning/pupils/${ids.pupil}/report.pdf?termId=99999999`)).statusCode).toBe(404);
  });
});

describe('the printed journal page', () => {
  test("the subject's teacher prints December: every pupil, the lessons' dates, marks, absences and topics", async () => {
    const lesson = await lessonNear(t.db, ids.class5a, ids.math, LEARNING_DEMO.today, 'before');
    const other = (
      await t.db.query<{ id: number }>(`select m.pupil_id as id from class_members m where m.class_id = $1 and m.pupil_id <> $2 order by m.pupil_id limit 1`, [
        ids.class5a,
        ids.pupil,
      ])
    ).rows[0]!.id;
    await t.app.inject({
      method: 'PUT',
      url: `/api/learning/lessons/${lesson.id}/attendance`,
      headers: { cookie: cookies['demo.teacher']! },
      payload: { entries: [{ pupilId: other, status: 'absent' }] },
    });
    const text = expectPdf(await get('demo.teacher', `/api/learning/journal.pdf?classId=${ids.class5a}&subjectId=${ids.math}&month=2020-12&lang=kk`));
    expect(text).toContain('Сынып журналы');
    expect(text).toContain('5 А');
    expect(text).toMatch(/2020 ж. желтоқсан/);
    const pupils = (
      await t.db.query<{ last_name: string }>('select p.last_name from class_members m join persons p on p.id = m.pupil_id where m.class_id = $1', [
        ids.class5a,
      ])
    ).rows;
    for (const p of pupils) expect(text).toContain(p.last_name);
    expect(text).toContain(`${lesson.date.slice(8, 10)}.12`);
    expect(text).toContain('ж — Келмеді');
    expect(text).toContain('Бөлшектерді қосу');
  });

  test('the admin and the homeroom teacher print it; a pupil, a parent and another subject do not exist for them', async () => {
    const url = `/api/learning/journal.pdf?classId=${ids.class5a}&subjectId=${ids.math}`;
    expectPdf(await get('demo.admin', url));
    expectPdf(await get('demo.homeroom', url));
    expect((await get('demo.pupil', url)).statusCode).toBe(404);
    expect((await get('demo.parent', url)).statusCode).toBe(404);
    expect((await get('demo.teacher', `/api/learning/journal.pdf?classId=${ids.class5a}&subjectId=${ids.english}`)).statusCode).toBe(404);
    expect((await get('demo.teacher', `${url}&month=2020-13`)).statusCode).toBe(400);
  });
});

describe("the export of a class's marks", () => {
  const count = async (subjectIds: number[] | null) =>
    Number(
      (
        await t.db.query<{ n: string }>(
          `select count(*) as n from marks mk join terms tm on tm.id = mk.term_id
     where mk.class_id = $1 and $2::date between tm.starts_on and tm.ends_on and ($3::bigint[] is null or mk.subject_id = any($3))`,
          [ids.class5a, LEARNING_DEMO.today, subjectIds],
        )
      ).rows[0]!.n,
    );

  test('the teacher gets the subjects they teach there, as CSV with a BOM, one row per mark', async () => {
    const res = await get('demo.teacher', `/api/learning/classes/${ids.class5a}/marks/export?format=csv&lang=kk`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/\.csv"; filename\*=UTF-8''.+\.csv$/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.rawPayload.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('Оқушы;Пән;Күні;Бағалау түрі;Балл;Ең жоғары;Үй тапсырмасы;Түсініктеме');
    const taught = (
      await t.db.query<{ subject_id: number }>('select subject_id from teaching_assignments where class_id = $1 and teacher_id = $2', [
        ids.class5a,
        ids.teacher,
      ])
    ).rows.map((r) => r.subject_id);
    expect(lines.length - 1).toBe(await count(taught));
    expect(lines.length).toBeGreaterThan(10);
    const subjects = new Set(lines.slice(1).map((l) => l.split(';')[1]));
    expect([...subjects]).toEqual(['Математика']);
    const pupil = await name(ids.pupil);
    expect(lines.some((l) => l.startsWith(`${pupil.last_name} ${pupil.first_name}`) && l.includes(';9;10;'))).toBe(true);
  });

  test('the homeroom teacher gets every subject as XLSX, read back with numbers as numbers', async () => {
    const res = await get('demo.homeroom', `/api/learning/classes/${ids.class5a}/marks/export?format=xlsx&lang=ru`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Ученик');
    expect(sheet.rowCount - 1).toBe(await count(null));
    const subjects = new Set<string>();
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      subjects.add(String(row.getCell(2).value));
      expect(typeof row.getCell(5).value).toBe('number');
    });
    expect(subjects.size).toBeGreaterThan(1);
  });

  test('a subject the teacher does not teach, a pupil and a parent get 404; a bad format is 400', async () => {
    expect((await get('demo.teacher', `/api/learning/classes/${ids.class5a}/marks/export?subjectId=${ids.english}`)).statusCode).toBe(404);
    expect((await get('demo.pupil', `/api/learning/classes/${ids.class5a}/marks/export`)).statusCode).toBe(404);
    expect((await get('demo.parent', `/api/learning/classes/${ids.class5a}/marks/export`)).statusCode).toBe(404);
    expect((await get('demo.teacher', `/api/learning/classes/${ids.class5a}/marks/export?format=pdf`)).statusCode).toBe(400);
  });
});
