import type { Queryable } from '../../platform/db.js';
import type { Diary } from '../../../contracts/learning.js';
import type { OrganisationKind } from './learning.rules.js';
import type { SettingsRow } from './learning.settings.js';
import { prepared } from './learning.prepared.js';
import { deliveryJson, homeworkMaterials, homeworkVideos, lessonMaterials, lessonVideos, markJson, personJson, subjectJson, termJson } from './learning.sql.js';

/** The pupil's classes (every year) with their organisations: what the policy needs for homeroom teachers and admins. */
export async function findPupilScope(db: Queryable, pupilId: number): Promise<{ classIds: number[]; organisationIds: number[] }> {
  const { rows } = await db.query<{ class_id: number; organisation_id: number }>(
    `select m.class_id, c.organisation_id from class_members m join classes c on c.id = m.class_id where m.pupil_id = $1`,
    [pupilId],
  );
  return { classIds: rows.map((r) => r.class_id), organisationIds: [...new Set(rows.map((r) => r.organisation_id))] };
}

// The pupil's classes; the school's zone comes from a class of the current year first.
const PUPIL_CLASSES = `
  cls as (
    select c.id, c.name, c.organisation_id, o.time_zone, o.kind, y.is_current
    from class_members m
    join classes c on c.id = m.class_id
    join academic_years y on y.id = c.academic_year_id
    join organisations o on o.id = c.organisation_id
    where m.pupil_id = $1
  ),
  home as (select organisation_id, time_zone as tz, kind from cls order by is_current desc, id desc limit 1)`;

/**
 * The pupil's day or days in ONE query (the morning peak's "Today"): lessons with delivery,
 * materials, homework set, the pupil's mark and attendance; homework due in the range and the week
 * after (and the last fortnight's still unsubmitted); the latest announcements of their classes.
 * Dates default to the school's today ($4 is now).
 *
 * PostgreSQL builds the whole response as JSON text in the shape of `diaryResponse`, and the route
 * sends it as it is: no parse and re-serialise in Node for the busiest request of the day (a test
 * holds the text to the declared schema, field for field). Null when the pupil does not exist.
 */
export async function findDiaryJson(db: Queryable, args: { pupilId: number; from: string | null; to: string | null; now: Date }): Promise<string | null> {
  const { rows } = await prepared<{ body: string }>(
    db,
    'diary',
    `with ${PUPIL_CLASSES},
     span as (
       select t.today, coalesce($2::date, t.today) as d_from, coalesce($3::date, $2::date, t.today) as d_to, t.tz
       from (select ($4::timestamptz at time zone coalesce(home.tz, 'UTC'))::date as today, coalesce(home.tz, 'UTC') as tz
             from (select 1) one left join home on true) t
     ),
     bounds as (
       select span.*, (d_from::timestamp at time zone tz) as from_ts, ((d_to + 8)::timestamp at time zone tz) as to_ts from span
     )
     select json_build_object(
       'pupil', (select ${personJson('p')} from persons p where p.id = $1),
       'classes', (select coalesce(json_agg(json_build_object('id', cls.id, 'name', cls.name) order by cls.id), '[]') from cls where cls.is_current),
       'timeZone', (select tz from home),
       'today', b.today, 'from', b.d_from, 'to', b.d_to,
       'lessons', (select coalesce(json_agg(x.j order by x.starts_at, x.id), '[]') from (
          select l.id, l.starts_at, json_build_object(
            'id', l.id, 'date', l.on_date, 'periodNumber', l.period_number,
            'startsAt', iso_utc(l.starts_at), 'endsAt', iso_utc(l.ends_at),
            'subject', ${subjectJson('s')}, 'teacher', ${personJson('t')},
            'class', json_build_object('id', cls.id, 'name', cls.name), 'room', r.name,
            'delivery', ${deliveryJson('l', 'false')},
            'joinable', l.delivery = 'online_live' and not l.cancelled,
            'topic', l.topic, 'cancelled', l.cancelled,
            'materials', ${lessonMaterials('l.id')}, 'videos', ${lessonVideos('l.id')},
            'homeworkSet', (select coalesce(json_agg(json_build_object('id', h.id, 'title', h.title, 'dueAt', iso_utc(h.due_at)) order by h.id), '[]')
                            from homework h where h.lesson_id = l.id),
            'mark', (select ${markJson('mk')} from marks mk where mk.lesson_id = l.id and mk.pupil_id = $1 and mk.homework_id is null),
            'attendance', (select json_build_object('status', a.status, 'online', a.online, 'onlineMinutes', a.online_minutes, 'reason', a.reason)
                           from attendance a where a.lesson_id = l.id and a.pupil_id = $1)
          ) as j
          from lessons l
          join cls on cls.id = l.class_id
          join subjects s on s.id = l.subject_id
          join persons t on t.id = l.teacher_id
          left join rooms r on r.id = l.room_id
          where l.on_date between b.d_from and b.d_to
       ) x),
       'homework', (select coalesce(json_agg(x.j order by x.due_at, x.id), '[]') from (
          select h.id, h.due_at, json_build_object(
            'id', h.id, 'lessonId', h.lesson_id, 'lessonDate', l.on_date, 'subject', ${subjectJson('s')},
            'title', h.title, 'instructions', h.instructions, 'dueAt', iso_utc(h.due_at),
            'materials', ${homeworkMaterials('h.id')}, 'videos', ${homeworkVideos('h.id')},
            'submission', case when sb.id is null then null else json_build_object(
              'id', sb.id, 'status', sb.status, 'late', sb.late, 'submittedAt', iso_utc(sb.submitted_at), 'attempts', sb.attempts,
              'mark', (select ${markJson('mk')} from marks mk where mk.homework_id = h.id and mk.pupil_id = $1)) end
          ) as j
          from homework h
          join cls on cls.id = h.class_id
          join lessons l on l.id = h.lesson_id
          join subjects s on s.id = h.subject_id
          left join submissions sb on sb.homework_id = h.id and sb.pupil_id = $1
          where h.due_at >= b.from_ts - interval '14 days' and h.due_at < b.to_ts
            and (h.due_at >= b.from_ts or sb.id is null)
       ) x),
       'announcements', (select coalesce(json_agg(x.j order by x.created_at desc, x.id desc), '[]') from (
          select a.id, a.created_at, json_build_object(
            'id', a.id, 'class', json_build_object('id', cls.id, 'name', cls.name), 'title', a.title, 'body', a.body,
            'createdAt', iso_utc(a.created_at), 'author', ${personJson('au')}) as j
          from announcements a join cls on cls.id = a.class_id and cls.is_current join persons au on au.id = a.author_id
          order by a.created_at desc, a.id desc limit 10
       ) x)
     )::text as body
     from bounds b
     where exists (select 1 from persons where id = $1)`,
    [args.pupilId, args.from, args.to, args.now],
  );
  return rows[0]?.body ?? null;
}

