import type { Queryable } from '../../platform/db.js';
import type { DeliverySource, LessonActivity, LessonDetail } from '../../../contracts/learning.js';
import type { Assessment, OrganisationKind } from './learning.rules.js';
import type { SettingsRow } from './learning.settings.js';
import { prepared } from './learning.prepared.js';
import { deliveryJson, homeworkMaterials, homeworkVideos, lessonVideos, materialJson, personJson, subjectJson } from './learning.sql.js';

/** What every write to a lesson needs to decide: its class, subject, term, times, scale, the school's settings and today. */
export interface LessonContext {
  id: number;
  organisationId: number;
  classId: number;
  subjectId: number;
  termId: number;
  teacherId: number;
  onDate: string;
  startsAt: Date;
  endsAt: Date;
  assessment: Assessment;
  assessmentMax: number | null;
  cancelled: boolean;
  delivery: string;
  joinUrl: string | null;
  activity: LessonActivity;
  deliverySource: DeliverySource;
  timeZone: string;
  orgKind: OrganisationKind;
  settings: SettingsRow;
  /** the school's date at `now` */
  today: string;
  termStartsOn: string;
  termEndsOn: string;
  courseId: number | null;
}

export async function findLessonContext(db: Queryable, lessonId: number, now: Date, lock = false): Promise<LessonContext | null> {
  const { rows } = await db.query<LessonContext & Record<string, unknown>>(
    `select l.id, l.organisation_id as "organisationId", l.class_id as "classId", l.subject_id as "subjectId", l.term_id as "termId",
       l.teacher_id as "teacherId", l.on_date as "onDate", l.starts_at as "startsAt", l.ends_at as "endsAt", l.assessment,
       l.assessment_max as "assessmentMax", l.cancelled, l.delivery, l.join_url as "joinUrl", l.activity, l.delivery_source as "deliverySource", o.time_zone as "timeZone",
       o.kind as "orgKind", row_to_json(learning_settings_for(o.id)) as settings,
       ($2::timestamptz at time zone o.time_zone)::date as today, t.starts_on as "termStartsOn", t.ends_on as "termEndsOn",
       (select ts.course_id from timetable_slots ts where ts.id = l.slot_id) as "courseId"
     from lessons l join organisations o on o.id = l.organisation_id join terms t on t.id = l.term_id
     where l.id = $1 ${lock ? 'for update of l' : ''}`,
    [lessonId, now],
  );
  return rows[0] ?? null;
}

export type LessonDetailRow = Omit<LessonDetail, 'canEdit' | 'joinable'> & { classId: number; subjectId: number };

/**
 * SQL: lesson `l` of a school in settlement `st` is online only because no TV channel is planned
 * (lessons.format.ts would have put it on TV otherwise).
 */
const tvFallbackSql = (l: string, st: string) =>
  `(${l}.delivery_source = 'format' and ${l}.delivery = 'online_live' and ${st}.internet <> 'broadband' and ${st}.tv_reception)`;

/** A lesson with everything the lesson page shows, in one query; the join link only when `withJoinUrl`. */
export async function findLessonDetail(db: Queryable, lessonId: number, withJoinUrl: boolean): Promise<LessonDetailRow | null> {
  const { rows } = await prepared<LessonDetailRow & Record<string, unknown>>(
    db,
    'lesson_detail',
    `select l.id, l.organisation_id as "organisationId", o.time_zone as "timeZone", l.class_id as "classId", l.subject_id as "subjectId",
       json_build_object('id', c.id, 'name', c.name) as class, ${subjectJson('s')} as subject, ${personJson('t')} as teacher,
       l.term_id as "termId", l.on_date as date, l.period_number as "periodNumber", iso_utc(l.starts_at) as "startsAt",
       iso_utc(l.ends_at) as "endsAt", case when r.id is null then null else json_build_object('id', r.id, 'name', r.name) end as room,
       ${deliveryJson('l', '$2::boolean')} as delivery, l.activity, l.delivery_source as "deliverySource",
       ${tvFallbackSql('l', 'st')} as "tvFallback", c.grade as "classGrade", o.instruction_language as "instructionLanguage", l.topic, l.assessment, l.assessment_max as "assessmentMax", l.cancelled,
       (select coalesce(json_agg(${materialJson('mt', 'f')} order by mt.id), '[]') from lesson_materials mt
          left join files f on f.id = mt.file_id where mt.lesson_id = l.id and mt.homework_id is null) as materials,
       ${lessonVideos('l.id')} as videos,
       (select coalesce(json_agg(json_build_object('id', h.id, 'lessonId', h.lesson_id, 'title', h.title, 'instructions', h.instructions,
           'dueAt', iso_utc(h.due_at), 'materials', ${homeworkMaterials('h.id')}, 'videos', ${homeworkVideos('h.id')},
           'submitted', (select count(*) from submissions sb where sb.homework_id = h.id),
           'toMark', (select count(*) from submissions sb where sb.homework_id = h.id and sb.status = 'submitted')) order by h.id), '[]')
          from homework h where h.lesson_id = l.id) as homework
     from lessons l
     join organisations o on o.id = l.organisation_id
     join settlements st on st.id = o.settlement_id
     join classes c on c.id = l.class_id
     join subjects s on s.id = l.subject_id
     join persons t on t.id = l.teacher_id
     left join rooms r on r.id = l.room_id
     where l.id = $1`,
    [lessonId, withJoinUrl],
  );
  return rows[0] ?? null;
}

