import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestApp, type TestApp } from '../../../test/app.js';

const TODAY = '2020-12-09';
let t: TestApp;
let teacher: string;
let admin: string;
let district: string;
let ministry: string;
let city: number;
let districtId: number;
let remote: number;

beforeAll(async () => {
  process.env.LEARNING_TODAY = `${TODAY}T09:00:00+06:00`;
  t = await createTestApp({ env: { LEARNING_TODAY: `${TODAY}T09:00:00+06:00` } });
  teacher = await t.login('demo.teacher');
  admin = await t.login('demo.admin');
  district = await t.login('demo.district');
  ministry = await t.login('demo.ministry');
  city = await t.one<number>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
  districtId = await t.one<number>('select district_id from organisations where id = $1', [city]);
  remote = await t.one<number>("select id from training_courses where title_en = 'Learning to teach remotely'");
});
afterAll(async () => t?.close());

const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
const post = (url: string, cookie: string, payload?: object) =>
  payload === undefined ? t.app.inject({ method: 'POST', url, headers: { cookie } }) : t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
const count = async (sql: string, params: unknown[] = []) => Number(await t.one(sql, params));

/** Teaching posts and trained posts of an area straight from the tables (the coverage's definition). */
async function plainCoverage(where: string, param: number) {
  const { rows } = await t.db.query<{ teachers: number; trained: number }>(
    `
    select count(*)::int as teachers,
           count(*) filter (where exists (select 1 from training_enrolments e join training_courses c on c.id = e.course_id
             where e.teacher_id = p.person_id and c.required and e.completed_at is not null))::int as trained
      from (select distinct r.person_id, r.organisation_id from role_assignments r where r.role = 'teacher') p
      join organisations o on o.id = p.organisation_id where ${where} = $1`,
    [param],
  );
  return rows[0]!;
}

describe('a teacher enrols, completes and downloads the certificate', () => {
  let enrolmentId: number;

  test('the teacher sees the required course among those they may join', async () => {
    const me = await get('/api/training/me', teacher);
    expect(me.statusCode).toBe(200);
    expect(me.json().teacher).toBe(true);
    expect(me.json().available.map((c: { id: number }) => c.id)).toContain(remote);
  });

  test('enrolling twice answers the same enrolment, once written', async () => {
    const first = await post(`/api/training/courses/${remote}/enrol`, teacher);
    expect(first.statusCode).toBe(201);
    enrolmentId = first.json().id;
    const again = await post(`/api/training/courses/${remote}/enrol`, teacher);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(enrolmentId);
    expect(await count('select count(*) from training_enrolments where id = $1', [enrolmentId])).toBe(1);
  });

  test('no certificate before completion; the teacher cannot complete a course with a quiz by hand; passing it gives a code, and completing again keeps it', async () => {
    const early = await get(`/api/training/enrolments/${enrolmentId}/certificate`, teacher);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('training.not_completed');
    const byHand = await post(`/api/training/enrolments/${enrolmentId}/complete`, teacher);
    expect(byHand.statusCode).toBe(409);
    expect(byHand.json().error.code).toBe('training.quizzes_pending');
    const page = (await get(`/api/training/enrolments/${enrolmentId}/course`, teacher)).json();
    const quizModule = page.modules.find((m: { quiz: unknown }) => m.quiz);
    const passed = await post(`/api/training/enrolments/${enrolmentId}/modules/${quizModule.id}/attempts`, teacher, { answers: [[0], [0, 1], [0]] });
    expect(passed.statusCode).toBe(201);
    const done = await post(`/api/training/enrolments/${enrolmentId}/complete`, teacher);
    expect(done.statusCode).toBe(200);
    const code = done.json().certificateCode;
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const again = await post(`/api/training/enrolments/${enrolmentId}/complete`, teacher);
    expect(again.json().certificateCode).toBe(code);
  });

  test('the certificate is a PDF with the Kazakh title and the teacher name', async () => {
    const res = await get(`/api/training/enrolments/${enrolmentId}/certificate?lang=kk`, teacher);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.includes(Buffer.from('DejaVuSans'))).toBe(true);
    const dir = mkdtempSync(path.join(tmpdir(), 'training-pdf-'));
    writeFileSync(path.join(dir, 'c.pdf'), res.rawPayload);
    let text: string;
    try {
      text = execFileSync('pdftotext', [path.join(dir, 'c.pdf'), '-'], { encoding: 'utf8' });
    } catch {
      return; // poppler-utils not installed: the PDF is at least produced with the font embedded
    }
    expect(text).toContain('Қашықтан оқытуды үйрену');
    expect(text).toContain('Тексеру коды');
    expect(text).toMatch(/\/certificates\/[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/);
  });
});