export interface SummaryRow {
  pupil: Diary['pupil'] | null;
  org_kind: OrganisationKind | null;
  settings: SettingsRow | null;
  term: { id: number; kind: 'quarter' | 'semester'; number: number; startsOn: string; endsOn: string; academicYearId: number } | null;
  terms: SummaryRow['term'][];
  subjects: { id: number; code: string; name: { kk: string; ru: string; en: string } }[];
  marks: { subjectId: number; lessonId: number; homeworkId: number | null; date: string; kind: string; score: number; max: number; comment: string | null }[];
  attendance_counts: { subjectId: number; status: 'present' | 'absent' | 'late' | 'excused'; n: number }[];
  recent: { lessonId: number; date: string; subjectId: number; status: 'present' | 'absent' | 'late' | 'excused'; reason: string | null }[];
}

/** A pupil's term in ONE query: subjects, every mark, attendance counts per subject and the latest absences. */
export async function findSummary(db: Queryable, args: { pupilId: number; termId: number | null; now: Date }): Promise<SummaryRow | null> {
  const { rows } = await prepared<SummaryRow & Record<string, unknown>>(
    db,
    'summary',
    `with ${PUPIL_CLASSES},
     term as (
       select t.* from terms t join home on t.organisation_id = home.organisation_id
       where t.id = coalesce($2::int, learning_term_at(home.organisation_id, ($3::timestamptz at time zone home.tz)::date))
     )
     select
       (select ${personJson('p')} from persons p where p.id = $1) as pupil,
       (select kind from home) as org_kind,
       (select row_to_json(learning_settings_for(home.organisation_id)) from home) as settings,
       (select ${termJson('term')} from term) as term,
       (select coalesce(json_agg(${termJson('t')} order by t.starts_on), '[]') from terms t join home on t.organisation_id = home.organisation_id
          where t.academic_year_id = coalesce((select academic_year_id from term),
            (select c.academic_year_id from classes c join cls on cls.id = c.id order by cls.is_current desc, c.id desc limit 1))) as terms,
       (select coalesce(json_agg(${subjectJson('s')} order by s.name_en), '[]') from subjects s where s.id in (
          -- the subjects taught in the pupil's classes of the term's year
          select ta.subject_id from teaching_assignments ta join cls on cls.id = ta.class_id join classes c on c.id = cls.id
            where case when exists (select 1 from term) then c.academic_year_id = (select academic_year_id from term) else cls.is_current end
          union select mk.subject_id from marks mk join term on mk.term_id = term.id where mk.pupil_id = $1)) as subjects,
       (select coalesce(json_agg(json_build_object('subjectId', mk.subject_id, 'lessonId', mk.lesson_id, 'homeworkId', mk.homework_id,
            'date', mk.on_date, 'kind', mk.kind, 'score', mk.score, 'max', mk.max_score, 'comment', mk.comment) order by mk.on_date, mk.id), '[]')
          from marks mk join term on mk.term_id = term.id where mk.pupil_id = $1) as marks,
       (select coalesce(json_agg(json_build_object('subjectId', x.subject_id, 'status', x.status, 'n', x.n)), '[]') from (
          select l.subject_id, a.status, count(*) as n from attendance a join term on a.on_date between term.starts_on and term.ends_on
          -- only what this school wrote: a pupil who changed school mid-term does not carry the old school's register along
          join lessons l on l.id = a.lesson_id and l.organisation_id = term.organisation_id
          where a.pupil_id = $1 group by l.subject_id, a.status) x) as attendance_counts,
       (select coalesce(json_agg(json_build_object('lessonId', x.lesson_id, 'date', x.on_date, 'subjectId', x.subject_id,
            'status', x.status, 'reason', x.reason) order by x.on_date desc, x.starts_at desc), '[]') from (
          select a.lesson_id, a.on_date, l.subject_id, l.starts_at, a.status, a.reason from attendance a
          join term on a.on_date between term.starts_on and term.ends_on join lessons l on l.id = a.lesson_id and l.organisation_id = term.organisation_id
          where a.pupil_id = $1 and a.status <> 'present' order by a.on_date desc, l.starts_at desc limit 20) x) as recent`,
    [args.pupilId, args.termId, args.now],
  );
  const row = rows[0];
  return row?.pupil ? row : null;
}