export async function lessonHasMarks(db: Queryable, lessonId: number): Promise<boolean> {
  const { rows } = await db.query('select 1 from marks where lesson_id = $1 and homework_id is null limit 1', [lessonId]);
  return rows.length > 0;
}

export interface LessonPatchRow {
  topic?: string | null;
  delivery?: { kind: string; joinUrl: string | null; tvChannel: string | null; tvAirAt: string | null; videoUrl: string | null; tvSlotId?: number | null };
  deliverySource?: DeliverySource;
  activity?: LessonActivity;
  assessment?: Assessment;
  assessmentMax?: number | null;
  cancelled?: boolean;
  roomId?: number | null;
}

export async function updateLesson(db: Queryable, lessonId: number, p: LessonPatchRow): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [lessonId];
  const set = (column: string, value: unknown) => {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  };
  if (p.topic !== undefined) set('topic', p.topic);
  if (p.delivery) {
    set('delivery', p.delivery.kind);
    set('join_url', p.delivery.joinUrl);
    set('tv_channel', p.delivery.tvChannel);
    set('tv_air_at', p.delivery.tvAirAt);
    set('video_url', p.delivery.videoUrl);
    set('tv_slot_id', p.delivery.tvSlotId ?? null);
  }
  if (p.deliverySource !== undefined) set('delivery_source', p.deliverySource);
  if (p.activity !== undefined) set('activity', p.activity);
  if (p.assessment !== undefined) set('assessment', p.assessment);
  if (p.assessmentMax !== undefined) set('assessment_max', p.assessmentMax);
  if (p.cancelled !== undefined) set('cancelled', p.cancelled);
  if (p.roomId !== undefined) set('room_id', p.roomId);
  if (!sets.length) return;
  await db.query(`update lessons set ${sets.join(', ')}, updated_at = now() where id = $1`, params);
}

export async function roomInOrganisation(db: Queryable, roomId: number, organisationId: number): Promise<boolean> {
  const { rows } = await db.query('select 1 from rooms where id = $1 and organisation_id = $2', [roomId, organisationId]);
  return rows.length > 0;
}

