import type { ImportCounts, ImportError, ImportErrorCode, ImportKind } from '../../../contracts/onboarding.js';
import { parseIin, type IinProblem } from '../identity/identity.usecases.js';
import { FIELDS, fieldForHeader, valueFor } from './onboarding.formats.js';
import type { Sheet, SheetRow } from './onboarding.read.js';

/**
 * Pure decisions of onboarding by file: which header cell is which field, whether a cell holds a
 * good value, and — given what the database already holds (a context loaded in a few bulk
 * queries) — every error of every row, or the plan of what to write. No I/O here.
 */

// ── Single values ─────────────────────────────────────────────────────────
export type CellCheck<T> = { ok: true; value: T } | { ok: false; code: ImportErrorCode; message: string; problem?: string };

/**
 * A valid IIN. Spreadsheets turn an IIN typed as a number into 10-11 digits when it starts with
 * zeros (everyone born 2000-2009), so those are padded back; the result must still pass every check.
 */
export function checkIin(raw: string): CellCheck<{ iin: string; birthDate: string; sex: 'm' | 'f' }> {
  let s = raw.replace(/[\s-]/g, '');
  if (/^\d{10,11}$/.test(s)) s = s.padStart(12, '0');
  const r = parseIin(s);
  if (!r.valid) {
    const hint = /e\+/i.test(raw) ? ' (the spreadsheet wrote it as an exponent: format the column as text)' : '';
    return { ok: false, code: 'onboarding.bad_iin', problem: r.problem satisfies IinProblem, message: r.message + hint };
  }
  return { ok: true, value: { iin: s, birthDate: r.birthDate, sex: r.sex } };
}

/** A Kazakhstan phone number in the stored form +7XXXXXXXXXX (8 or 7 prefix, spaces, dashes and brackets allowed). */
export function checkPhone(raw: string): CellCheck<string> {
  const digits = raw.replace(/[\s()\-.]/g, '');
  const m = /^(?:\+7|8|7)?(\d{10})$/.exec(digits);
  if (!m || !/^[67]/.test(m[1]!)) {
    return { ok: false, code: 'onboarding.bad_phone', message: 'A phone number is +7 followed by 10 digits, e.g. +7 701 234 56 78' };
  }
  return { ok: true, value: `+7${m[1]}` };
}

export function checkEmail(raw: string): CellCheck<string> {
  const s = raw.trim().toLowerCase();
  if (s.length > 254 || !/^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]{2,}$/.test(s)) {
    return { ok: false, code: 'onboarding.bad_email', message: 'This is not an email address' };
  }
  return { ok: true, value: s };
}

/** Letters (any script, with Kazakh letters) joined by spaces, hyphens or apostrophes. */
export function checkName(raw: string): CellCheck<string> {
  const s = raw.replace(/\s+/g, ' ').trim();
  if (s.length > 100) return { ok: false, code: 'onboarding.bad_value', message: 'A name is at most 100 characters' };
  if (!/^[\p{L}\p{M}]+(?:[ '’ʼ`.-]+[\p{L}\p{M}]+)*\.?$/u.test(s)) {
    const hint = s.includes('?') ? ' (a "?" usually means the file lost Kazakh letters: save it as "CSV UTF-8" or XLSX)' : '';
    return { ok: false, code: 'onboarding.bad_value', message: `A name holds only letters, spaces, hyphens and apostrophes${hint}` };
  }
  return { ok: true, value: s };
}

// Latin letters that look like Cyrillic ones: a class typed "5A" in Latin is the class "5 А".
const LOOKALIKES: Record<string, string> = { a: 'а', b: 'в', c: 'с', e: 'е', h: 'н', k: 'к', m: 'м', o: 'о', p: 'р', t: 'т', x: 'х', y: 'у' };

/** The key two spellings of one class name share: case, spaces, ё/е and look-alike letters do not matter. */
export function classKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\s+/g, '')
    .replace(/[a-z]/g, (ch) => LOOKALIKES[ch] ?? ch);
}

