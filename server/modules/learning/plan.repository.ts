import type { Queryable } from '../../platform/db.js';
import { personJson, subjectJson, termJson } from './learning.sql.js';

// ── organisation, classes, people ─────────────────────────────────────────

export async function findOrganisation(
  db: Queryable,
  id: number,
): Promise<{ id: number; kind: 'school' | 'college' | 'university' | 'kindergarten' | 'additional'; timeZone: string } | null> {
  const { rows } = await db.query<{ id: number; kind: never; timeZone: string }>('select id, kind, time_zone as "timeZone" from organisations where id = $1', [
    id,
  ]);
  return rows[0] ?? null;
}

export interface ClassForPlan {
  id: number;
  name: string;
  organisationId: number;
  shift: number;
  grade: number | null;
  timeZone: string;
  academicYearId: number;
}

export async function findClassForPlan(db: Queryable, classId: number): Promise<ClassForPlan | null> {
  const { rows } = await db.query<ClassForPlan & Record<string, unknown>>(
    `select c.id, c.name, c.organisation_id as "organisationId", c.shift, c.grade, o.time_zone as "timeZone", c.academic_year_id as "academicYearId"
     from classes c join organisations o on o.id = c.organisation_id where c.id = $1`,
    [classId],
  );
  return rows[0] ?? null;
}

/**
 * Is the person a teacher of the organisation? Read from identity's role grants (read-only: the
 * grant is identity's to give; learning only checks it before assigning lessons).
 */
export async function isTeacherOf(db: Queryable, personId: number, organisationId: number): Promise<boolean> {
  const { rows } = await db.query(`select 1 from role_assignments where person_id = $1 and organisation_id = $2 and role = 'teacher' limit 1`, [
    personId,
    organisationId,
  ]);
  return rows.length > 0;
}

export async function subjectExists(db: Queryable, id: number): Promise<boolean> {
  const { rows } = await db.query('select 1 from subjects where id = $1', [id]);
  return rows.length > 0;
}

export async function listSubjects(db: Queryable) {
  const { rows } = await db.query<{ s: unknown }>(`select ${subjectJson('s')} as s from subjects s order by s.name_en`);
  return rows.map((r) => r.s);
}

// ── teaching plan ─────────────────────────────────────────────────────────

export async function findPlan(db: Queryable, organisationId: number) {
  const { rows } = await db.query<{ own: boolean; items: unknown[] }>(
    `with own as (select exists(select 1 from grade_subjects where organisation_id = $1) as own)
     select own.own, (select coalesce(json_agg(json_build_object('grade', g.grade, 'subject', ${subjectJson('s')}, 'hoursPerWeek', g.hours_per_week)
        order by g.grade, s.name_en), '[]')
      from grade_subjects g join subjects s on s.id = g.subject_id
      where g.organisation_id is not distinct from case when own.own then $1 else null end) as items
     from own`,
    [organisationId],
  );
  return rows[0]!;
}

export async function replacePlan(db: Queryable, organisationId: number, items: { grade: number; subjectId: number; hoursPerWeek: number }[]): Promise<void> {
  await db.query('delete from grade_subjects where organisation_id = $1', [organisationId]);
  if (!items.length) return;
  await db.query(
    `insert into grade_subjects (organisation_id, grade, subject_id, hours_per_week)
     select $1, u.grade, u.subject_id, u.hours from unnest($2::smallint[], $3::int[], $4::numeric[]) as u(grade, subject_id, hours)`,
    [organisationId, items.map((i) => i.grade), items.map((i) => i.subjectId), items.map((i) => i.hoursPerWeek)],
  );
}

// ── teaching assignments and courses ──────────────────────────────────────

const ASSIGNMENT_SELECT = `
  select ta.id, ${personJson('p')} as teacher, json_build_object('id', c.id, 'name', c.name) as class, ${subjectJson('s')} as subject,
    ta.course_id as "courseId", c.organisation_id as "organisationId"
  from teaching_assignments ta join persons p on p.id = ta.teacher_id join classes c on c.id = ta.class_id join subjects s on s.id = ta.subject_id`;

export async function listAssignments(db: Queryable, organisationId: number) {
  const { rows } = await db.query<Record<string, unknown>>(
    `${ASSIGNMENT_SELECT} where c.organisation_id = $1 order by c.grade nulls last, c.name, s.name_en, p.last_name`,
    [organisationId],
  );
  return rows;
}