/** What a pupil's day needs of the pupil alone (the rest is the classes' days, cached: `diary.cache.ts`). */
export interface DiaryPupilRow {
  pupil: string;
  classes: string;
  time_zone: string | null;
  tz: string;
  today: string;
  d_from: string;
  d_to: string;
  /** every class of the pupil (any year): [id, is current] */
  cls: [number, boolean][];
  /** [class id, version]; class 0 is "everything" */
  versions: [number, number][];
  /** [lesson id, mark] */
  marks: [number, unknown][];
  /** [lesson id, attendance] */
  attendance: [number, unknown][];
  /** [homework id, submission] */
  submissions: [number, unknown][];
}

/**
 * The pupil's own part of Today (or of a range of days) in ONE query: who, which classes, the school's
 * dates, the classes' versions, the pupil's marks and attendance of the days' lessons and their
 * submissions to the homework due. Null when the pupil does not exist.
 */
export async function findDiaryPupil(
  db: Queryable,
  args: { pupilId: number; from: string | null; to: string | null; now: Date },
): Promise<DiaryPupilRow | null> {
  const { rows } = await prepared<DiaryPupilRow & Record<string, unknown>>(
    db,
    'diary_pupil',
    `with ${PUPIL_CLASSES},
     span as (
       select t.today, coalesce($2::date, t.today) as d_from, coalesce($3::date, $2::date, t.today) as d_to, t.tz
       from (select ($4::timestamptz at time zone coalesce(home.tz, 'UTC'))::date as today, coalesce(home.tz, 'UTC') as tz
             from (select 1) one left join home on true) t
     ),
     bounds as (
       select span.*, (d_from::timestamp at time zone tz) as from_ts, ((d_to + 8)::timestamp at time zone tz) as to_ts from span
     )
     select
       (select ${personJson('p')} from persons p where p.id = $1)::text as pupil,
       (select coalesce(json_agg(json_build_object('id', cls.id, 'name', cls.name) order by cls.id), '[]') from cls where cls.is_current)::text as classes,
       (select tz from home) as time_zone, b.tz, b.today::text as today, b.d_from::text as d_from, b.d_to::text as d_to,
       (select coalesce(json_agg(json_build_array(cls.id, cls.is_current)), '[]') from cls) as cls,
       (select coalesce(json_agg(json_build_array(v.class_id, v.version)), '[]') from class_day_versions v
          where v.class_id = 0 or v.class_id in (select id from cls)) as versions,
       (select coalesce(json_agg(json_build_array(l.id, ${markJson('mk')})), '[]')
          from lessons l join cls on cls.id = l.class_id
          join marks mk on mk.lesson_id = l.id and mk.pupil_id = $1 and mk.homework_id is null
          where l.on_date between b.d_from and b.d_to) as marks,
       (select coalesce(json_agg(json_build_array(l.id, json_build_object('status', a.status, 'online', a.online, 'onlineMinutes', a.online_minutes, 'reason', a.reason))), '[]')
          from lessons l join cls on cls.id = l.class_id
          join attendance a on a.lesson_id = l.id and a.pupil_id = $1
          where l.on_date between b.d_from and b.d_to) as attendance,
       (select coalesce(json_agg(json_build_array(h.id, json_build_object(
            'id', sb.id, 'status', sb.status, 'late', sb.late, 'submittedAt', iso_utc(sb.submitted_at), 'attempts', sb.attempts,
            'mark', (select ${markJson('mk')} from marks mk where mk.homework_id = h.id and mk.pupil_id = $1)))), '[]')
          from homework h join cls on cls.id = h.class_id
          join submissions sb on sb.homework_id = h.id and sb.pupil_id = $1
          where h.due_at >= b.from_ts - interval '14 days' and h.due_at < b.to_ts) as submissions
     from bounds b
     where exists (select 1 from persons where id = $1)`,
    [args.pupilId, args.from, args.to, args.now],
  );
  return rows[0] ?? null;
}

