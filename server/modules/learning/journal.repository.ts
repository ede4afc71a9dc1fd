import type { Queryable } from '../../platform/db.js';
import type { Assessment, AttendanceStatus, OrganisationKind } from './learning.rules.js';
import type { SettingsRow } from './learning.settings.js';
import { personJson, subjectJson, termJson } from './learning.sql.js';
import { prepared } from './learning.prepared.js';

export async function findClassNode(db: Queryable, classId: number): Promise<{ id: number; name: string; organisationId: number } | null> {
  const { rows } = await db.query<{ id: number; name: string; organisationId: number }>(
    'select id, name, organisation_id as "organisationId" from classes where id = $1',
    [classId],
  );
  return rows[0] ?? null;
}

type TermRow = { id: number; kind: 'quarter' | 'semester'; number: number; startsOn: string; endsOn: string; academicYearId: number };

export interface JournalRow {
  class: { id: number; name: string; organisationId: number };
  org_kind: OrganisationKind;
  settings: SettingsRow;
  subject: { id: number; code: string; name: { kk: string; ru: string; en: string } } | null;
  term: TermRow | null;
  terms: TermRow[];
  pupils: { id: number; lastName: string; firstName: string; middleName: string | null }[];
  lessons: {
    id: number;
    date: string;
    periodNumber: number | null;
    startsAt: string;
    topic: string | null;
    assessment: Assessment;
    assessmentMax: number | null;
    delivery: 'in_person' | 'online_live' | 'tv' | 'recorded';
    cancelled: boolean;
    homework: { id: number; title: string; dueAt: string }[];
  }[];
  marks: { lessonId: number; pupilId: number; homeworkId: number | null; kind: Assessment; score: number; max: number; comment: string | null }[];
  attendance: { lessonId: number; pupilId: number; status: AttendanceStatus; reason: string | null; online: boolean; onlineMinutes: number | null }[];
}

/** The journal grid of a class and subject for a term in ONE query, whatever the class's size. */
export async function findJournal(db: Queryable, args: { classId: number; subjectId: number; termId: number | null; now: Date }): Promise<JournalRow | null> {
  const { rows } = await prepared<JournalRow & Record<string, unknown>>(
    db,
    'journal',
    `with c as (
       select c.id, c.name, c.organisation_id, c.academic_year_id, o.kind, o.time_zone
       from classes c join organisations o on o.id = c.organisation_id where c.id = $1
     ),
     term as (
       select t.* from terms t join c on t.organisation_id = c.organisation_id
       where t.id = coalesce($3::int, learning_term_at(c.organisation_id, ($4::timestamptz at time zone c.time_zone)::date))
     ),
     ls as (
       select l.* from lessons l join term on l.term_id = term.id where l.class_id = $1 and l.subject_id = $2
     )
     select
       json_build_object('id', c.id, 'name', c.name, 'organisationId', c.organisation_id) as class,
       c.kind as org_kind,
       row_to_json(learning_settings_for(c.organisation_id)) as settings,
       (select ${subjectJson('s')} from subjects s where s.id = $2) as subject,
       (select ${termJson('term')} from term) as term,
       (select coalesce(json_agg(${termJson('t')} order by t.starts_on), '[]') from terms t
          where t.organisation_id = c.organisation_id and t.academic_year_id = coalesce((select academic_year_id from term), c.academic_year_id)) as terms,
       (select coalesce(json_agg(${personJson('p')} order by p.last_name, p.first_name, p.id), '[]')
          from class_members m join persons p on p.id = m.pupil_id where m.class_id = $1) as pupils,
       (select coalesce(json_agg(json_build_object('id', ls.id, 'date', ls.on_date, 'periodNumber', ls.period_number,
           'startsAt', iso_utc(ls.starts_at), 'topic', ls.topic, 'assessment', ls.assessment, 'assessmentMax', ls.assessment_max,
           'delivery', ls.delivery, 'cancelled', ls.cancelled,
           'homework', (select coalesce(json_agg(json_build_object('id', h.id, 'title', h.title, 'dueAt', iso_utc(h.due_at)) order by h.id), '[]')
                        from homework h where h.lesson_id = ls.id))
           order by ls.on_date, ls.starts_at, ls.id), '[]') from ls) as lessons,
       (select coalesce(json_agg(json_build_object('lessonId', mk.lesson_id, 'pupilId', mk.pupil_id, 'homeworkId', mk.homework_id,
           'kind', mk.kind, 'score', mk.score, 'max', mk.max_score, 'comment', mk.comment)), '[]')
          from marks mk join term on mk.term_id = term.id where mk.class_id = $1 and mk.subject_id = $2) as marks,
       (select coalesce(json_agg(json_build_object('lessonId', a.lesson_id, 'pupilId', a.pupil_id, 'status', a.status,
           'reason', a.reason, 'online', a.online, 'onlineMinutes', a.online_minutes)), '[]')
          from ls join attendance a on a.lesson_id = ls.id) as attendance
     from c`,
    [args.classId, args.subjectId, args.termId, args.now],
  );
  return rows[0] ?? null;
}