export async function findAssignment(db: Queryable, id: number) {
  const { rows } = await db.query<Record<string, unknown> & { organisationId: number }>(`${ASSIGNMENT_SELECT} where ta.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function findAssignmentsFor(db: Queryable, classId: number, subjectId: number) {
  const { rows } = await db.query<{ id: number; teacher_id: number; course_id: number | null }>(
    'select id, teacher_id, course_id from teaching_assignments where class_id = $1 and subject_id = $2 order by id',
    [classId, subjectId],
  );
  return rows;
}

export async function insertAssignment(
  db: Queryable,
  a: { teacherId: number; classId: number; subjectId: number; courseId: number | null },
): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `insert into teaching_assignments (teacher_id, class_id, subject_id, course_id) values ($1, $2, $3, $4)
     on conflict (teacher_id, class_id, subject_id) do ${a.courseId === null ? 'nothing' : 'update set course_id = excluded.course_id'}
     returning id`,
    [a.teacherId, a.classId, a.subjectId, a.courseId],
  );
  return rows[0]?.id ?? null;
}

export async function deleteAssignment(db: Queryable, id: number): Promise<void> {
  await db.query('delete from teaching_assignments where id = $1', [id]);
}

export async function insertCourse(
  db: Queryable,
  c: { organisationId: number; subjectId: number; code: string; title: string | null; credits: number | null },
): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `insert into courses (organisation_id, subject_id, code, title, credits) values ($1, $2, $3, $4, $5)
     on conflict (organisation_id, code) do nothing returning id`,
    [c.organisationId, c.subjectId, c.code, c.title, c.credits],
  );
  return rows[0]?.id ?? null;
}

export async function classesOfOrganisation(db: Queryable, organisationId: number, classIds: number[]): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>('select id from classes where organisation_id = $1 and id = any($2::bigint[])', [organisationId, classIds]);
  return rows.map((r) => r.id);
}

// ── calendar ──────────────────────────────────────────────────────────────

export interface TermRow {
  id: number;
  kind: 'quarter' | 'semester';
  number: number;
  startsOn: string;
  endsOn: string;
  academicYearId: number;
  organisationId: number;
}

export async function findTerm(db: Queryable, id: number): Promise<TermRow | null> {
  const { rows } = await db.query<TermRow & Record<string, unknown>>(
    `select id, kind, number, starts_on as "startsOn", ends_on as "endsOn", academic_year_id as "academicYearId", organisation_id as "organisationId"
     from terms where id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function findTermOn(db: Queryable, organisationId: number, date: string): Promise<TermRow | null> {
  const { rows } = await db.query<TermRow & Record<string, unknown>>(
    `select id, kind, number, starts_on as "startsOn", ends_on as "endsOn", academic_year_id as "academicYearId", organisation_id as "organisationId"
     from terms where organisation_id = $1 and $2::date between starts_on and ends_on`,
    [organisationId, date],
  );
  return rows[0] ?? null;
}

export async function findCalendar(db: Queryable, organisationId: number) {
  const { rows } = await db.query<{ terms: unknown[]; holidays: unknown[] }>(
    `select
       (select coalesce(json_agg(${termJson('t')} order by t.starts_on), '[]') from terms t where t.organisation_id = $1) as terms,
       (select coalesce(json_agg(json_build_object('id', h.id, 'organisationId', h.organisation_id, 'startsOn', h.starts_on, 'endsOn', h.ends_on,
           'name', json_build_object('kk', h.name_kk, 'ru', h.name_ru, 'en', h.name_en)) order by h.starts_on), '[]')
        from holidays h where h.organisation_id = $1 or h.organisation_id is null) as holidays`,
    [organisationId],
  );
  return rows[0]!;
}

export async function findYear(db: Queryable, id: number): Promise<{ startsOn: string; endsOn: string } | null> {
  const { rows } = await db.query<{ startsOn: string; endsOn: string }>(
    'select starts_on as "startsOn", ends_on as "endsOn" from academic_years where id = $1',
    [id],
  );
  return rows[0] ?? null;
}

export async function termsOfYear(db: Queryable, organisationId: number, academicYearId: number): Promise<TermRow[]> {
  const { rows } = await db.query<TermRow & Record<string, unknown>>(
    `select id, kind, number, starts_on as "startsOn", ends_on as "endsOn", academic_year_id as "academicYearId", organisation_id as "organisationId"
     from terms where organisation_id = $1 and academic_year_id = $2 for update`,
    [organisationId, academicYearId],
  );
  return rows;
}

export async function insertTerm(db: Queryable, t: Omit<TermRow, 'id'>): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `insert into terms (organisation_id, academic_year_id, kind, number, starts_on, ends_on) values ($1, $2, $3, $4, $5, $6)
     on conflict (organisation_id, academic_year_id, number) do nothing returning id`,
    [t.organisationId, t.academicYearId, t.kind, t.number, t.startsOn, t.endsOn],
  );
  return rows[0]?.id ?? null;
}

