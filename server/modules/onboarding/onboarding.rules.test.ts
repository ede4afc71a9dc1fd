import { describe, expect, test } from 'vitest';
import { readSheet } from './onboarding.read.js';
import {
  checkClasses,
  checkEmail,
  checkIin,
  checkName,
  checkParentLinks,
  checkPeople,
  checkPhone,
  classKey,
  mapHeader,
  type KnownPerson,
  type PeopleContext,
} from './onboarding.rules.js';
import { csv, validIin, withBadCheckDigit } from './onboarding.fixtures.js';

const LIMITS = { maxRows: 1000, maxUnzippedBytes: 10_000_000 };
const sheetOf = (rows: (string | number)[][]) => readSheet(csv(rows), LIMITS);

const PEOPLE_HEADER = ['iin', 'last_name', 'first_name', 'middle_name', 'phone', 'email', 'role', 'class'];
const pupil1 = validIin('2012-03-04', 'm');
const pupil2 = validIin('2011-11-30', 'f');
const teacher = validIin('1985-06-15', 'f');
const parent = validIin('1984-01-20', 'm');

function peopleContext(over: Partial<PeopleContext> = {}): PeopleContext {
  return {
    persons: new Map(),
    phoneOwners: new Map(),
    emailOwners: new Map(),
    classes: new Map([
      [classKey('5 А'), { id: 51, name: '5 А', kind: 'class' as const }],
      [classKey('5 Ә'), { id: 52, name: '5 Ә', kind: 'class' as const }],
      [classKey('Робототехника'), { id: 90, name: 'Робототехника', kind: 'group' as const }],
    ]),
    ...over,
  };
}

describe('single values', () => {
  test('an IIN with a wrong check digit, an impossible birth date or century digit is refused with the reason', () => {
    expect(checkIin(pupil1)).toMatchObject({ ok: true, value: { iin: pupil1, birthDate: '2012-03-04', sex: 'm' } });
    expect(checkIin(withBadCheckDigit(pupil1))).toMatchObject({ ok: false, code: 'onboarding.bad_iin', problem: 'check_digit' });
    expect(checkIin('121332500123')).toMatchObject({ ok: false, problem: 'birth_date' });
    expect(checkIin('120304000123')).toMatchObject({ ok: false, problem: 'century' });
    expect(checkIin('120304500')).toMatchObject({ ok: false, problem: 'format' });
    expect(checkIin('ИИН')).toMatchObject({ ok: false, problem: 'format' });
  });

  test('an IIN whose leading zeros a spreadsheet dropped is read back, and still checked', () => {
    const born2005 = validIin('2005-07-01', 'f');
    expect(born2005.startsWith('0')).toBe(true);
    expect(checkIin(String(Number(born2005)))).toMatchObject({ ok: true, value: { iin: born2005 } });
    expect(checkIin(String(Number(withBadCheckDigit(born2005))))).toMatchObject({ ok: false, problem: 'check_digit' });
    const exp = checkIin('5.07012E+10');
    expect(exp.ok).toBe(false);
    expect(!exp.ok && exp.message).toMatch(/exponent/);
  });

  test('phones are stored as +7 and ten digits, however they were typed', () => {
    expect(checkPhone('8 (701) 234-56-78')).toEqual({ ok: true, value: '+77012345678' });
    expect(checkPhone('+7 701 234 5678')).toEqual({ ok: true, value: '+77012345678' });
    expect(checkPhone('77012345678')).toEqual({ ok: true, value: '+77012345678' });
    expect(checkPhone('7012345678')).toEqual({ ok: true, value: '+77012345678' });
    expect(checkPhone('12-34-56')).toMatchObject({ ok: false, code: 'onboarding.bad_phone' });
    expect(checkPhone('+1 212 555 0100')).toMatchObject({ ok: false, code: 'onboarding.bad_phone' });
  });

  test('emails are lower-cased; anything without a domain is refused', () => {
    expect(checkEmail(' Aigerim.N@Mail.KZ ')).toEqual({ ok: true, value: 'aigerim.n@mail.kz' });
    expect(checkEmail('aigerim@mail')).toMatchObject({ ok: false, code: 'onboarding.bad_email' });
    expect(checkEmail('a b@mail.kz')).toMatchObject({ ok: false });
  });

  test('names hold letters of any script; a "?" hints at a file that lost its Kazakh letters', () => {
    for (const ok of ['Әбдіқадыр', 'Иванова-Петрова', "O'Neil", 'Нұрсұлтанқызы', 'Ким Ён Су']) expect(checkName(ok).ok).toBe(true);
    expect(checkName('  Серік   Болат ')).toEqual({ ok: true, value: 'Серік Болат' });
    const lost = checkName('?білов');
    expect(lost.ok).toBe(false);
    expect(!lost.ok && lost.message).toMatch(/UTF-8/);
    expect(checkName('Иван2').ok).toBe(false);
  });

  test('a class typed with Latin look-alike letters, other spacing or case is the same class', () => {
    expect(classKey('5A')).toBe(classKey('5 А'));
    expect(classKey('10 "б"')).not.toBe(classKey('10 А'));
    expect(classKey('ис-21-1')).toBe(classKey('ИС-21-1'));
  });
});