/** One class's part of a day or days: the same for every pupil of the class. Each item's JSON is text. */
export interface ClassDayRow {
  class_id: number;
  version: number | null;
  everything: number | null;
  /** [starts at (µs since 1970), lesson id, the lesson without "mark" and "attendance"] */
  lessons: [number, number, string][];
  /** [due at (µs), homework id, due within the range (not only the fortnight before), the homework without "submission"] */
  homework: [number, number, boolean, string][];
  /** the class's latest 10: [created at (µs), announcement id, the announcement] */
  announcements: [number, number, string][];
}

/** The days of several classes in ONE query (a cache miss), each with the version it was read at. */
export async function findClassDays(db: Queryable, args: { classIds: number[]; from: string; to: string; tz: string }): Promise<ClassDayRow[]> {
  const { rows } = await prepared<ClassDayRow & Record<string, unknown>>(
    db,
    'diary_classes',
    `with b as (
       select $2::date as d_from, $3::date as d_to, ($2::date::timestamp at time zone $4) as from_ts, (($3::date + 8)::timestamp at time zone $4) as to_ts
     )
     select c.id as class_id,
       (select v.version from class_day_versions v where v.class_id = c.id) as version,
       (select v.version from class_day_versions v where v.class_id = 0) as everything,
       (select coalesce(json_agg(json_build_array((extract(epoch from l.starts_at) * 1000000)::bigint, l.id, json_build_object(
            'id', l.id, 'date', l.on_date, 'periodNumber', l.period_number,
            'startsAt', iso_utc(l.starts_at), 'endsAt', iso_utc(l.ends_at),
            'subject', ${subjectJson('s')}, 'teacher', ${personJson('t')},
            'class', json_build_object('id', c.id, 'name', c.name), 'room', r.name,
            'delivery', ${deliveryJson('l', 'false')},
            'joinable', l.delivery = 'online_live' and not l.cancelled,
            'topic', l.topic, 'cancelled', l.cancelled,
            'materials', ${lessonMaterials('l.id')}, 'videos', ${lessonVideos('l.id')},
            'homeworkSet', (select coalesce(json_agg(json_build_object('id', h.id, 'title', h.title, 'dueAt', iso_utc(h.due_at)) order by h.id), '[]')
                            from homework h where h.lesson_id = l.id))::text)), '[]')
          from lessons l
          join subjects s on s.id = l.subject_id
          join persons t on t.id = l.teacher_id
          left join rooms r on r.id = l.room_id
          where l.class_id = c.id and l.on_date between b.d_from and b.d_to) as lessons,
       (select coalesce(json_agg(json_build_array((extract(epoch from h.due_at) * 1000000)::bigint, h.id, h.due_at >= b.from_ts, json_build_object(
            'id', h.id, 'lessonId', h.lesson_id, 'lessonDate', l.on_date, 'subject', ${subjectJson('s')},
            'title', h.title, 'instructions', h.instructions, 'dueAt', iso_utc(h.due_at),
            'materials', ${homeworkMaterials('h.id')}, 'videos', ${homeworkVideos('h.id')})::text)), '[]')
          from homework h
          join lessons l on l.id = h.lesson_id
          join subjects s on s.id = h.subject_id
          where h.class_id = c.id and h.due_at >= b.from_ts - interval '14 days' and h.due_at < b.to_ts) as homework,
       (select coalesce(json_agg(json_build_array(x.us, x.id, x.j)), '[]') from (
          select (extract(epoch from a.created_at) * 1000000)::bigint as us, a.id, json_build_object(
            'id', a.id, 'class', json_build_object('id', c.id, 'name', c.name), 'title', a.title, 'body', a.body,
            'createdAt', iso_utc(a.created_at), 'author', ${personJson('au')})::text as j
          from announcements a join persons au on au.id = a.author_id
          where a.class_id = c.id
          order by a.created_at desc, a.id desc limit 10) x) as announcements
     from classes c cross join b
     where c.id = any($1::bigint[])`,
    [args.classIds, args.from, args.to, args.tz],
  );
  return rows;
}
