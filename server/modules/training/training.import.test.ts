import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { parseDay, parseImportRows } from './training.import.js';

const TODAY = '2020-12-09';
let t: TestApp;
let ministry: string;
let admin: string;

beforeAll(async () => {
  process.env.LEARNING_TODAY = `${TODAY}T09:00:00+06:00`;
  t = await createTestApp({ env: { LEARNING_TODAY: `${TODAY}T09:00:00+06:00` } });
  ministry = await t.login('demo.ministry');
  admin = await t.login('demo.admin');
});
afterAll(async () => t?.close());

const B = 'testboundary';
function upload(cookie: string, csv: string, dryRun: boolean, name = 'orleu.csv') {
  return t.app.inject({
    method: 'POST',
    url: `/api/training/completions/import?dryRun=${dryRun}`,
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${B}` },
    payload: `--${B}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${B}--\r\n`,
  });
}

/** Two teachers with no completion of the "Online tools" course: one by IIN, one by login. */
async function twoTeachers() {
  const { rows } = await t.db.query<{ iin: string; login: string | null; id: string }>(`
    select p.iin, a.login, p.id from persons p join accounts a on a.person_id = p.id
     where exists (select 1 from role_assignments r where r.person_id = p.id and r.role = 'teacher')
       and a.login is not null
       and not exists (select 1 from training_enrolments e join training_courses c on c.id = e.course_id
                        where e.teacher_id = p.id and c.title_en = 'Online tools for the lesson' and e.completed_at is not null)
     order by p.id limit 2`);
  return rows;
}

describe('parsing a completions sheet', () => {
  test('dates as people type them; impossible days refused', () => {
    expect(parseDay('2020-11-05')).toBe('2020-11-05');
    expect(parseDay('5.11.2020')).toBe('2020-11-05');
    expect(parseDay('2020-11-05T00:00:00.000Z')).toBe('2020-11-05');
    expect(parseDay('31.02.2020')).toBeNull();
    expect(parseDay('yesterday')).toBeNull();
  });

  test('Russian headers are understood; a missing column is named', () => {
    const ok = parseImportRows(
      ['Организатор', 'ИИН или логин', 'Курс', 'Дата завершения', 'Номер сертификата'],
      [{ line: 2, cells: ['Өрлеу', '123', 'X', '01.11.2020', 'N1'] }],
      TODAY,
    );
    expect(ok.errors).toEqual([]);
    expect(ok.rows[0]).toMatchObject({ provider: 'Өрлеу', completedOn: '2020-11-01', certificate: 'N1' });
    const missing = parseImportRows(['provider', 'teacher', 'course', 'certificate'], [], TODAY);
    expect(missing.errors).toEqual([{ line: 1, column: 'completedOn', code: 'missing_column' }]);
  });
});

describe('importing completions from external providers', () => {
  test('only the ministry imports', async () => {
    const res = await upload(admin, 'provider;teacher;course;completed on;certificate\n', true);
    expect(res.statusCode).toBe(403);
  });

  test('every bad row is named, and an apply with errors writes nothing (422)', async () => {
    const [a] = await twoTeachers();
    const csv = [
      'provider;teacher;course;completed on;certificate',
      `Өрлеу;${a!.iin};Online tools for the lesson;2020-11-01;OR-1`,
      'Өрлеу;000000000000;Online tools for the lesson;2020-11-01;OR-2',
      `Өрлеу;${a!.login};No such course;2020-11-01;OR-3`,
      `Өрлеу;${a!.login};Online tools for the lesson;2021-05-01;OR-4`,
      `Өрлеу;${a!.login};Online tools for the lesson;2020-11-02;`,
      `Өрлеу;${a!.login};Online tools for the lesson;2020-11-03;OR-6`,
    ].join('\n');
    const before = await t.one<number>('select count(*)::int from training_enrolments');
    const dry = await upload(ministry, csv, true);
    expect(dry.statusCode).toBe(200);
    const errors = dry.json().errors.map((e: { line: number; code: string }) => [e.line, e.code]);
    expect(errors).toEqual([
      [3, 'unknown_teacher'],
      [4, 'unknown_course'],
      [5, 'future_date'],
      [6, 'missing_value'],
      [7, 'duplicate'],
    ]);
    expect(dry.json().errors.find((e: { line: number }) => e.line === 7).duplicateOf).toBe(2);
    const apply = await upload(ministry, csv, false);
    expect(apply.statusCode).toBe(422);
    expect(apply.json().error.code).toBe('training.rows_invalid');
    expect(await t.one<number>('select count(*)::int from training_enrolments')).toBe(before);
  });

  test('a good file: the dry run writes nothing, the apply records each completion with its source; again: skipped', async () => {
    const [a, b] = await twoTeachers();
    const csv =
      'Provider,Teacher,Course,Completed on,Certificate number\n' +
      `Өрлеу,${a!.iin},Online tools for the lesson,01.11.2020,OR-100\n` +
      `Bilim Online,${b!.login!.toUpperCase()},Online tools for the lesson,2020-11-20,BO-7\n`;
    const dry = await upload(ministry, csv, true);
    expect(dry.json()).toMatchObject({ ok: true, dryRun: true, rows: 2, completed: 2, already: 0 });
    expect(await t.one<number>("select count(*)::int from training_enrolments where source = 'import'")).toBe(0);
    const apply = await upload(ministry, csv, false, 'orleu-november.csv');
    expect(apply.statusCode).toBe(200);
    expect(apply.json()).toMatchObject({ ok: true, dryRun: false, completed: 2, already: 0 });
    const { rows } = await t.db.query(`select e.teacher_id, e.source, e.source_provider, e.source_certificate, e.source_file, e.certificate_code,
      to_char(e.completed_at at time zone 'Asia/Almaty', 'YYYY-MM-DD') as day, e.imported_by is not null as by
      from training_enrolments e where e.source = 'import' order by e.source_certificate`);
    expect(rows).toEqual([
      {
        teacher_id: b!.id,
        source: 'import',
        source_provider: 'Bilim Online',
        source_certificate: 'BO-7',
        source_file: 'orleu-november.csv',
        certificate_code: null,
        day: '2020-11-20',
        by: true,
      },
      {
        teacher_id: a!.id,
        source: 'import',
        source_provider: 'Өрлеу',
        source_certificate: 'OR-100',
        source_file: 'orleu-november.csv',
        certificate_code: null,
        day: '2020-11-01',
        by: true,
      },
    ]);
    const again = await upload(ministry, csv, false);
    expect(again.json()).toMatchObject({ ok: true, completed: 0, already: 2 });
  });
});