describe('header', () => {
  test('Russian and Kazakh headers are accepted; unknown columns are skipped and listed', async () => {
    const sheet = await sheetOf([['№', 'ЖСН', 'Фамилия', 'Имя', 'Роль', 'Сынып', 'Примечание']]);
    const cols = mapHeader('people', sheet.header);
    expect(cols.errors).toEqual([]);
    expect([...cols.byField.keys()]).toEqual(['iin', 'last_name', 'first_name', 'role', 'class']);
    expect(cols.ignored).toEqual(['№', 'Примечание']);
  });

  test('a missing required column and a column named twice are errors on line 1', async () => {
    const sheet = await sheetOf([['ИИН', 'IIN', 'Имя', 'role']]);
    const cols = mapHeader('people', sheet.header);
    expect(cols.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [1, 'IIN', 'onboarding.duplicate_column'],
      [1, 'last_name', 'onboarding.missing_column'],
    ]);
  });
});

describe('people', () => {
  test('every bad row is reported with its spreadsheet line and column, not just the first', async () => {
    const sheet = await sheetOf([
      PEOPLE_HEADER,
      [pupil1, 'Ахметов', 'Алихан', 'Серікұлы', '', '', 'pupil', '5 А'],
      [withBadCheckDigit(pupil2), 'Сейітова', 'Аружан', '', '', '', 'pupil', '5 А'],
      ['121332500123', 'Иванов', 'Пётр', '', '', '', 'pupil', '5 А'],
      [pupil2, 'Сейітова', 'Аружан', '', '', '', 'pupil', '9 Я'],
      [pupil1, 'Ахметов', 'Алихан', '', '', '', 'pupil', '5 А'],
      [validIin('2012-01-01', 'f'), '', 'Дана', '', '', '', 'pupil', '5 А'],
      [teacher, 'Омарова', 'Гүлнар', '', '555', 'gulnar@', 'teacher', ''],
      ['', '', '', '', '', '', '', ''],
      [parent, 'Нұрланов', 'Ерлан', '', '+7 701 111 22 33', '', 'родитель', ''],
    ]);
    const { errors, counts } = checkPeople(sheet, mapHeader('people', sheet.header), peopleContext());
    expect(errors.map((e) => [e.line, e.column, e.code, e.problem])).toEqual([
      [3, 'iin', 'onboarding.bad_iin', 'check_digit'],
      [4, 'iin', 'onboarding.bad_iin', 'birth_date'],
      [5, 'class', 'onboarding.unknown_class', undefined],
      [6, 'iin', 'onboarding.duplicate_in_file', undefined],
      [7, 'last_name', 'onboarding.missing_value', undefined],
      [8, 'phone', 'onboarding.bad_phone', undefined],
      [8, 'email', 'onboarding.bad_email', undefined],
    ]);
    expect(errors.find((e) => e.line === 6)).toMatchObject({ relatedLine: 2, message: expect.stringMatching(/line 2/) });
    // the good rows are still planned (the dry run shows what would be written)
    expect(counts).toMatchObject({ persons: 2, accounts: 2, roles: 2, classMembers: 1 });
  });

  test('a good sheet plans persons, accounts, roles and class places', async () => {
    const sheet = await sheetOf([
      PEOPLE_HEADER,
      [pupil1, 'Ахметов', 'Алихан', 'Серікұлы', '', '', 'оқушы', '5a'],
      [pupil2, 'Сейітова', 'Аружан', '', '', 'ARU@mail.kz', 'ученик', '5 Ә'],
      [teacher, 'Омарова', 'Гүлнар', 'Бекқызы', '87011112233', '', 'мұғалім', ''],
    ]);
    const { errors, plan } = checkPeople(sheet, mapHeader('people', sheet.header), peopleContext());
    expect(errors).toEqual([]);
    expect(plan.newPersons.map((p) => [p.iin, p.birthDate, p.sex, p.phone, p.email])).toEqual([
      [pupil1, '2012-03-04', 'm', null, null],
      [pupil2, '2011-11-30', 'f', null, 'aru@mail.kz'],
      [teacher, '1985-06-15', 'f', '+77011112233', null],
    ]);
    expect(plan.roles).toEqual([
      { iin: pupil1, role: 'pupil' },
      { iin: pupil2, role: 'pupil' },
      { iin: teacher, role: 'teacher' },
    ]);
    expect(plan.classMembers).toEqual([
      { iin: pupil1, classId: 51 },
      { iin: pupil2, classId: 52 },
    ]);
  });

  test('one person may have a row per role (a teacher who is also a parent here), with one account', async () => {
    const sheet = await sheetOf([
      PEOPLE_HEADER,
      [teacher, 'Омарова', 'Гүлнар', '', '', '', 'teacher', ''],
      [teacher, 'ОМАРОВА', 'Гулнар', '', '+77011112233', '', 'parent', ''],
    ]);
    const ctx = peopleContext();
    let r = checkPeople(sheet, mapHeader('people', sheet.header), ctx);
    // "Гулнар" is not "Гүлнар": a different name under one IIN
    expect(r.errors.map((e) => [e.line, e.code])).toEqual([[3, 'onboarding.duplicate_in_file']]);

    const fixed = await sheetOf([
      PEOPLE_HEADER,
      [teacher, 'Омарова', 'Гүлнар', '', '', '', 'teacher', ''],
      [teacher, 'ОМАРОВА', 'гүлнар', '', '+77011112233', '', 'parent', ''],
    ]);
    r = checkPeople(fixed, mapHeader('people', fixed.header), ctx);
    expect(r.errors).toEqual([]);
    expect(r.plan.newPersons).toHaveLength(1);
    expect(r.plan.newPersons[0]!.phone).toBe('+77011112233');
    expect(r.plan.accounts).toHaveLength(1);
    expect(r.plan.roles.map((x) => x.role)).toEqual(['teacher', 'parent']);
  });

  test('a person of this organisation with the same IIN and name is linked, not duplicated; with another name it is an error', async () => {
    const known: KnownPerson = {
      id: 7,
      lastName: 'Ахметов',
      firstName: 'Алихан',
      middleName: 'Серікұлы',
      hasAccount: true,
      orgRoles: ['parent'],
      classIds: [],
      rolesElsewhere: false,
      pupilElsewhere: false,
    };
    const ctx = peopleContext({ persons: new Map([[pupil1, known]]) });
    const same = await sheetOf([PEOPLE_HEADER, [pupil1, 'Ахметов', 'Алихан', '', '', '', 'pupil', '5 А']]);
    const r = checkPeople(same, mapHeader('people', same.header), ctx);
    expect(r.errors).toEqual([]);
    expect(r.counts).toMatchObject({ persons: 0, linkedPersons: 1, accounts: 0, roles: 1, classMembers: 1 });

    const other = await sheetOf([PEOPLE_HEADER, [pupil1, 'Ахмедов', 'Алихан', '', '', '', 'pupil', '5 А']]);
    expect(checkPeople(other, mapHeader('people', other.header), ctx).errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [2, 'iin', 'onboarding.already_exists'],
    ]);
  });

  test('a person registered only elsewhere is never compared by name, linked or given a code: one answer whatever the name', async () => {
    const known: KnownPerson = {
      id: 7,
      lastName: 'Ахметов',
      firstName: 'Алихан',
      middleName: null,
      hasAccount: false,
      orgRoles: [],
      classIds: [],
      rolesElsewhere: true,
      pupilElsewhere: true,
    };
    const ctx = peopleContext({ persons: new Map([[pupil1, known]]) });
    const answers = [];
    for (const [last, role] of [
      ['Ахметов', 'pupil'],
      ['Басқа', 'pupil'],
      ['Ахметов', 'parent'],
      ['Басқа', 'teacher'],
    ] as const) {
      const sheet = await sheetOf([PEOPLE_HEADER, [pupil1, last, 'Алихан', '', '', '', role, role === 'pupil' ? '5 А' : '']]);
      const r = checkPeople(sheet, mapHeader('people', sheet.header), ctx);
      expect(r.plan).toEqual({ newPersons: [], accounts: [], roles: [], classMembers: [] });
      answers.push(r.errors);
    }
    expect(answers[0]).toEqual([expect.objectContaining({ line: 2, column: 'iin', code: 'onboarding.registered_elsewhere' })]);
    for (const a of answers) expect(a).toEqual(answers[0]);
  });

  test('a person of this organisation who also belongs elsewhere gets no code here, and is not made a pupil here while a pupil there', async () => {
    const known: KnownPerson = {
      id: 7,
      lastName: 'Ахметов',
      firstName: 'Алихан',
      middleName: null,
      hasAccount: false,
      orgRoles: ['parent'],
      classIds: [],
      rolesElsewhere: true,
      pupilElsewhere: true,
    };
    const ctx = peopleContext({ persons: new Map([[pupil1, known]]) });
    const parent = await sheetOf([PEOPLE_HEADER, [pupil1, 'Ахметов', 'Алихан', '', '', '', 'parent', '']]);
    const r = checkPeople(parent, mapHeader('people', parent.header), ctx);
    expect(r.errors).toEqual([]);
    expect(r.plan.accounts).toEqual([]);
    const pupil = await sheetOf([PEOPLE_HEADER, [pupil1, 'Ахметов', 'Алихан', '', '', '', 'pupil', '5 А']]);
    expect(checkPeople(pupil, mapHeader('people', pupil.header), ctx).errors.map((e) => e.code)).toEqual(['onboarding.transfer_required']);
  });

  test('importing the same person again changes nothing; a pupil is not moved to another class by import', async () => {
    const known: KnownPerson = {
      id: 7,
      lastName: 'Ахметов',
      firstName: 'Алихан',
      middleName: null,
      hasAccount: true,
      orgRoles: ['pupil'],
      classIds: [51, 90],
      rolesElsewhere: false,
      pupilElsewhere: false,
    };
    const ctx = peopleContext({ persons: new Map([[pupil1, known]]) });
    const again = await sheetOf([PEOPLE_HEADER, [pupil1, 'Ахметов', 'Алихан', '', '', '', 'pupil', '5 А']]);
    expect(checkPeople(again, mapHeader('people', again.header), ctx).counts).toMatchObject({
      persons: 0,
      linkedPersons: 1,
      accounts: 0,
      roles: 0,
      classMembers: 0,
    });
    const moved = await sheetOf([PEOPLE_HEADER, [pupil1, 'Ахметов', 'Алихан', '', '', '', 'pupil', '5 Ә']]);
    expect(checkPeople(moved, mapHeader('people', moved.header), ctx).errors.map((e) => [e.column, e.code])).toEqual([['class', 'onboarding.already_exists']]);
  });

  test("a new person may not take a registered person's phone or email, nor share one with another row", async () => {
    const ctx = peopleContext({ phoneOwners: new Map([['+77011112233', parent]]), emailOwners: new Map([['x@mail.kz', parent]]) });
    const sheet = await sheetOf([
      PEOPLE_HEADER,
      [teacher, 'Омарова', 'Гүлнар', '', '87011112233', 'X@mail.kz', 'teacher', ''],
      [pupil1, 'Ахметов', 'Алихан', '', '+77019998877', '', 'pupil', '5 А'],
      [pupil2, 'Сейітова', 'Аружан', '', '+7 701 999 88 77', '', 'pupil', '5 А'],
    ]);
    expect(checkPeople(sheet, mapHeader('people', sheet.header), ctx).errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [2, 'phone', 'onboarding.already_exists'],
      [2, 'email', 'onboarding.already_exists'],
      [4, 'phone', 'onboarding.duplicate_in_file'],
    ]);
  });

  test('a pupil needs a class; teachers and parents get none', async () => {
    const sheet = await sheetOf([
      PEOPLE_HEADER,
      [pupil1, 'Ахметов', 'Алихан', '', '', '', 'pupil', ''],
      [teacher, 'Омарова', 'Гүлнар', '', '', '', 'teacher', '5 А'],
      [parent, 'Нұрланов', 'Ерлан', '', '', '', 'директор', ''],
    ]);
    expect(checkPeople(sheet, mapHeader('people', sheet.header), peopleContext()).errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [2, 'class', 'onboarding.missing_value'],
      [3, 'class', 'onboarding.bad_value'],
      [4, 'role', 'onboarding.bad_value'],
    ]);
  });
});

