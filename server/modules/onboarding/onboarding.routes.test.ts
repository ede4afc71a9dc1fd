import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { CITY_SCHOOL } from '../../seed/demo-facts.js';
import type { ImportReport } from '../../../contracts/onboarding.js';
import { csv, validIin, withBadCheckDigit } from './onboarding.fixtures.js';

let t: TestApp;
let admin: string;
let schoolId: number;
let otherSchoolId: number;
let classIds: Map<string, number>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('demo.admin');
  const me = (await t.app.inject({ url: '/api/me', headers: { cookie: admin } })).json();
  schoolId = me.roles.find((r: { role: string }) => r.role === 'org_admin').scope.organisationId;
  const classes = (await t.app.inject({ url: `/api/organisations/${schoolId}/classes`, headers: { cookie: admin } })).json();
  classIds = new Map(classes.items.map((c: { name: string; id: number }) => [c.name, c.id]));
  const { rows } = await t.db.query<{ id: number }>('select id from organisations where id <> $1 order by id limit 1', [schoolId]);
  otherSchoolId = rows[0]!.id;
});
afterAll(async () => t.close());

function multipart(file: Buffer, filename: string) {
  const boundary = `----sabaq${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function upload(kind: string, file: Buffer, opts: { dryRun?: boolean; cookie?: string; org?: number; query?: string; filename?: string } = {}) {
  const { payload, headers } = multipart(file, opts.filename ?? 'import.csv');
  const query = opts.query ?? `kind=${kind}&dryRun=${opts.dryRun ?? true}`;
  return t.app.inject({
    method: 'POST',
    url: `/api/organisations/${opts.org ?? schoolId}/imports?${query}`,
    payload,
    headers: { ...headers, cookie: opts.cookie ?? admin },
  });
}

const TABLES = ['persons', 'accounts', 'role_assignments', 'class_members', 'parent_links', 'classes', 'audit_events'] as const;
type Counts = Record<(typeof TABLES)[number], number>;
async function counts(): Promise<Counts> {
  const { rows } = await t.db.query<Counts>(`select ${TABLES.map((x) => `(select count(*) from ${x}) as ${x}`).join(', ')}`);
  return rows[0]!;
}

const PEOPLE_HEADER = ['iin', 'last_name', 'first_name', 'middle_name', 'phone', 'email', 'role', 'class'];

describe('checking a file', () => {
  test('every bad row is listed with its line, column and reason, and neither check nor import writes anything', async () => {
    const good = validIin('2010-02-03', 'f', 9100);
    const file = csv([
      PEOPLE_HEADER,
      [good, 'Бекова', 'Айша', '', '', '', 'pupil', '5 А'],
      [withBadCheckDigit(validIin('2010-04-05', 'm', 9100)), 'Серікбаев', 'Нұрлан', '', '', '', 'pupil', '5 А'],
      ['101332500121', 'Иванов', 'Пётр', '', '', '', 'pupil', '5 А'],
      [validIin('2010-06-07', 'm', 9100), 'Қасымов', 'Ернар', '', '', '', 'pupil', '12 Я'],
      [good, 'Бекова', 'Айша', '', '', '', 'pupil', '5 А'],
      [validIin('2010-08-09', 'f', 9100), '', 'Дана', '', '', '', 'pupil', '5 А'],
    ]);
    const before = await counts();
    const check = await upload('people', file);
    expect(check.statusCode).toBe(200);
    const report = check.json() as ImportReport;
    expect(report).toMatchObject({ ok: false, kind: 'people', dryRun: true, rows: 6, errorCount: 5 });
    expect(report.errors.map((e) => [e.line, e.column, e.code, e.problem ?? null])).toEqual([
      [3, 'iin', 'onboarding.bad_iin', 'check_digit'],
      [4, 'iin', 'onboarding.bad_iin', 'birth_date'],
      [5, 'class', 'onboarding.unknown_class', null],
      [6, 'iin', 'onboarding.duplicate_in_file', null],
      [7, 'last_name', 'onboarding.missing_value', null],
    ]);

    const apply = await upload('people', file, { dryRun: false });
    expect(apply.statusCode).toBe(422);
    expect(apply.json()).toMatchObject({ ok: false, dryRun: false, error: { code: 'onboarding.rows_invalid' }, errors: report.errors });
    expect(await counts()).toEqual(before);
  });

  test('a missing required column is reported on line 1', async () => {
    const res = await upload(
      'people',
      csv([
        ['iin', 'first_name', 'role'],
        [validIin('1990-02-03', 'f', 9200), 'Айша', 'teacher'],
      ]),
    );
    expect(res.json().errors).toEqual([expect.objectContaining({ line: 1, column: 'last_name', code: 'onboarding.missing_column' })]);
  });
});

describe('importing', () => {
  const pupilA = validIin('2010-09-10', 'm', 9300);
  const pupilB = validIin('2009-12-01', 'f', 9300);
  const mother = validIin('1986-03-03', 'f', 9300);
  const file = csv([
    PEOPLE_HEADER,
    [pupilA, 'Оспанов', 'Темірлан', 'Ерланұлы', '', '', 'pupil', '5 А'],
    [pupilB, 'Оспанова', 'Жансая', '', '', 'zhansaya@mail.kz', 'pupil', '6 Б'],
    [mother, 'Оспанова', 'Мөлдір', 'Серікқызы', '+7 701 555 11 22', '', 'parent', ''],
  ]);

  test('a good file applies in one go: people, accounts, roles and class places; the pupils are in their classes', async () => {
    const before = await counts();
    const dry = await upload('people', file);
    expect(dry.json()).toMatchObject({ ok: true, errors: [], created: { persons: 3, accounts: 3, roles: 3, classMembers: 2 }, activationCodes: [] });
    expect(await counts()).toEqual(before);

    const res = await upload('people', file, { dryRun: false });
    expect(res.statusCode).toBe(200);
    const report = res.json() as ImportReport;
    expect(report).toMatchObject({ ok: true, dryRun: false, created: { persons: 3, linkedPersons: 0, accounts: 3, roles: 3, classMembers: 2 } });
    expect(report.activationCodes.map((c) => [c.line, c.iin])).toEqual([
      [2, pupilA],
      [3, pupilB],
      [4, mother],
    ]);
    expect(report.activationExpiresAt).not.toBeNull();
    const after = await counts();
    expect(after.persons - before.persons).toBe(3);
    expect(after.accounts - before.accounts).toBe(3);
    expect(after.role_assignments - before.role_assignments).toBe(3);
    expect(after.class_members - before.class_members).toBe(2);

    const cls = (await t.app.inject({ url: `/api/classes/${classIds.get('5 А')}`, headers: { cookie: admin } })).json();
    expect(cls.pupils).toContainEqual(expect.objectContaining({ lastName: 'Оспанов', firstName: 'Темірлан', middleName: 'Ерланұлы' }));
    const cls6 = (await t.app.inject({ url: `/api/classes/${classIds.get('6 Б')}`, headers: { cookie: admin } })).json();
    expect(cls6.pupils).toContainEqual(expect.objectContaining({ lastName: 'Оспанова', firstName: 'Жансая' }));

    // the audit says how many, never who
    const { rows } = await t.db.query<{ details: Record<string, unknown> }>(
      `select details from audit_events where action = 'onboarding.import' order by id desc limit 1`,
    );
    expect(rows[0]!.details).toMatchObject({ organisationId: schoolId, kind: 'people', rows: 3, persons: 3, accounts: 3 });
    const text = JSON.stringify(rows[0]!.details);
    for (const secret of [pupilA, 'Оспанов', 'zhansaya', report.activationCodes[0]!.code]) expect(text).not.toContain(secret);

    // an activation code is stored only as a hash
    const { rows: hashes } = await t.db.query<{ password_hash: string }>(
      'select a.password_hash from accounts a join persons p on p.id = a.person_id where p.iin = $1',
      [pupilA],
    );
    expect(hashes[0]!.password_hash).toMatch(/^activation\$/);
    expect(hashes[0]!.password_hash).not.toContain(report.activationCodes[0]!.code.replace(/-/g, ''));

    // the parent activates with the code, signs in with her own password; the code works once
    const code = report.activationCodes.find((c) => c.iin === mother)!.code;
    const activate = (c: string) => t.app.inject({ method: 'POST', url: '/api/activation', payload: { iin: mother, code: c, password: 'жаңа-құпиясөз-1' } });
    expect(await t.login(mother, report.activationCodes[2]!.code).catch((e: Error) => e.message)).toMatch(/401/);
    expect((await activate(code.toLowerCase())).statusCode).toBe(204);
    expect(await t.login(mother, 'жаңа-құпиясөз-1')).toContain('sabaq_session');
    expect((await activate(code)).json().error.code).toBe('onboarding.activation_failed');
  });

  test('importing the same file again links the people already there and creates nothing', async () => {
    const before = await counts();
    const res = await upload('people', file, { dryRun: false });
    expect(res.json()).toMatchObject({ ok: true, created: { persons: 0, linkedPersons: 3, accounts: 0, roles: 0, classMembers: 0 }, activationCodes: [] });
    const after = await counts();
    expect({ ...after, audit_events: 0 }).toEqual({ ...before, audit_events: 0 });
  });

  test("a registered IIN with another name, or a phone that is someone else's, is refused", async () => {
    const res = await upload(
      'people',
      csv([
        PEOPLE_HEADER,
        [pupilA, 'Оспанов', 'Тимур', '', '', '', 'pupil', '5 А'],
        [validIin('1980-01-01', 'm', 9300), 'Жаңаев', 'Бауыржан', '', '87015551122', '', 'teacher', ''],
      ]),
      { dryRun: false },
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { line: number; column: string; code: string }) => [e.line, e.column, e.code])).toEqual([
      [2, 'iin', 'onboarding.already_exists'],
      [3, 'phone', 'onboarding.already_exists'],
    ]);
  });

  test('parent links join a registered parent to pupils of this school', async () => {
    const before = await counts();
    const res = await upload(
      'parent_links',
      csv([
        ['ИИН родителя', 'ИИН ребёнка', 'Кем приходится'],
        [mother, pupilA, 'мать'],
        [mother, pupilB, 'мать'],
      ]),
      { dryRun: false },
    );
    expect(res.json()).toMatchObject({ ok: true, created: { parentLinks: 2, roles: 0 } });
    expect((await counts()).parent_links - before.parent_links).toBe(2);
    const cookie = await t.login(mother, 'жаңа-құпиясөз-1');
    const children = (await t.app.inject({ url: '/api/me/children', headers: { cookie } })).json().children;
    expect(children.map((c: { firstName: string }) => c.firstName).sort()).toEqual(['Жансая', 'Темірлан']);
  });
});

describe('formats', () => {
  test('a semicolon CSV with a BOM and Russian headers (Excel in the Russian locale) imports', async () => {
    const iin = validIin('2011-01-15', 'm', 9400);
    const file = csv(
      [
        ['№', 'ИИН', 'Фамилия', 'Имя', 'Отчество', 'Телефон', 'Роль', 'Класс'],
        ['1', iin, 'Ким', 'Виктор', 'Олегович', '', 'ученик', '5 Б'],
      ],
      { separator: ';', bom: true },
    );
    const res = await upload('people', file, { dryRun: false });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, ignoredColumns: ['№'], created: { persons: 1, classMembers: 1 } });
  });

  test('an XLSX sheet imports, even with an IIN that Excel turned into a number', async () => {
    const iin = validIin('2006-05-05', 'f', 9400); // born 2006: starts with 0
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Тізім');
    ws.addRow(['ЖСН', 'Тегі', 'Аты', 'Әкесінің аты', 'Рөлі', 'Сынып']);
    ws.addRow([Number(iin), 'Төлеуова', 'Інжу', 'Бағдатқызы', 'оқушы', '10 А']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload('people', file, { dryRun: false, filename: 'list.xlsx' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, rows: 1, created: { persons: 1, classMembers: 1 } });
    const { rows } = await t.db.query('select birth_date, sex from persons where iin = $1', [iin]);
    expect(rows[0]).toEqual({ birth_date: '2006-05-05', sex: 'f' });
  });

  test('classes import with a homeroom teacher of the school; a taken name is refused', async () => {
    const { rows } = await t.db.query<{ iin: string }>(`select p.iin from accounts a join persons p on p.id = a.person_id where a.login = 'demo.teacher'`);
    const teacherIin = rows[0]!.iin;
    const file = csv([
      ['Название', 'Параллель', 'Литера', 'Смена', 'ИИН классного руководителя'],
      ['11 Б', '11', 'Б', '1', teacherIin],
      ['Подготовительный', '0', '', '2', ''],
    ]);
    const res = await upload('classes', file, { dryRun: false });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, created: { classes: 2 } });
    const list = (await t.app.inject({ url: `/api/organisations/${schoolId}/classes`, headers: { cookie: admin } })).json().items;
    const created = list.find((c: { name: string }) => c.name === '11 Б');
    expect(created).toMatchObject({ grade: 11, letter: 'Б', shift: 1, kind: 'class', homeroomTeacher: { lastName: 'Петрова' } });

    const again = await upload('classes', csv([['name'], ['11 б'], [CITY_SCHOOL.pupilClass]]));
    expect(again.json().errors.map((e: { line: number; code: string }) => [e.line, e.code])).toEqual([
      [2, 'onboarding.already_exists'],
      [3, 'onboarding.already_exists'],
    ]);
  });

  test('the templates download with their header row', async () => {
    const res = await t.app.inject({ url: '/api/imports/templates/people?lang=ru', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toContain('sabaq-people.csv');
    expect(res.body).toBe('\uFEFFИИН;Фамилия;Имя;Отчество;Телефон;Эл. почта;Роль;Класс\r\n');
    const xlsx = await t.app.inject({ url: '/api/imports/templates/parent_links?format=xlsx&lang=kk', headers: { cookie: admin } });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([undefined, 'Ата-ананың ЖСН', 'Баланың ЖСН', 'Туыстығы']);
    expect((await t.app.inject({ url: '/api/imports/templates/pupils', headers: { cookie: admin } })).statusCode).toBe(400);
  });
});

describe('who may import, and limits', () => {
  const tiny = csv([PEOPLE_HEADER, [validIin('2010-02-03', 'f', 9500), 'Бекова', 'Айша', '', '', '', 'pupil', '5 А']]);

  test('a teacher of the school and the admin of another school get 404, as if it did not exist; no session gets 401', async () => {
    const teacher = await t.login('demo.teacher');
    for (const [cookie, org] of [
      [teacher, schoolId],
      [admin, otherSchoolId],
      [admin, 999_999],
    ] as const) {
      const res = await upload('people', tiny, { cookie, org });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('organisations.not_found');
    }
    expect((await upload('people', tiny, { cookie: '' })).statusCode).toBe(401);
  });

  test('a file over 5 MB gets 413 with the limit; so does a sheet over 20,000 rows', async () => {
    const big = Buffer.concat([tiny, Buffer.alloc(5 * 1024 * 1024, 'x')]);
    const res = await upload('people', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'onboarding.file_too_large', message: expect.stringContaining('5 MB') });

    const many = Buffer.from(`iin\n${'1\n'.repeat(20_001)}`);
    const rows = await upload('people', many);
    expect(rows.statusCode).toBe(413);
    expect(rows.json().error).toMatchObject({ code: 'onboarding.too_many_rows', message: expect.stringContaining('20000') });
  });

  test('an unknown or missing query field gets 400; so does a request without a file', async () => {
    expect((await upload('people', tiny, { query: 'kind=people&dryRun=true&force=1' })).statusCode).toBe(400);
    expect((await upload('people', tiny, { query: 'kind=pupils' })).statusCode).toBe(400);
    expect((await upload('people', tiny, { query: 'dryRun=false' })).statusCode).toBe(400);
    const json = await t.app.inject({
      method: 'POST',
      url: `/api/organisations/${schoolId}/imports?kind=people`,
      payload: { a: 1 },
      headers: { cookie: admin },
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.code).toBe('onboarding.no_file');
  });
});

describe('scale', () => {
  test('5,000 people apply in one transaction with a fixed number of queries, not one per row', async () => {
    const header = PEOPLE_HEADER;
    const rows: string[][] = [header];
    const seen = new Set<string>();
    let day = 0;
    while (rows.length <= 5000) {
      const birth = new Date(Date.UTC(2008, 0, 1) + day++ * 86_400_000).toISOString().slice(0, 10);
      for (let serial = 9600; serial < 9610 && rows.length <= 5000; serial++) {
        const iin = validIin(birth, serial % 2 ? 'm' : 'f', serial);
        if (seen.has(iin)) continue;
        seen.add(iin);
        rows.push([iin, 'Сапарова', `Бала${rows.length}`.replace(/\d/g, (d) => 'абвгдежзик'[Number(d)]!), '', '', '', 'pupil', '7 А']);
      }
    }
    const before = await counts();
    const started = performance.now();
    const res = await upload('people', csv(rows), { dryRun: false });
    const ms = performance.now() - started;
    expect(res.statusCode).toBe(200);
    expect(res.json().created).toMatchObject({ persons: 5000, accounts: 5000, roles: 5000, classMembers: 5000 });
    expect((await counts()).persons - before.persons).toBe(5000);
    // session lookup + org + lock + context + 5 bulk inserts + audit + begin/commit
    expect(Number(res.headers['x-query-count'])).toBeLessThanOrEqual(20);
    console.info(`onboarding: 5,000-row people file applied in ${Math.round(ms)} ms, ${res.headers['x-query-count']} queries`);
  });
});