/** The key two spellings of one person's name share. */
export function nameKey(name: string | null | undefined): string {
  return (name ?? '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[a-z]/g, (ch) => LOOKALIKES[ch] ?? ch);
}

function parseIntIn(raw: string, min: number, max: number): number | null {
  if (!/^\d{1,3}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
}

// ── Header ────────────────────────────────────────────────────────────────
export interface Columns {
  /** field key → its column index and the header as the file writes it */
  byField: Map<string, { index: number; title: string }>;
  ignored: string[];
  errors: ImportError[];
}

export function mapHeader(kind: ImportKind, header: SheetRow): Columns {
  const byField = new Map<string, { index: number; title: string }>();
  const ignored: string[] = [];
  const errors: ImportError[] = [];
  header.cells.forEach((title, index) => {
    if (title === '') return;
    const field = fieldForHeader(kind, title);
    if (!field) {
      ignored.push(title);
      return;
    }
    const first = byField.get(field);
    if (first) {
      errors.push({
        line: header.line,
        column: title,
        code: 'onboarding.duplicate_column',
        message: `Column "${title}" holds the same field as column "${first.title}"`,
      });
      return;
    }
    byField.set(field, { index, title });
  });
  for (const f of FIELDS[kind]) {
    if (f.required && !byField.has(f.key)) {
      errors.push({
        line: header.line,
        column: f.key,
        code: 'onboarding.missing_column',
        message: `The header has no "${f.key}" column (e.g. "${f.title.ru}" or "${f.title.kk}")`,
      });
    }
  }
  if (kind === 'classes' && !byField.has('name') && !byField.has('grade')) {
    errors.push({
      line: header.line,
      column: 'name',
      code: 'onboarding.missing_column',
      message: 'The header needs a "name" column (or "grade" and "letter")',
    });
  }
  return { byField, ignored, errors };
}

/** Reads the cells of a row by field and collects its errors. */
class RowReader {
  constructor(
    private readonly cols: Columns,
    readonly row: SheetRow,
    private readonly errors: ImportError[],
  ) {}

  get(field: string): string {
    const c = this.cols.byField.get(field);
    return c ? (this.row.cells[c.index] ?? '') : '';
  }

  column(field: string): string {
    return this.cols.byField.get(field)?.title ?? field;
  }

  fail(field: string, code: ImportErrorCode, message: string, extra: { problem?: string; relatedLine?: number } = {}): void {
    this.errors.push({ line: this.row.line, column: this.column(field), code, message, ...extra });
  }

  /** A required cell, or null (and a missing_value error) when empty. Missing columns were reported on the header. */
  required(field: string, what: string): string | null {
    const v = this.get(field);
    if (v === '') {
      if (this.cols.byField.has(field)) this.fail(field, 'onboarding.missing_value', `${what} is empty`);
      return null;
    }
    return v;
  }

  check<T>(field: string, result: CellCheck<T>): T | null {
    if (result.ok) return result.value;
    this.fail(field, result.code, result.message, result.problem ? { problem: result.problem } : {});
    return null;
  }

  iin(field: string, what: string): { iin: string; birthDate: string; sex: 'm' | 'f' } | null {
    const raw = this.required(field, what);
    return raw === null ? null : this.check(field, checkIin(raw));
  }
}

const emptyCounts = (): ImportCounts => ({ classes: 0, persons: 0, linkedPersons: 0, accounts: 0, roles: 0, classMembers: 0, parentLinks: 0 });

export interface Checked<P> {
  errors: ImportError[];
  ignoredColumns: string[];
  plan: P;
  counts: ImportCounts;
}

/** Errors in sheet order (line, then the column's position), so the admin fixes the file top to bottom. */
function sorted(errors: ImportError[], header: SheetRow): ImportError[] {
  const pos = (title: string) => {
    const i = header.cells.indexOf(title);
    return i < 0 ? -1 : i;
  };
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.line - b.e.line || pos(a.e.column) - pos(b.e.column) || a.i - b.i)
    .map(({ e }) => e);
}

// ── classes ───────────────────────────────────────────────────────────────
export interface ClassesContext {
  /** classKey of the organisation's classes in the current academic year */
  existingClassKeys: Set<string>;
  /** IIN → person id of the organisation's teachers */
  teachers: Map<string, number>;
}

export interface NewClass {
  line: number;
  name: string;
  kind: 'class' | 'group';
  grade: number | null;
  letter: string | null;
  shift: number;
  studyYear: number | null;
  specialty: string | null;
  homeroomTeacherId: number | null;
}

/** The IINs a classes sheet names, for loading its context. */
export function classesSheetIins(sheet: Sheet, cols: Columns): string[] {
  const c = cols.byField.get('homeroom_iin');
  if (!c) return [];
  return sheet.rows.map((r) => checkIin(r.cells[c.index] ?? '')).flatMap((r) => (r.ok ? [r.value.iin] : []));
}

export function checkClasses(sheet: Sheet, cols: Columns, ctx: ClassesContext): Checked<NewClass[]> {
  const errors = [...cols.errors];
  const plan: NewClass[] = [];
  const seen = new Map<string, number>();
  for (const row of sheet.rows) {
    const r = new RowReader(cols, row, errors);
    const before = errors.length;
    let name = r.get('name').replace(/\s+/g, ' ');
    const kindRaw = r.get('kind');
    const kind = kindRaw === '' ? 'class' : valueFor('kind', kindRaw);
    if (kind === null) r.fail('kind', 'onboarding.bad_value', 'The kind is "class" or "group"');

    let grade: number | null = null;
    let letter: string | null = r.get('letter') || null;
    const gradeRaw = r.get('grade');
    if (gradeRaw !== '') {
      grade = parseIntIn(gradeRaw, 0, 12);
      if (grade === null) r.fail('grade', 'onboarding.bad_value', 'The grade is a whole number from 0 (pre-school) to 12');
    }
    // "5 А" names grade 5, letter А: the sheet need not repeat them
    const named = /^(\d{1,2})\s*-?\s*(\p{L}{0,2})$/u.exec(name);
    if (named && gradeRaw === '') grade = parseIntIn(named[1]!, 0, 12);
    if (named && letter === null && named[2]) letter = named[2];
    if (name === '' && grade !== null) name = letter ? `${grade} ${letter}` : String(grade);
    if (name === '') {
      r.fail(cols.byField.has('name') ? 'name' : 'grade', 'onboarding.missing_value', 'The class name is empty');
    } else if (name.length > 50) {
      r.fail('name', 'onboarding.bad_value', 'A class name is at most 50 characters');
    }
    if (letter !== null && letter.length > 3) r.fail('letter', 'onboarding.bad_value', 'The letter is at most 3 characters');
    if (kind === 'class' && grade === null && gradeRaw === '' && name !== '') {
      r.fail(
        cols.byField.has('grade') ? 'grade' : 'name',
        'onboarding.missing_value',
        'A school class needs a grade (0-12), or a name that starts with it, like "5 А"',
      );
    }

    const shiftRaw = r.get('shift');
    const shift = shiftRaw === '' ? 1 : parseIntIn(shiftRaw, 1, 3);
    if (shift === null) r.fail('shift', 'onboarding.bad_value', 'The shift is 1, 2 or 3');
    const yearRaw = r.get('study_year');
    const studyYear = yearRaw === '' ? null : parseIntIn(yearRaw, 1, 8);
    if (yearRaw !== '' && studyYear === null) r.fail('study_year', 'onboarding.bad_value', 'The study year is a whole number from 1 to 8');
    const specialty = r.get('specialty') || null;
    if (specialty !== null && specialty.length > 200) r.fail('specialty', 'onboarding.bad_value', 'The specialty is at most 200 characters');

    let homeroomTeacherId: number | null = null;
    const hrRaw = r.get('homeroom_iin');
    if (hrRaw !== '') {
      const hr = r.check('homeroom_iin', checkIin(hrRaw));
      if (hr) {
        homeroomTeacherId = ctx.teachers.get(hr.iin) ?? null;
        if (homeroomTeacherId === null) {
          r.fail('homeroom_iin', 'onboarding.unknown_person', 'No teacher of this organisation has this IIN: import teachers in a people file first');
        }
      }
    }

    if (name !== '') {
      const key = classKey(name);
      const firstLine = seen.get(key);
      if (firstLine !== undefined) {
        r.fail('name', 'onboarding.duplicate_in_file', `The same class name is on line ${firstLine}`, { relatedLine: firstLine });
      } else {
        seen.set(key, row.line);
        if (ctx.existingClassKeys.has(key)) r.fail('name', 'onboarding.already_exists', 'This organisation already has a class with this name this year');
      }
    }
    if (errors.length === before && kind !== null && shift !== null) {
      plan.push({ line: row.line, name, kind, grade, letter, shift, studyYear, specialty, homeroomTeacherId });
    }
  }
  const counts = emptyCounts();
  counts.classes = plan.length;
  return { errors: sorted(errors, sheet.header), ignoredColumns: cols.ignored, plan, counts };
}

// ── people ────────────────────────────────────────────────────────────────
export type PersonRole = 'pupil' | 'teacher' | 'parent';

export interface KnownPerson {
  id: number;
  lastName: string;
  firstName: string;
  middleName: string | null;
  hasAccount: boolean;
  /** the roles they hold in this organisation */
  orgRoles: string[];
  /** classes and groups of this organisation, current year, they are a pupil of */
  classIds: number[];
  /** they hold a role outside this organisation (their records belong, at least partly, elsewhere) */
  rolesElsewhere: boolean;
  /** they are a pupil of another organisation (a role, or a class there this year) */
  pupilElsewhere: boolean;
}

export interface PeopleContext {
  persons: Map<string, KnownPerson>;
  /** phone → IIN of the registered person who has it */
  phoneOwners: Map<string, string>;
  /** lower-case email → IIN of the registered person who has it */
  emailOwners: Map<string, string>;
  /** classKey → the organisation's class or group of the current year */
  classes: Map<string, { id: number; name: string; kind: 'class' | 'group' }>;
}

export interface NewPerson {
  line: number;
  iin: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string;
  sex: 'm' | 'f';
  phone: string | null;
  email: string | null;
}

export interface PeoplePlan {
  newPersons: NewPerson[];
  /** people (new or registered) who get an account, with the line that introduced them */
  accounts: { line: number; iin: string; lastName: string; firstName: string }[];
  roles: { iin: string; role: PersonRole }[];
  classMembers: { iin: string; classId: number }[];
}

/** The IINs, phones and emails a people sheet names, for loading its context. */
export function peopleSheetKeys(sheet: Sheet, cols: Columns): { iins: string[]; phones: string[]; emails: string[] } {
  const at = (row: SheetRow, field: string) => {
    const c = cols.byField.get(field);
    return c ? (row.cells[c.index] ?? '') : '';
  };
  const iins = new Set<string>(),
    phones = new Set<string>(),
    emails = new Set<string>();
  for (const row of sheet.rows) {
    const i = checkIin(at(row, 'iin'));
    if (i.ok) iins.add(i.value.iin);
    const p = at(row, 'phone') ? checkPhone(at(row, 'phone')) : null;
    if (p?.ok) phones.add(p.value);
    const e = at(row, 'email') ? checkEmail(at(row, 'email')) : null;
    if (e?.ok) emails.add(e.value);
  }
  return { iins: [...iins], phones: [...phones], emails: [...emails] };
}

/** One message for every person registered outside this organisation, whatever the file says about them. */
export const REGISTERED_ELSEWHERE =
  'This IIN is registered with another organisation. A pupil changes school by a transfer request; a parent is joined to a pupil of this school with a parent-links file';

const sameName = (a: { lastName: string; firstName: string; middleName: string | null }, b: typeof a) =>
  nameKey(a.lastName) === nameKey(b.lastName) &&
  nameKey(a.firstName) === nameKey(b.firstName) &&
  // a middle name missing on one side is not a different person: many sheets leave it out
  (!a.middleName || !b.middleName || nameKey(a.middleName) === nameKey(b.middleName));

export function checkPeople(sheet: Sheet, cols: Columns, ctx: PeopleContext): Checked<PeoplePlan> {
  const errors = [...cols.errors];
  const plan: PeoplePlan = { newPersons: [], accounts: [], roles: [], classMembers: [] };
  // one person may have several rows, one per role (a teacher who is also a parent here)
  const firstRowOf = new Map<
    string,
    { line: number; name: { lastName: string; firstName: string; middleName: string | null }; roles: Set<string>; phone: string | null; email: string | null }
  >();
  const phoneLine = new Map<string, { line: number; iin: string }>();
  const emailLine = new Map<string, { line: number; iin: string }>();
  const linked = new Set<string>();
  const classKinds = new Map([...ctx.classes.values()].map((c) => [c.id, c.kind]));

  for (const row of sheet.rows) {
    const r = new RowReader(cols, row, errors);
    const before = errors.length;
    const id = r.iin('iin', 'The IIN');
    const lastRaw = r.required('last_name', 'The last name');
    const lastName = lastRaw === null ? null : r.check('last_name', checkName(lastRaw));
    const firstRaw = r.required('first_name', 'The first name');
    const firstName = firstRaw === null ? null : r.check('first_name', checkName(firstRaw));
    const middleRaw = r.get('middle_name');
    const middleName = middleRaw === '' ? null : r.check('middle_name', checkName(middleRaw));
    const roleRaw = r.required('role', 'The role');
    const role = roleRaw === null ? null : valueFor('role', roleRaw);
    if (roleRaw !== null && role === null) r.fail('role', 'onboarding.bad_value', 'The role is pupil, teacher or parent');
    const phoneRaw = r.get('phone');
    const phone = phoneRaw === '' ? null : r.check('phone', checkPhone(phoneRaw));
    const emailRaw = r.get('email');
    const email = emailRaw === '' ? null : r.check('email', checkEmail(emailRaw));

    const classRaw = r.get('class').replace(/\s+/g, ' ');
    let cls: { id: number; name: string; kind: 'class' | 'group' } | null = null;
    if (role === 'pupil') {
      if (classRaw === '') {
        r.fail(cols.byField.has('class') ? 'class' : 'role', 'onboarding.missing_value', 'A pupil needs a class');
      } else {
        cls = ctx.classes.get(classKey(classRaw)) ?? null;
        if (!cls) r.fail('class', 'onboarding.unknown_class', `This organisation has no class "${classRaw}" this year: import classes first`);
      }
    } else if (role !== null && classRaw !== '') {
      r.fail(
        'class',
        'onboarding.bad_value',
        'Only pupils are placed in a class; leave it empty for teachers and parents (homeroom teachers are set in the classes file)',
      );
    }
    if (errors.length > before || !id || !lastName || !firstName || !role) continue;

    // ── against the rest of the file
    const name = { lastName, firstName, middleName };
    const prior = firstRowOf.get(id.iin);
    if (prior) {
      if (prior.roles.has(role)) {
        r.fail('iin', 'onboarding.duplicate_in_file', `The same IIN with the same role is on line ${prior.line}`, { relatedLine: prior.line });
        continue;
      }
      if (!sameName(prior.name, name)) {
        r.fail('iin', 'onboarding.duplicate_in_file', `The same IIN is on line ${prior.line} with a different name`, { relatedLine: prior.line });
        continue;
      }
      if (phone && prior.phone && phone !== prior.phone)
        r.fail('phone', 'onboarding.bad_value', `The same person has another phone on line ${prior.line}`, { relatedLine: prior.line });
      if (email && prior.email && email !== prior.email)
        r.fail('email', 'onboarding.bad_value', `The same person has another email on line ${prior.line}`, { relatedLine: prior.line });
    }
    const known = ctx.persons.get(id.iin);
    if (known && known.orgRoles.length === 0) {
      // Outside this organisation's scope: never compared by name (no IIN-name oracle), never linked,
      // never given a code. The answer is the same whatever the name in the file.
      r.fail('iin', 'onboarding.registered_elsewhere', REGISTERED_ELSEWHERE);
      continue;
    }
    if (known && !sameName(known, name)) {
      r.fail('iin', 'onboarding.already_exists', 'This IIN is registered with a different name: check the IIN and the spelling of the name');
      continue;
    }
    // a registered person's contacts are left as they are, so only a new person's are checked
    if (!known) {
      if (phone) {
        const owner = ctx.phoneOwners.get(phone);
        const inFile = phoneLine.get(phone);
        if (owner !== undefined && owner !== id.iin) r.fail('phone', 'onboarding.already_exists', 'Another registered person has this phone number');
        else if (inFile && inFile.iin !== id.iin)
          r.fail('phone', 'onboarding.duplicate_in_file', `The same phone number is on line ${inFile.line} for another person`, { relatedLine: inFile.line });
        else phoneLine.set(phone, { line: row.line, iin: id.iin });
      }
      if (email) {
        const owner = ctx.emailOwners.get(email);
        const inFile = emailLine.get(email);
        if (owner !== undefined && owner !== id.iin) r.fail('email', 'onboarding.already_exists', 'Another registered person has this email');
        else if (inFile && inFile.iin !== id.iin)
          r.fail('email', 'onboarding.duplicate_in_file', `The same email is on line ${inFile.line} for another person`, { relatedLine: inFile.line });
        else emailLine.set(email, { line: row.line, iin: id.iin });
      }
    }
    if (known && role === 'pupil' && known.pupilElsewhere) {
      r.fail(
        'iin',
        'onboarding.transfer_required',
        'This person is a pupil of another organisation: a pupil changes school by a transfer request, not by import',
      );
      continue;
    }
    if (known && cls && cls.kind === 'class') {
      // one school class per pupil and year; groups (clubs, subgroups) may overlap
      const other = known.classIds.find((c) => c !== cls!.id && classKinds.get(c) === 'class');
      if (other !== undefined) {
        r.fail(
          'class',
          'onboarding.already_exists',
          'This pupil is already in another class of this organisation this year; moving pupils is not done by import',
        );
        continue;
      }
    }
    if (errors.length > before) continue;

    // ── the plan
    if (prior) {
      prior.roles.add(role);
      prior.phone ??= phone;
      prior.email ??= email;
    } else {
      firstRowOf.set(id.iin, { line: row.line, name, roles: new Set([role]), phone, email });
      if (known) {
        linked.add(id.iin);
        // someone who also belongs elsewhere gets their code from there, never from this import
        if (!known.hasAccount && !known.rolesElsewhere)
          plan.accounts.push({ line: row.line, iin: id.iin, lastName: known.lastName, firstName: known.firstName });
      } else {
        plan.newPersons.push({ line: row.line, iin: id.iin, lastName, firstName, middleName, birthDate: id.birthDate, sex: id.sex, phone, email });
        plan.accounts.push({ line: row.line, iin: id.iin, lastName, firstName });
      }
    }
    if (!known?.orgRoles.includes(role)) plan.roles.push({ iin: id.iin, role });
    if (cls && !known?.classIds.includes(cls.id)) plan.classMembers.push({ iin: id.iin, classId: cls.id });
  }
  // a later row's contacts fill what the person's first row left empty
  for (const p of plan.newPersons) {
    const merged = firstRowOf.get(p.iin)!;
    p.phone = merged.phone;
    p.email = merged.email;
  }
  const counts = emptyCounts();
  counts.persons = plan.newPersons.length;
  counts.linkedPersons = linked.size;
  counts.accounts = plan.accounts.length;
  counts.roles = plan.roles.length;
  counts.classMembers = plan.classMembers.length;
  return { errors: sorted(errors, sheet.header), ignoredColumns: cols.ignored, plan, counts };
}

// ── parent links ─────────────────────────────────────────────────────────
export interface LinksContext {
  /** registered persons among the sheet's IINs */
  persons: Map<string, { id: number; isPupilHere: boolean; isPupilElsewhere: boolean; isParentHere: boolean }>;
  /** `${parentId}:${childId}` of links that exist already */
  existingLinks: Set<string>;
}

export interface LinksPlan {
  links: { parentId: number; childId: number; relation: 'mother' | 'father' | 'guardian' | 'parent' }[];
  /** parents who get the parent role in this organisation */
  parentRoles: number[];
}

export function linksSheetIins(sheet: Sheet, cols: Columns): string[] {
  const out = new Set<string>();
  for (const field of ['parent_iin', 'child_iin']) {
    const c = cols.byField.get(field);
    if (!c) continue;
    for (const row of sheet.rows) {
      const r = checkIin(row.cells[c.index] ?? '');
      if (r.ok) out.add(r.value.iin);
    }
  }
  return [...out];
}

export function checkParentLinks(sheet: Sheet, cols: Columns, ctx: LinksContext): Checked<LinksPlan> {
  const errors = [...cols.errors];
  const plan: LinksPlan = { links: [], parentRoles: [] };
  const seen = new Map<string, number>();
  const roleGiven = new Set<number>();
  for (const row of sheet.rows) {
    const r = new RowReader(cols, row, errors);
    const before = errors.length;
    const parentIin = r.iin('parent_iin', "The parent's IIN");
    const childIin = r.iin('child_iin', "The child's IIN");
    const relationRaw = r.get('relation');
    const relation = relationRaw === '' ? 'parent' : valueFor('relation', relationRaw);
    if (relation === null) r.fail('relation', 'onboarding.bad_value', 'The relation is mother, father, guardian or parent');
    if (!parentIin || !childIin || !relation) continue;
    if (parentIin.iin === childIin.iin) {
      r.fail('child_iin', 'onboarding.bad_value', 'A person cannot be their own parent');
      continue;
    }
    const parent = ctx.persons.get(parentIin.iin);
    // the child must be a pupil here: an admin links parents to their own organisation's pupils only
    const child = ctx.persons.get(childIin.iin);
    if (!parent) r.fail('parent_iin', 'onboarding.unknown_person', 'No registered person has this IIN: import the parent in a people file first');
    // …and of no other organisation: a link must be visible to every school that holds the child
    if (!child?.isPupilHere || child.isPupilElsewhere) r.fail('child_iin', 'onboarding.unknown_person', 'No pupil of this organisation has this IIN');
    const pairKey = `${parentIin.iin}:${childIin.iin}`;
    const firstLine = seen.get(pairKey);
    if (firstLine !== undefined)
      r.fail('child_iin', 'onboarding.duplicate_in_file', `The same parent and child are on line ${firstLine}`, { relatedLine: firstLine });
    else seen.set(pairKey, row.line);
    if (errors.length > before || !parent || !child) continue;

    if (!ctx.existingLinks.has(`${parent.id}:${child.id}`)) plan.links.push({ parentId: parent.id, childId: child.id, relation });
    if (!parent.isParentHere && !roleGiven.has(parent.id)) {
      roleGiven.add(parent.id);
      plan.parentRoles.push(parent.id);
    }
  }
  const counts = emptyCounts();
  counts.parentLinks = plan.links.length;
  counts.roles = plan.parentRoles.length;
  return { errors: sorted(errors, sheet.header), ignoredColumns: cols.ignored, plan, counts };
}