describe('classes', () => {
  const HEADER = ['name', 'grade', 'letter', 'shift', 'kind', 'specialty', 'study_year', 'homeroom_iin'];

  test('grade and letter are read from a name like "5 А"; college groups need no grade', async () => {
    const sheet = await sheetOf([
      HEADER,
      ['5 А', '', '', '', '', '', '', teacher],
      ['', '6', 'Б', '2', 'класс', '', '', ''],
      ['ИС-21-1', '', '', '', 'группа', 'Информационные системы', '2', ''],
    ]);
    const r = checkClasses(sheet, mapHeader('classes', sheet.header), { existingClassKeys: new Set(), teachers: new Map([[teacher, 33]]) });
    expect(r.errors).toEqual([]);
    expect(r.plan.map((c) => [c.name, c.kind, c.grade, c.letter, c.shift, c.studyYear, c.homeroomTeacherId])).toEqual([
      ['5 А', 'class', 5, 'А', 1, null, 33],
      ['6 Б', 'class', 6, 'Б', 2, null, null],
      ['ИС-21-1', 'group', null, null, 1, 2, null],
    ]);
  });

  test('duplicates, taken names, bad values and unknown homeroom teachers are all reported', async () => {
    const sheet = await sheetOf([
      HEADER,
      ['5 А', '', '', '', '', '', '', ''],
      ['5A', '', '', '', '', '', '', ''],
      ['7 В', '', '', '4', '', '', '', ''],
      ['Подготовка', '', '', '', '', '', '', ''],
      ['8 Г', '13', '', '', '', '', '', validIin('1990-02-02', 'm')],
      ['9 Д', '', '', '', '', '', '', ''],
    ]);
    const r = checkClasses(sheet, mapHeader('classes', sheet.header), { existingClassKeys: new Set([classKey('9 Д')]), teachers: new Map() });
    expect(r.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [3, 'name', 'onboarding.duplicate_in_file'],
      [4, 'shift', 'onboarding.bad_value'],
      [5, 'grade', 'onboarding.missing_value'],
      [6, 'grade', 'onboarding.bad_value'],
      [6, 'homeroom_iin', 'onboarding.unknown_person'],
      [7, 'name', 'onboarding.already_exists'],
    ]);
  });
});