export async function insertMaterial(
  db: Queryable,
  m: { lessonId: number; homeworkId: number | null; kind: 'file' | 'link'; fileId: string | null; url: string | null; title: string },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into lesson_materials (lesson_id, homework_id, kind, file_id, url, title) values ($1, $2, $3, $4, $5, $6) returning id`,
    [m.lessonId, m.homeworkId, m.kind, m.fileId, m.url, m.title],
  );
  return rows[0]!.id;
}

export async function findMaterial(db: Queryable, materialId: number) {
  const { rows } = await db.query<{ id: number; lesson_id: number; material: unknown }>(
    `select mt.id, mt.lesson_id, ${materialJson('mt', 'f')} as material from lesson_materials mt left join files f on f.id = mt.file_id where mt.id = $1`,
    [materialId],
  );
  return rows[0] ?? null;
}

export async function deleteMaterial(db: Queryable, materialId: number): Promise<void> {
  await db.query('delete from lesson_materials where id = $1', [materialId]);
}

/**
 * Records a pupil as joined online. A teacher's earlier "absent" yields to the proof of joining
 * (becoming the status the join earned); any other mark the teacher set stands.
 */
/**
 * Records a pupil's join and, when it changed their attendance, one history row (via 'join', by the
 * pupil), in one statement.
 */
export async function recordJoin(
  db: Queryable,
  a: { lessonId: number; pupilId: number; classId: number; onDate: string; status: 'present' | 'late'; at: Date },
): Promise<'present' | 'late' | 'absent' | 'excused'> {
  const { rows } = await db.query<{ status: 'present' | 'late' | 'absent' | 'excused' }>(
    `with before as (select status, reason from attendance where lesson_id = $1 and pupil_id = $2),
     up as (insert into attendance (lesson_id, pupil_id, class_id, on_date, status, online, joined_at, updated_at)
     values ($1, $2, $3, $4, $5, true, $6, $6)
     on conflict (lesson_id, pupil_id, on_date) do update set
       online = true,
       joined_at = coalesce(attendance.joined_at, excluded.joined_at),
       status = case when attendance.status = 'absent' then excluded.status else attendance.status end,
       reason = case when attendance.status = 'absent' then null else attendance.reason end,
       updated_at = excluded.updated_at
     returning status, reason),
     h as (insert into attendance_history (lesson_id, pupil_id, action, old_status, old_reason, new_status, new_reason, via, changed_by)
       select $1, $2, case when b.status is null then 'set' else 'changed' end, b.status, b.reason, up.status, up.reason, 'join', $2
         from up left join before b on true where b.status is distinct from up.status)
     select status from up`,
    [a.lessonId, a.pupilId, a.classId, a.onDate, a.status, a.at],
  );
  return rows[0]!.status;
}

export interface NewLesson {
  organisationId: number;
  termId: number;
  classId: number;
  subjectId: number;
  teacherId: number;
  roomId: number | null;
  onDate: string;
  periodId: number;
  timeZone: string;
  delivery: LessonPatchRow['delivery'];
  topic: string | null;
  assessment: Assessment;
  activity: LessonActivity;
}

/** Inserts one dated lesson at a bell period; its instants are the period's local times in the school's zone. */
export async function insertLesson(db: Queryable, l: NewLesson): Promise<number> {
  // no delivery given: in person until the learning format says otherwise (lessons.format.ts)
  const d = l.delivery ?? { kind: 'in_person', joinUrl: null, tvChannel: null, tvAirAt: null, videoUrl: null };
  const { rows } = await db.query<{ id: number }>(
    `insert into lessons (organisation_id, term_id, class_id, subject_id, teacher_id, room_id, on_date, period_number, starts_at, ends_at,
       delivery, join_url, tv_channel, tv_air_at, video_url, topic, assessment, activity, delivery_source, tv_slot_id)
     select $1, $2, $3, $4, $5, $6, $7::date, p.number, ($7::date + p.starts_at) at time zone $9, ($7::date + p.ends_at) at time zone $9,
       $10, $11, $12, $13, $14, $15, $16, $17, $18, $19
     from periods p where p.id = $8
     returning id`,
    [
      l.organisationId,
      l.termId,
      l.classId,
      l.subjectId,
      l.teacherId,
      l.roomId,
      l.onDate,
      l.periodId,
      l.timeZone,
      d.kind,
      d.joinUrl,
      d.tvChannel,
      d.tvAirAt,
      d.videoUrl,
      l.topic,
      l.assessment,
      l.activity,
      l.delivery ? 'teacher' : 'format',
      d.tvSlotId ?? null,
    ],
  );
  return rows[0]!.id;
}

/** Lessons of a teacher (any class) or of a class on a date, with instants: the candidates for a clash. */
export async function findLessonsOn(db: Queryable, onDate: string, who: { teacherId?: number; classId?: number }) {
  const { rows } = await db.query<{
    id: number;
    starts_at: Date;
    ends_at: Date;
    class_name: string;
    course_id: number | null;
    period_number: number | null;
    cancelled: boolean;
  }>(
    `select l.id, l.starts_at, l.ends_at, c.name as class_name, ts.course_id, l.period_number, l.cancelled
     from lessons l join classes c on c.id = l.class_id left join timetable_slots ts on ts.id = l.slot_id
     where l.on_date = $1 and ($2::bigint is null or l.teacher_id = $2) and ($3::bigint is null or l.class_id = $3) and not l.cancelled`,
    [onDate, who.teacherId ?? null, who.classId ?? null],
  );
  return rows;
}

/**
 * The lessons of one school day that point at a slot of the TV grid, in the given classes or the given
 * organisations' classes (the reader's: taught, led, their own or their children's, or as the admin).
 */
export async function findTvLessons(db: Queryable, args: { date: string; classIds: number[]; organisationIds: number[] }) {
  const { rows } = await db.query<{ slotId: string; lessonId: string; classId: string; className: string; kk: string; ru: string; en: string }>(
    `select l.tv_slot_id as "slotId", l.id as "lessonId", c.id as "classId", c.name as "className", s.name_kk as kk, s.name_ru as ru, s.name_en as en
       from lessons l join classes c on c.id = l.class_id join subjects s on s.id = l.subject_id
      where l.on_date = $1::date and l.tv_slot_id is not null and l.delivery = 'tv' and not l.cancelled
        and (l.class_id = any($2::bigint[]) or l.organisation_id = any($3::int[]))
      order by l.tv_slot_id, c.name, l.id
      limit 500`,
    [args.date, args.classIds, args.organisationIds],
  );
  return rows.map((r) => ({
    slotId: Number(r.slotId),
    lessonId: Number(r.lessonId),
    classId: Number(r.classId),
    className: r.className,
    subject: { kk: r.kk, ru: r.ru, en: r.en },
  }));
}

export async function findTeacherLessons(db: Queryable, args: { teacherId: number; from: string | null; to: string | null; now: Date }) {
  const { rows } = await db.query<{ from: string; to: string; lessons: unknown[] }>(
    `with tz as (
       select coalesce((select o.time_zone from teaching_assignments ta join classes c on c.id = ta.class_id
                        join organisations o on o.id = c.organisation_id
                        where ta.teacher_id = $1 order by c.academic_year_id desc limit 1), 'UTC') as zone
     ),
     span as (
       select coalesce($2::date, t.today) as d_from, coalesce($3::date, $2::date, t.today) as d_to
       from (select ($4::timestamptz at time zone tz.zone)::date as today from tz) t
     )
     select span.d_from as "from", span.d_to as "to",
       (select coalesce(json_agg(json_build_object('id', l.id, 'date', l.on_date, 'periodNumber', l.period_number,
           'startsAt', iso_utc(l.starts_at), 'endsAt', iso_utc(l.ends_at), 'class', json_build_object('id', c.id, 'name', c.name),
           'subject', ${subjectJson('s')}, 'delivery', l.delivery, 'activity', l.activity, 'deliverySource', l.delivery_source,
           'topic', l.topic, 'cancelled', l.cancelled,
           'homeworkCount', (select count(*) from homework h where h.lesson_id = l.id), 'timeZone', o.time_zone)
           order by l.starts_at, l.id), '[]')
        from lessons l join classes c on c.id = l.class_id join subjects s on s.id = l.subject_id
        join organisations o on o.id = l.organisation_id
        where l.teacher_id = $1 and l.on_date between span.d_from and span.d_to) as lessons
     from span`,
    [args.teacherId, args.from, args.to, args.now],
  );
  return rows[0]!;
}

/** The class × subject pairs a teacher teaches, with each class's current term and the work waiting to be marked. */
export async function findTeaching(db: Queryable, teacherId: number, homeroomClassIds: number[], now: Date) {
  const { rows } = await db.query<{ items: unknown[]; homeroom: unknown[] }>(
    `select
       (select coalesce(json_agg(json_build_object(
          'class', json_build_object('id', c.id, 'name', c.name, 'organisationId', c.organisation_id, 'grade', c.grade,
                                     'pupilCount', (select count(*) from class_members m where m.class_id = c.id)),
          'subject', ${subjectJson('s')}, 'courseId', ta.course_id,
          'currentTermId', learning_term_at(c.organisation_id, ($2::timestamptz at time zone o.time_zone)::date),
          'toMark', (select count(*) from homework h join submissions sb on sb.homework_id = h.id and sb.status = 'submitted'
                     where h.class_id = c.id and h.subject_id = s.id))
          order by y.is_current desc, c.grade nulls last, c.name, s.name_en), '[]')
        from teaching_assignments ta join classes c on c.id = ta.class_id join subjects s on s.id = ta.subject_id
        join organisations o on o.id = c.organisation_id join academic_years y on y.id = c.academic_year_id
        where ta.teacher_id = $1) as items,
       (select coalesce(json_agg(json_build_object('id', c.id, 'name', c.name, 'organisationId', c.organisation_id) order by c.name), '[]')
        from classes c where c.id = any($3::bigint[])) as homeroom`,
    [teacherId, now, homeroomClassIds],
  );
  return rows[0]!;
}