describe('the public check of a certificate code', () => {
  test('anyone, without signing in, reads the holder, course, day and validity of a code; typed in small letters or with spaces too', async () => {
    const row = (
      await t.db.query<{
        certificate_code: string;
        last_name: string;
        first_name: string;
        middle_name: string | null;
      }>(`select e.certificate_code, p.last_name, p.first_name, p.middle_name
      from training_enrolments e join persons p on p.id = e.teacher_id where e.certificate_code is not null order by e.id limit 1`)
    ).rows[0]!;
    const res = await t.app.inject({ url: `/api/training/certificates/${row.certificate_code}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ code: row.certificate_code, valid: true, holder: `${row.last_name} ${row.first_name}` });
    expect(body.completedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.keys(body).sort()).toEqual(['code', 'completedOn', 'course', 'holder', 'hours', 'provider', 'valid', 'withdrawnOn']);
    const typed = await t.app.inject({ url: `/api/training/certificates/${encodeURIComponent(row.certificate_code.toLowerCase().replaceAll('-', ' '))}` });
    expect(typed.json().code).toBe(row.certificate_code);
  });

  test('a code that does not exist, or is not a code at all, answers 404 with a clear message', async () => {
    for (const code of ['ZZZZ-ZZZZ-ZZZZ', 'nonsense']) {
      const res = await t.app.inject({ url: `/api/training/certificates/${code}` });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('training.certificate_not_found');
    }
  });
});

describe('enrolment by the admin', () => {
  test('the admin enrols every teacher of the school in one step; the already enrolled are skipped', async () => {
    const tools = await t.one<number>("select id from training_courses where title_en = 'Online tools for the lesson'");
    const before = await get(`/api/training/organisations/${city}/teachers?courseId=${tools}`, admin);
    expect(before.statusCode).toBe(200);
    const teachers = before.json().teachers as { enrolmentId: number | null }[];
    const missing = teachers.filter((x) => x.enrolmentId === null).length;
    const res = await post(`/api/training/organisations/${city}/enrolments`, admin, { courseId: tools, teachers: 'all' });
    expect(res.json()).toEqual({ enrolled: missing, already: teachers.length - missing });
    const after = await get(`/api/training/organisations/${city}/teachers?courseId=${tools}`, admin);
    expect(after.json().teachers.every((x: { enrolmentId: number | null }) => x.enrolmentId !== null)).toBe(true);
  });

  test('someone who is not a teacher of the school: 400, nobody is enrolled', async () => {
    const course = await post('/api/training/courses', ministry, {
      title: { kk: 'Жаңа', ru: 'Новый', en: 'New' },
      provider: 'Өрлеу',
      hours: 4,
      format: 'offline',
      startsOn: '2020-12-01',
      endsOn: '2021-01-31',
    });
    expect(course.statusCode).toBe(201);
    const pupil = await t.one<number>("select person_id from accounts where login = 'demo.pupil'");
    const someTeacher = await t.one<number>(
      "select person_id from role_assignments where role = 'teacher' and organisation_id = $1 order by person_id limit 1",
      [city],
    );
    const res = await post(`/api/training/organisations/${city}/enrolments`, admin, { courseId: course.json().id, teachers: [someTeacher, Number(pupil)] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('training.not_teachers');
    expect(await count('select count(*) from training_enrolments where course_id = $1', [course.json().id])).toBe(0);
  });
});

describe('bad input', () => {
  test('a course that ends before it starts: 400, nothing written', async () => {
    const n = await count('select count(*) from training_courses');
    const res = await post('/api/training/courses', ministry, {
      title: { kk: 'А', ru: 'А', en: 'A' },
      provider: 'X',
      hours: 2,
      format: 'online',
      startsOn: '2021-01-10',
      endsOn: '2021-01-01',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('training.bad_dates');
    expect(await count('select count(*) from training_courses')).toBe(n);
  });

  test('an unknown area, a class, a range over the limit: 400 with training codes; another region for a district officer: 404', async () => {
    expect((await get('/api/training/coverage?area=planet:1', district)).json().error.code).toBe('training.unknown_area');
    expect((await get('/api/training/coverage?area=class:1', district)).json().error.code).toBe('training.unknown_area');
    expect((await get('/api/training/coverage?area=country&from=2019-01-01&to=2020-12-01', ministry)).json().error.code).toBe('training.bad_range');
    const other = await t.one<number>('select id from regions where id <> (select region_id from organisations where id = $1) order by id limit 1', [city]);
    const res = await get(`/api/training/coverage?area=region:${other}`, district);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('training.area_not_found');
  });
});

describe('coverage', () => {
  test("the district's coverage agrees with a plain count, and moves when a teacher completes", async () => {
    const res = await get(`/api/training/coverage?area=district:${districtId}`, district);
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.suppression.applied).toBe(true);
    expect(c.childKind).toBe('organisation');
    const plain = await plainCoverage('o.district_id', districtId);
    expect({ teachers: c.total.teachers, trained: c.total.trained }).toEqual(plain);
    expect(c.total.share).toBeCloseTo(plain.trained / plain.teachers, 9);
    const school = c.children.find((x: { area: { id: number } }) => x.area.id === city);
    expect(school.teachers).toBe((await plainCoverage('o.id', city)).teachers);

    // a teacher of the school not trained yet completes the course
    const person = await t.one<number>(
      `select r.person_id from role_assignments r where r.role = 'teacher' and r.organisation_id = $1
      and not exists (select 1 from training_enrolments e where e.teacher_id = r.person_id and e.completed_at is not null) order by r.person_id limit 1`,
      [city],
    );
    await t.db.query('insert into training_enrolments (course_id, teacher_id, organisation_id, enrolled_by) values ($1, $2, $3, $2) on conflict do nothing', [
      remote,
      person,
      city,
    ]);
    const e = await t.one<number>('select id from training_enrolments where course_id = $1 and teacher_id = $2', [remote, person]);
    expect((await post(`/api/training/enrolments/${e}/complete`, admin)).statusCode).toBe(200);
    const after = (await get(`/api/training/coverage?area=district:${districtId}`, district)).json();
    expect(after.total.trained).toBe(plain.trained + 1);
  });

  test('quality indicators are shares of what the e-journal holds, for the area and each child', async () => {
    const c = (await get(`/api/training/coverage?area=organisation:${city}&from=2020-11-01&to=${TODAY}&markDays=3`, admin)).json();
    expect(c.suppression.applied).toBe(false);
    expect(c.children).toEqual([]);
    const q = c.total.quality;
    expect(q.lessons).toBeGreaterThan(0);
    for (const k of ['remoteShare', 'materialsShare', 'presentShare', 'onlineShare', 'markedShare', 'markedInTimeShare']) {
      if (q[k] !== null) {
        expect(q[k]).toBeGreaterThanOrEqual(0);
        expect(q[k]).toBeLessThanOrEqual(1);
      }
    }
    const lessons = await count(`select count(*) from lessons where organisation_id = $1 and on_date between '2020-11-01' and $2 and not cancelled`, [
      city,
      TODAY,
    ]);
    expect(q.lessons).toBe(lessons);
    // homework due in the range (decision 0022)
    const due = `h.organisation_id = $1 and h.due_at >= date '2020-11-01' and h.due_at < $2::date + 1`;
    const handed = await count(`select count(*) from submissions s join homework h on h.id = s.homework_id where ${due}`, [city, TODAY]);
    const inTime = await count(
      `select count(*) from submissions s join homework h on h.id = s.homework_id
      join marks m on m.homework_id = s.homework_id and m.pupil_id = s.pupil_id
      where ${due} and m.created_at <= s.first_submitted_at + interval '3 days'`,
      [city, TODAY],
    );
    expect(handed).toBeGreaterThan(0);
    expect(q.markedInTimeShare).toBeCloseTo(handed ? inTime / handed : 0, 9);
  });

  test('the coverage exports: CSV with BOM and the Russian headers, XLSX with the rows', async () => {
    const csv = await get(`/api/training/coverage?area=district:${districtId}&format=csv&lang=ru`, district);
    expect(csv.statusCode).toBe(200);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.body).toContain('Охват, %');
    const xlsx = await get(`/api/training/coverage?area=district:${districtId}&format=xlsx&lang=kk`, district);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(4).value).toBe('Қамту, %');
    expect(sheet.rowCount).toBeGreaterThan(2);
  });
});