/** Which of `pupilIds` are members of the class. */
export async function pupilsInClass(db: Queryable, classId: number, pupilIds: number[]): Promise<Set<number>> {
  const { rows } = await db.query<{ pupil_id: number }>('select pupil_id from class_members where class_id = $1 and pupil_id = any($2::bigint[])', [
    classId,
    pupilIds,
  ]);
  return new Set(rows.map((r) => r.pupil_id));
}

export interface ExistingMark {
  id: number;
  pupil_id: number;
  kind: Assessment;
  score: number;
  max_score: number;
  comment: string | null;
}

/** The classwork marks (or one homework's marks) of these pupils, locked for the change. */
export async function lockMarks(db: Queryable, where: { lessonId: number; homeworkId: number | null; pupilIds: number[] }): Promise<ExistingMark[]> {
  // two spellings so each matches its partial unique index (a parameter cannot prove "homework_id is null")
  const { rows } =
    where.homeworkId === null
      ? await db.query<ExistingMark & Record<string, unknown>>(
          `select id, pupil_id, kind, score, max_score, comment from marks
       where lesson_id = $1 and homework_id is null and pupil_id = any($2::bigint[]) for update`,
          [where.lessonId, where.pupilIds],
        )
      : await db.query<ExistingMark & Record<string, unknown>>(
          `select id, pupil_id, kind, score, max_score, comment from marks
       where homework_id = $1 and pupil_id = any($2::bigint[]) for update`,
          [where.homeworkId, where.pupilIds],
        );
  return rows;
}

export interface MarkWrite {
  pupilId: number;
  score: number;
  comment: string | null;
}

/** Upserts marks in one statement; returns the ids by pupil. */
export async function upsertMarks(
  db: Queryable,
  m: {
    lessonId: number;
    homeworkId: number | null;
    organisationId: number;
    classId: number;
    subjectId: number;
    termId: number;
    onDate: string;
    kind: Assessment;
    max: number;
    teacherId: number;
    rows: MarkWrite[];
  },
): Promise<Map<number, number>> {
  if (!m.rows.length) return new Map();
  const conflict =
    m.homeworkId === null ? '(lesson_id, pupil_id, on_date) where homework_id is null' : '(homework_id, pupil_id, on_date) where homework_id is not null';
  const { rows } = await db.query<{ id: number; pupil_id: number }>(
    `insert into marks (lesson_id, homework_id, pupil_id, organisation_id, class_id, subject_id, term_id, on_date, kind, score, max_score, comment, teacher_id)
     select $1, $2, u.pupil_id, $3, $4, $5, $6, $7, $8, u.score, $9, u.comment, $10
     from unnest($11::bigint[], $12::smallint[], $13::text[]) as u(pupil_id, score, comment)
     on conflict ${conflict} do update set kind = excluded.kind, score = excluded.score, max_score = excluded.max_score,
       comment = excluded.comment, teacher_id = excluded.teacher_id, updated_at = now()
     returning id, pupil_id`,
    [
      m.lessonId,
      m.homeworkId,
      m.organisationId,
      m.classId,
      m.subjectId,
      m.termId,
      m.onDate,
      m.kind,
      m.max,
      m.teacherId,
      m.rows.map((r) => r.pupilId),
      m.rows.map((r) => r.score),
      m.rows.map((r) => r.comment),
    ],
  );
  return new Map(rows.map((r) => [r.pupil_id, r.id]));
}

export async function deleteMarks(db: Queryable, ids: number[]): Promise<void> {
  if (ids.length) await db.query('delete from marks where id = any($1::bigint[])', [ids]);
}

export interface HistoryWrite {
  markId: number;
  pupilId: number;
  action: 'set' | 'changed' | 'removed';
  kind: Assessment;
  oldScore: number | null;
  oldMax: number | null;
  newScore: number | null;
  newMax: number | null;
  comment: string | null;
}