describe('parent links', () => {
  const HEADER = ['parent_iin', 'child_iin', 'relation'];
  const persons = new Map([
    [parent, { id: 1, isPupilHere: false, isPupilElsewhere: false, isParentHere: false }],
    [pupil1, { id: 2, isPupilHere: true, isPupilElsewhere: false, isParentHere: false }],
    [pupil2, { id: 3, isPupilHere: true, isPupilElsewhere: false, isParentHere: false }],
    [teacher, { id: 4, isPupilHere: false, isPupilElsewhere: false, isParentHere: true }],
  ]);

  test('links to pupils of this organisation are planned once; the parent gets the parent role once', async () => {
    const sheet = await sheetOf([HEADER, [parent, pupil1, 'отец'], [parent, pupil2, 'әке'], [teacher, pupil2, '']]);
    const r = checkParentLinks(sheet, mapHeader('parent_links', sheet.header), { persons, existingLinks: new Set(['4:3']) });
    expect(r.errors).toEqual([]);
    expect(r.plan.links).toEqual([
      { parentId: 1, childId: 2, relation: 'father' },
      { parentId: 1, childId: 3, relation: 'father' },
    ]);
    expect(r.plan.parentRoles).toEqual([1]);
  });

  test('unknown people, children of other organisations, self-links, duplicates and bad relations are errors', async () => {
    const stranger = validIin('1970-05-05', 'f');
    const sheet = await sheetOf([
      HEADER,
      [stranger, pupil1, 'мать'],
      [parent, teacher, 'мать'],
      [pupil1, pupil1, ''],
      [parent, pupil1, 'дядя'],
      [parent, pupil2, ''],
      [parent, pupil2, 'father'],
    ]);
    const r = checkParentLinks(sheet, mapHeader('parent_links', sheet.header), { persons, existingLinks: new Set() });
    expect(r.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [2, 'parent_iin', 'onboarding.unknown_person'],
      [3, 'child_iin', 'onboarding.unknown_person'],
      [4, 'child_iin', 'onboarding.bad_value'],
      [5, 'relation', 'onboarding.bad_value'],
      [7, 'child_iin', 'onboarding.duplicate_in_file'],
    ]);
  });
});
