import type { Queryable } from '../../platform/db.js';
import type { Assessment, AttendanceStatus } from './learning.rules.js';
import { personJson, subjectJson, termJson } from './learning.sql.js';

/**
 * The reads behind the printed papers and the marks export (each one statement). The diary week and
 * the report card reuse the screens' reads (`diary.repository.ts`); what a paper adds is its heading.
 */
type Names = { kk: string; ru: string; en: string };
type Person = { id: number; lastName: string; firstName: string; middleName: string | null };

export interface PaperHeading {
  className: string | null;
  organisation: Names | null;
  homeroom: Person | null;
  timeZone: string;
}

/** The pupil's current class, its organisation and homeroom teacher: the heading of a diary or a report card. */
export async function findPupilHeading(db: Queryable, pupilId: number): Promise<PaperHeading> {
  const { rows } = await db.query<PaperHeading & Record<string, unknown>>(
    `select c.name as "className", json_build_object('kk', o.name_kk, 'ru', o.name_ru, 'en', o.name_en) as organisation,
       (select ${personJson('h')} from persons h where h.id = c.homeroom_teacher_id) as homeroom, o.time_zone as "timeZone"
     from class_members m join classes c on c.id = m.class_id join academic_years y on y.id = c.academic_year_id
     join organisations o on o.id = c.organisation_id
     where m.pupil_id = $1 order by y.is_current desc, c.id desc limit 1`,
    [pupilId],
  );
  return rows[0] ?? { className: null, organisation: null, homeroom: null, timeZone: 'UTC' };
}

export interface JournalMonthRow {
  class: { id: number; name: string; organisationId: number };
  organisation: Names;
  timeZone: string;
  today: string;
  subject: { id: number; code: string; name: Names } | null;
  teachers: Person[];
  pupils: Person[];
  lessons: {
    id: number;
    date: string;
    periodNumber: number | null;
    topic: string | null;
    assessment: Assessment;
    assessmentMax: number | null;
    cancelled: boolean;
    homework: string[];
  }[];
  marks: { lessonId: number; pupilId: number; homework: boolean; kind: Assessment; score: number; max: number }[];
  attendance: { lessonId: number; pupilId: number; status: AttendanceStatus }[];
}

/**
 * A class journal page: the class's pupils, one subject's lessons of a calendar month (`from`..`to`),
 * their marks (classwork and homework) and attendance, and who teaches it. Null without the class.
 */
export async function findJournalMonth(
  db: Queryable,
  a: { classId: number; subjectId: number; from: string | null; to: string | null; now: Date },
): Promise<JournalMonthRow | null> {
  const { rows } = await db.query<JournalMonthRow & Record<string, unknown>>(
    `with c as (
       select c.id, c.name, c.organisation_id, c.homeroom_teacher_id, o.time_zone, o.name_kk, o.name_ru, o.name_en,
         ($5::timestamptz at time zone o.time_zone)::date as today
       from classes c join organisations o on o.id = c.organisation_id where c.id = $1
     ),
     span as (
       select coalesce($3::date, date_trunc('month', c.today)::date) as d_from,
              coalesce($4::date, (date_trunc('month', c.today) + interval '1 month - 1 day')::date) as d_to from c
     ),
     ls as (
       select l.* from lessons l, span where l.class_id = $1 and l.subject_id = $2 and l.on_date between span.d_from and span.d_to
     )
     select
       json_build_object('id', c.id, 'name', c.name, 'organisationId', c.organisation_id) as class,
       json_build_object('kk', c.name_kk, 'ru', c.name_ru, 'en', c.name_en) as organisation,
       c.time_zone as "timeZone", c.today::text as today,
       (select ${subjectJson('s')} from subjects s where s.id = $2) as subject,
       (select coalesce(json_agg(${personJson('p')} order by p.last_name, p.first_name), '[]') from persons p
          where p.id in (select teacher_id from teaching_assignments where class_id = $1 and subject_id = $2)) as teachers,
       (select coalesce(json_agg(${personJson('p')} order by p.last_name, p.first_name, p.id), '[]')
          from class_members m join persons p on p.id = m.pupil_id where m.class_id = $1) as pupils,
       (select coalesce(json_agg(json_build_object('id', ls.id, 'date', ls.on_date, 'periodNumber', ls.period_number, 'topic', ls.topic,
           'assessment', ls.assessment, 'assessmentMax', ls.assessment_max, 'cancelled', ls.cancelled,
           'homework', (select coalesce(json_agg(h.title order by h.id), '[]') from homework h where h.lesson_id = ls.id))
           order by ls.on_date, ls.starts_at, ls.id), '[]') from ls) as lessons,
       (select coalesce(json_agg(json_build_object('lessonId', mk.lesson_id, 'pupilId', mk.pupil_id, 'homework', mk.homework_id is not null,
           'kind', mk.kind, 'score', mk.score, 'max', mk.max_score) order by mk.id), '[]')
          from ls join marks mk on mk.lesson_id = ls.id) as marks,
       (select coalesce(json_agg(json_build_object('lessonId', at.lesson_id, 'pupilId', at.pupil_id, 'status', at.status)), '[]')
          from ls join attendance at on at.lesson_id = ls.id) as attendance
     from c`,
    [a.classId, a.subjectId, a.from, a.to, a.now],
  );
  return rows[0] ?? null;
}

export interface MarksExportHead {
  class: { id: number; name: string; organisationId: number };
  term: { id: number; kind: 'quarter' | 'semester'; number: number; startsOn: string; endsOn: string; academicYearId: number } | null;
}

/** The class and the term (given, or the one holding the school's today); null without the class. */
export async function findMarksExportHead(db: Queryable, a: { classId: number; termId: number | null; now: Date }): Promise<MarksExportHead | null> {
  const { rows } = await db.query<MarksExportHead & Record<string, unknown>>(
    `select json_build_object('id', c.id, 'name', c.name, 'organisationId', c.organisation_id) as class,
       (select ${termJson('t')} from terms t where t.organisation_id = c.organisation_id
          and t.id = coalesce($2::int, learning_term_at(c.organisation_id, ($3::timestamptz at time zone o.time_zone)::date))) as term
     from classes c join organisations o on o.id = c.organisation_id where c.id = $1`,
    [a.classId, a.termId, a.now],
  );
  return rows[0] ?? null;
}

export interface MarkExportRow {
  pupil: Person;
  subject: Names;
  date: string;
  kind: Assessment;
  score: number;
  max: number;
  comment: string | null;
  homework: string | null;
}

/** Every mark of a class in a term, one row per mark, by pupil then subject then date; only `subjectIds` when given. */
export async function findClassMarks(db: Queryable, a: { classId: number; termId: number; subjectIds: number[] | null }): Promise<MarkExportRow[]> {
  const { rows } = await db.query<MarkExportRow & Record<string, unknown>>(
    `select ${personJson('p')} as pupil, json_build_object('kk', s.name_kk, 'ru', s.name_ru, 'en', s.name_en) as subject,
       mk.on_date::text as date, mk.kind, mk.score, mk.max_score as max, mk.comment, h.title as homework
     from marks mk join persons p on p.id = mk.pupil_id join subjects s on s.id = mk.subject_id left join homework h on h.id = mk.homework_id
     where mk.class_id = $1 and mk.term_id = $2 and ($3::bigint[] is null or mk.subject_id = any($3::bigint[]))
     order by p.last_name, p.first_name, p.id, s.name_en, mk.on_date, mk.id`,
    [a.classId, a.termId, a.subjectIds],
  );
  return rows;
}