export async function insertHistory(db: Queryable, lessonId: number, homeworkId: number | null, changedBy: number, rows: HistoryWrite[]): Promise<void> {
  if (!rows.length) return;
  await db.query(
    `insert into mark_history (mark_id, lesson_id, homework_id, pupil_id, action, kind, old_score, old_max, new_score, new_max, comment, changed_by)
     select u.mark_id, $1, $2, u.pupil_id, u.action, u.kind, u.old_score, u.old_max, u.new_score, u.new_max, u.comment, $3
     from unnest($4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::smallint[], $9::smallint[], $10::smallint[], $11::smallint[], $12::text[])
       as u(mark_id, pupil_id, action, kind, old_score, old_max, new_score, new_max, comment)`,
    [
      lessonId,
      homeworkId,
      changedBy,
      rows.map((r) => r.markId),
      rows.map((r) => r.pupilId),
      rows.map((r) => r.action),
      rows.map((r) => r.kind),
      rows.map((r) => r.oldScore),
      rows.map((r) => r.oldMax),
      rows.map((r) => r.newScore),
      rows.map((r) => r.newMax),
      rows.map((r) => r.comment),
    ],
  );
}

export async function upsertAttendance(
  db: Queryable,
  a: {
    lessonId: number;
    classId: number;
    onDate: string;
    markedBy: number;
    rows: { pupilId: number; status: AttendanceStatus; reason: string | null }[];
  },
): Promise<void> {
  if (!a.rows.length) return;
  await db.query(
    `insert into attendance (lesson_id, pupil_id, class_id, on_date, status, reason, marked_by, updated_at)
     select $1, u.pupil_id, $2, $3, u.status, u.reason, $4, now()
     from unnest($5::bigint[], $6::text[], $7::text[]) as u(pupil_id, status, reason)
     on conflict (lesson_id, pupil_id, on_date) do update set status = excluded.status, reason = excluded.reason,
       marked_by = excluded.marked_by, updated_at = now()`,
    [a.lessonId, a.classId, a.onDate, a.markedBy, a.rows.map((r) => r.pupilId), a.rows.map((r) => r.status), a.rows.map((r) => r.reason)],
  );
}

export async function deleteAttendance(db: Queryable, lessonId: number, pupilIds: number[]): Promise<number> {
  if (!pupilIds.length) return 0;
  const { rowCount } = await db.query('delete from attendance where lesson_id = $1 and pupil_id = any($2::bigint[])', [lessonId, pupilIds]);
  return rowCount ?? 0;
}

export type ExistingAttendance = { pupil_id: number; status: AttendanceStatus; reason: string | null };

/** The lesson's attendance rows of these pupils, locked (the history needs the values before the change). */
export async function lockAttendance(db: Queryable, lessonId: number, pupilIds: number[]): Promise<Map<number, ExistingAttendance>> {
  if (!pupilIds.length) return new Map();
  const { rows } = await db.query<ExistingAttendance>(
    'select pupil_id, status, reason from attendance where lesson_id = $1 and pupil_id = any($2::bigint[]) for update',
    [lessonId, pupilIds],
  );
  return new Map(rows.map((r) => [r.pupil_id, r]));
}

export interface AttendanceHistoryWrite {
  pupilId: number;
  action: 'set' | 'changed' | 'removed';
  oldStatus: string | null;
  oldReason: string | null;
  newStatus: string | null;
  newReason: string | null;
}

/** History rows stamped with the database's clock, like mark_history (the e-journal's clock may be pinned to a demo day). */
export async function insertAttendanceHistory(
  db: Queryable,
  lessonId: number,
  via: 'journal' | 'join',
  changedBy: number | null,
  rows: AttendanceHistoryWrite[],
): Promise<void> {
  if (!rows.length) return;
  await db.query(
    `insert into attendance_history (lesson_id, pupil_id, action, old_status, old_reason, new_status, new_reason, via, changed_by)
     select $1, u.pupil_id, u.action, u.old_status, u.old_reason, u.new_status, u.new_reason, $2, $3
       from unnest($4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         as u(pupil_id, action, old_status, old_reason, new_status, new_reason)
`,
    [
      lessonId,
      via,
      changedBy,
      rows.map((r) => r.pupilId),
      rows.map((r) => r.action),
      rows.map((r) => r.oldStatus),
      rows.map((r) => r.oldReason),
      rows.map((r) => r.newStatus),
      rows.map((r) => r.newReason),
    ],
  );
}