export async function insertHoliday(
  db: Queryable,
  h: { organisationId: number; startsOn: string; endsOn: string; name: { kk: string; ru: string; en: string } },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into holidays (organisation_id, starts_on, ends_on, name_kk, name_ru, name_en) values ($1, $2, $3, $4, $5, $6) returning id`,
    [h.organisationId, h.startsOn, h.endsOn, h.name.kk, h.name.ru, h.name.en],
  );
  return rows[0]!.id;
}

/** Holidays (national and the organisation's) overlapping a date range. */
export async function holidaysBetween(db: Queryable, organisationId: number, from: string, to: string): Promise<{ startsOn: string; endsOn: string }[]> {
  const { rows } = await db.query<{ startsOn: string; endsOn: string }>(
    `select starts_on as "startsOn", ends_on as "endsOn" from holidays
     where (organisation_id = $1 or organisation_id is null) and starts_on <= $3::date and ends_on >= $2::date`,
    [organisationId, from, to],
  );
  return rows;
}

// ── bells ─────────────────────────────────────────────────────────────────

export async function listPeriods(db: Queryable, organisationId: number) {
  const { rows } = await db.query<{ shift: number; number: number; startsAt: string; endsAt: string }>(
    `select shift, number, to_char(starts_at, 'HH24:MI') as "startsAt", to_char(ends_at, 'HH24:MI') as "endsAt"
     from periods where organisation_id = $1 order by shift, number`,
    [organisationId],
  );
  return rows;
}

export async function findPeriod(db: Queryable, organisationId: number, shift: number, number: number) {
  const { rows } = await db.query<{ id: number; startsAt: string; endsAt: string }>(
    `select id, to_char(starts_at, 'HH24:MI') as "startsAt", to_char(ends_at, 'HH24:MI') as "endsAt"
     from periods where organisation_id = $1 and shift = $2 and number = $3`,
    [organisationId, shift, number],
  );
  return rows[0] ?? null;
}

/** Replaces a shift's bells: changes times in place, adds new periods, removes unused ones (used → 409 by the caller). */
export async function replacePeriods(
  db: Queryable,
  organisationId: number,
  shift: number,
  periods: { number: number; startsAt: string; endsAt: string }[],
): Promise<number[]> {
  const { rows: used } = await db.query<{ number: number }>(
    `select p.number from periods p where p.organisation_id = $1 and p.shift = $2 and p.number <> all($3::smallint[])
       and exists (select 1 from timetable_slots ts where ts.period_id = p.id)`,
    [organisationId, shift, periods.map((p) => p.number)],
  );
  if (used.length) return used.map((u) => u.number);
  await db.query('delete from periods where organisation_id = $1 and shift = $2 and number <> all($3::smallint[])', [
    organisationId,
    shift,
    periods.map((p) => p.number),
  ]);
  await db.query(
    `insert into periods (organisation_id, shift, number, starts_at, ends_at)
     select $1, $2, u.n, u.s, u.e from unnest($3::smallint[], $4::time[], $5::time[]) as u(n, s, e)
     on conflict (organisation_id, shift, number) do update set starts_at = excluded.starts_at, ends_at = excluded.ends_at`,
    [organisationId, shift, periods.map((p) => p.number), periods.map((p) => p.startsAt), periods.map((p) => p.endsAt)],
  );
  return [];
}

// ── timetable ─────────────────────────────────────────────────────────────

export async function findTimetable(db: Queryable, classId: number, termId: number) {
  const { rows } = await db.query<Record<string, unknown>>(
    `select ts.id, ts.term_id as "termId", ts.weekday, p.number as "periodNumber", to_char(p.starts_at, 'HH24:MI') as "startsAt",
       to_char(p.ends_at, 'HH24:MI') as "endsAt", ${subjectJson('s')} as subject, ${personJson('t')} as teacher,
       case when r.id is null then null else json_build_object('id', r.id, 'name', r.name) end as room,
       json_build_object('kind', ts.delivery, 'joinUrl', ts.join_url, 'tvChannel', ts.tv_channel) as delivery, ts.activity,
       ts.course_id as "courseId"
     from timetable_slots ts join periods p on p.id = ts.period_id join subjects s on s.id = ts.subject_id
     join persons t on t.id = ts.teacher_id left join rooms r on r.id = ts.room_id
     where ts.class_id = $1 and ts.term_id = $2 order by ts.weekday, p.number`,
    [classId, termId],
  );
  return rows;
}

export async function lockFor(db: Queryable, space: number, id: number): Promise<void> {
  await db.query('select pg_advisory_xact_lock($1, $2)', [space, id]);
}

/** The slots of a teacher (or in a room) on a weekday, with bell times, term dates and the class: candidates for a clash. */
export async function slotsOn(db: Queryable, weekday: number, who: { teacherId?: number; roomId?: number }) {
  const { rows } = await db.query<{
    id: number;
    weekday: number;
    startsAt: string;
    endsAt: string;
    termStartsOn: string;
    termEndsOn: string;
    courseId: number | null;
    className: string;
    periodNumber: number;
  }>(
    `select ts.id, ts.weekday, to_char(p.starts_at, 'HH24:MI') as "startsAt", to_char(p.ends_at, 'HH24:MI') as "endsAt",
       t.starts_on as "termStartsOn", t.ends_on as "termEndsOn", ts.course_id as "courseId", c.name as "className", p.number as "periodNumber"
     from timetable_slots ts join periods p on p.id = ts.period_id join terms t on t.id = ts.term_id join classes c on c.id = ts.class_id
     where ts.weekday = $1 and ($2::bigint is null or ts.teacher_id = $2) and ($3::int is null or ts.room_id = $3)`,
    [weekday, who.teacherId ?? null, who.roomId ?? null],
  );
  return rows;
}

export async function classSlotAt(db: Queryable, termId: number, classId: number, weekday: number, periodId: number) {
  const { rows } = await db.query<{ id: number; subject: string }>(
    `select ts.id, s.name_en as subject from timetable_slots ts join subjects s on s.id = ts.subject_id
     where ts.term_id = $1 and ts.class_id = $2 and ts.weekday = $3 and ts.period_id = $4`,
    [termId, classId, weekday, periodId],
  );
  return rows[0] ?? null;
}

export async function insertSlot(
  db: Queryable,
  s: {
    organisationId: number;
    termId: number;
    classId: number;
    weekday: number;
    periodId: number;
    subjectId: number;
    teacherId: number;
    courseId: number | null;
    roomId: number | null;
    delivery: string;
    joinUrl: string | null;
    tvChannel: string | null;
    activity: string;
  },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into timetable_slots (organisation_id, term_id, class_id, weekday, period_id, subject_id, teacher_id, course_id, room_id,
       delivery, join_url, tv_channel, activity)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
    [
      s.organisationId,
      s.termId,
      s.classId,
      s.weekday,
      s.periodId,
      s.subjectId,
      s.teacherId,
      s.courseId,
      s.roomId,
      s.delivery,
      s.joinUrl,
      s.tvChannel,
      s.activity,
    ],
  );
  return rows[0]!.id;
}

export async function findSlot(db: Queryable, id: number) {
  const { rows } = await db.query<{ id: number; organisationId: number; classId: number; termId: number }>(
    'select id, organisation_id as "organisationId", class_id as "classId", term_id as "termId" from timetable_slots where id = $1',
    [id],
  );
  return rows[0] ?? null;
}

/** Removes a slot and its lessons from `fromDate` on that nothing was recorded in; the rest stay as one-off lessons. */
export async function deleteSlot(db: Queryable, id: number, fromDate: string): Promise<number> {
  const { rowCount } = await db.query(
    `delete from lessons l where l.slot_id = $1 and l.on_date >= $2::date
       and not exists (select 1 from marks where lesson_id = l.id) and not exists (select 1 from attendance where lesson_id = l.id)
       and not exists (select 1 from homework where lesson_id = l.id) and not exists (select 1 from lesson_materials where lesson_id = l.id)`,
    [id, fromDate],
  );
  await db.query('delete from timetable_slots where id = $1', [id]);
  return rowCount ?? 0;
}

/**
 * Turns a term's weekly slots into dated lessons, set-based: every school day (the dates passed,
 * holidays already removed) meets the slots of its weekday; instants are the bell times in the
 * school's zone. Existing lessons of a slot and date are left alone, so running it twice adds nothing.
 * The new lessons take the slot's activity and delivery and follow the learning format
 * (`delivery_source` 'format'): the caller brings them in line (lessons.format.ts). Returns their ids.
 */
export async function generateLessons(
  db: Queryable,
  args: {
    termId: number;
    classIds: number[] | null;
    dates: string[];
    weekdays: number[];
    /** what a mark in the new lessons' columns is: 'formative' (criteria) or 'rating' (credit) */
    assessment: 'formative' | 'rating';
  },
): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `insert into lessons (organisation_id, term_id, class_id, subject_id, teacher_id, slot_id, room_id, on_date, period_number,
       starts_at, ends_at, delivery, join_url, tv_channel, tv_air_at, assessment, activity)
     select ts.organisation_id, ts.term_id, ts.class_id, ts.subject_id, ts.teacher_id, ts.id, ts.room_id, d.day, p.number,
       (d.day + p.starts_at) at time zone o.time_zone, (d.day + p.ends_at) at time zone o.time_zone,
       ts.delivery, ts.join_url, case when ts.delivery = 'tv' then ts.tv_channel end,
       case when ts.delivery = 'tv' then (d.day + p.starts_at) at time zone o.time_zone end, $5, ts.activity
     from timetable_slots ts
     join periods p on p.id = ts.period_id
     join organisations o on o.id = ts.organisation_id
     join unnest($2::date[], $3::smallint[]) as d(day, weekday) on d.weekday = ts.weekday
     where ts.term_id = $1 and ($4::bigint[] is null or ts.class_id = any($4::bigint[]))
     on conflict (slot_id, on_date) where slot_id is not null do nothing
     returning id`,
    [args.termId, args.dates, args.weekdays, args.classIds, args.assessment],
  );
  return rows.map((r) => r.id);
}

/** Everything a move needs to place the same weekly lesson elsewhere. */
export async function findSlotForMove(db: Queryable, id: number) {
  const { rows } = await db.query<{
    id: number;
    organisationId: number;
    classId: number;
    termId: number;
    subjectId: number;
    teacherId: number;
    roomId: number | null;
    delivery: string;
    joinUrl: string | null;
    tvChannel: string | null;
    activity: string;
  }>(
    `select id, organisation_id as "organisationId", class_id as "classId", term_id as "termId", subject_id as "subjectId",
       teacher_id as "teacherId", room_id as "roomId", delivery, join_url as "joinUrl", tv_channel as "tvChannel", activity
     from timetable_slots where id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** The term's lessons (of some classes), and how many of them hold anything recorded. */
export async function countTermLessons(db: Queryable, termId: number, classIds: number[] | null): Promise<{ existing: number; existingWithRecords: number }> {
  const { rows } = await db.query<{ existing: number; existingWithRecords: number }>(
    `select count(*)::int as existing,
       count(*) filter (where exists (select 1 from marks where lesson_id = l.id) or exists (select 1 from attendance where lesson_id = l.id)
         or exists (select 1 from homework where lesson_id = l.id) or exists (select 1 from lesson_materials where lesson_id = l.id))::int as "existingWithRecords"
     from lessons l where l.term_id = $1 and ($2::bigint[] is null or l.class_id = any($2::bigint[]))`,
    [termId, classIds],
  );
  return rows[0]!;
}

/** Every weekly lesson of an organisation in a term, with its class: the timetable by teacher or by room. */
export async function findOrganisationTimetable(db: Queryable, organisationId: number, termId: number) {
  const { rows } = await db.query<Record<string, unknown>>(
    `select ts.id, ts.term_id as "termId", ts.weekday, p.number as "periodNumber", p.shift, to_char(p.starts_at, 'HH24:MI') as "startsAt",
       to_char(p.ends_at, 'HH24:MI') as "endsAt", ${subjectJson('s')} as subject, ${personJson('t')} as teacher,
       case when r.id is null then null else json_build_object('id', r.id, 'name', r.name) end as room,
       json_build_object('kind', ts.delivery, 'joinUrl', ts.join_url, 'tvChannel', ts.tv_channel) as delivery, ts.activity,
       ts.course_id as "courseId", json_build_object('id', c.id, 'name', c.name) as class
     from timetable_slots ts join periods p on p.id = ts.period_id join subjects s on s.id = ts.subject_id
     join persons t on t.id = ts.teacher_id left join rooms r on r.id = ts.room_id join classes c on c.id = ts.class_id
     where ts.organisation_id = $1 and ts.term_id = $2 order by ts.weekday, p.shift, p.number, c.name`,
    [organisationId, termId],
  );
  return rows;
}

/** The organisation's rooms, for the timetable's pickers. */
export async function listRooms(db: Queryable, organisationId: number) {
  const { rows } = await db.query<{ id: number; name: string; capacity: number | null }>(
    'select id, name, capacity from rooms where organisation_id = $1 order by name',
    [organisationId],
  );
  return rows;
}