export async function findAttendanceHistory(db: Queryable, lessonId: number) {
  const { rows } = await db.query<Record<string, unknown>>(
    `select h.pupil_id as "pupilId", h.action, h.via, h.old_status as "oldStatus", h.old_reason as "oldReason", h.new_status as "newStatus",
       h.new_reason as "newReason", case when p.id is null then null else ${personJson('p')} end as "changedBy", iso_utc(h.changed_at) as "changedAt"
     from attendance_history h left join persons p on p.id = h.changed_by where h.lesson_id = $1 order by h.changed_at, h.id`,
    [lessonId],
  );
  return rows;
}

export async function findMarkHistory(db: Queryable, lessonId: number) {
  const { rows } = await db.query<Record<string, unknown>>(
    `select h.pupil_id as "pupilId", h.homework_id as "homeworkId", h.action, h.kind, h.old_score as "oldScore", h.old_max as "oldMax",
       h.new_score as "newScore", h.new_max as "newMax", h.comment, ${personJson('p')} as "changedBy", iso_utc(h.changed_at) as "changedAt"
     from mark_history h join persons p on p.id = h.changed_by where h.lesson_id = $1 order by h.changed_at, h.id`,
    [lessonId],
  );
  return rows;
}

export interface ClassSummaryRow {
  class: { id: number; name: string; organisationId: number };
  timeZone: string;
  org_kind: OrganisationKind;
  settings: SettingsRow;
  from: string;
  to: string;
  term: TermRow | null;
  pupils: JournalRow['pupils'];
  subjects: { id: number; code: string; name: { kk: string; ru: string; en: string } }[];
  lessons: { id: number; date: string; periodNumber: number | null; subjectId: number; cancelled: boolean }[];
  attendance: JournalRow['attendance'];
  marks: { pupilId: number; subjectId: number; kind: Assessment; score: number; max: number }[];
}

/** The homeroom teacher's view of a class in ONE query: a range's lessons and attendance, and the term's marks. */
export async function findClassSummary(
  db: Queryable,
  args: { classId: number; from: string | null; to: string | null; now: Date },
): Promise<ClassSummaryRow | null> {
  const { rows } = await prepared<ClassSummaryRow & Record<string, unknown>>(
    db,
    'class_summary',
    `with c as (
       select c.id, c.name, c.organisation_id, o.kind, o.time_zone, ($4::timestamptz at time zone o.time_zone)::date as today
       from classes c join organisations o on o.id = c.organisation_id where c.id = $1
     ),
     span as (
       select coalesce($2::date, c.today - (extract(isodow from c.today)::int - 1)) as d_from, c.today from c
     ),
     span2 as (select d_from, coalesce($3::date, d_from + 6) as d_to, today from span),
     term as (select t.* from terms t join c on t.organisation_id = c.organisation_id join span2 on true
              where t.id = learning_term_at(c.organisation_id, least(span2.today, span2.d_to))),
     ls as (select l.* from lessons l join span2 on l.on_date between span2.d_from and span2.d_to where l.class_id = $1)
     select
       json_build_object('id', c.id, 'name', c.name, 'organisationId', c.organisation_id) as class,
       c.time_zone as "timeZone", c.kind as org_kind, row_to_json(learning_settings_for(c.organisation_id)) as settings,
       (select d_from from span2) as "from", (select d_to from span2) as "to",
       (select ${termJson('term')} from term) as term,
       (select coalesce(json_agg(${personJson('p')} order by p.last_name, p.first_name, p.id), '[]')
          from class_members m join persons p on p.id = m.pupil_id where m.class_id = $1) as pupils,
       (select coalesce(json_agg(${subjectJson('s')} order by s.name_en), '[]') from subjects s
          where s.id in (select subject_id from teaching_assignments where class_id = $1 union select subject_id from ls)) as subjects,
       (select coalesce(json_agg(json_build_object('id', ls.id, 'date', ls.on_date, 'periodNumber', ls.period_number,
           'subjectId', ls.subject_id, 'cancelled', ls.cancelled) order by ls.on_date, ls.starts_at, ls.id), '[]') from ls) as lessons,
       (select coalesce(json_agg(json_build_object('lessonId', a.lesson_id, 'pupilId', a.pupil_id, 'status', a.status,
           'reason', a.reason, 'online', a.online, 'onlineMinutes', a.online_minutes)), '[]') from ls join attendance a on a.lesson_id = ls.id) as attendance,
       (select coalesce(json_agg(json_build_object('pupilId', mk.pupil_id, 'subjectId', mk.subject_id, 'kind', mk.kind,
           'score', mk.score, 'max', mk.max_score)), '[]')
          from marks mk join term on mk.term_id = term.id where mk.class_id = $1) as marks
     from c`,
    [args.classId, args.from, args.to, args.now],
  );
  return rows[0] ?? null;
}
