import type { Queryable } from '../../platform/db.js';
import type { Course } from '../../../contracts/training.js';

/**
 * SQL of the training module. Its own tables: training_courses, training_enrolments. Read-only
 * reads elsewhere (listed in the README): teachers' grants (role_assignments), names (persons), the
 * tree (regions, districts, organisations) and, for the time-to-mark indicator, the e-journal's
 * submissions, homework, lessons and marks.
 */

const COURSE_COLS = `c.id, c.title_kk, c.title_ru, c.title_en, c.provider, c.hours, c.format,
  to_char(c.starts_on, 'YYYY-MM-DD') as starts_on, to_char(c.ends_on, 'YYYY-MM-DD') as ends_on, c.required`;

type CourseRow = {
  id: number;
  title_kk: string;
  title_ru: string;
  title_en: string;
  provider: string;
  hours: number;
  format: 'online' | 'offline';
  starts_on: string;
  ends_on: string;
  required: boolean;
};

export const toCourse = (r: CourseRow): Course => ({
  id: r.id,
  title: { kk: r.title_kk, ru: r.title_ru, en: r.title_en },
  provider: r.provider,
  hours: r.hours,
  format: r.format,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  required: r.required,
});

export async function listCourses(db: Queryable): Promise<Course[]> {
  const { rows } = await db.query<CourseRow>(`select ${COURSE_COLS} from training_courses c order by c.starts_on desc, c.id`);
  return rows.map(toCourse);
}

export async function findCourse(db: Queryable, id: number): Promise<Course | null> {
  const { rows } = await db.query<CourseRow>(`select ${COURSE_COLS} from training_courses c where c.id = $1`, [id]);
  return rows[0] ? toCourse(rows[0]) : null;
}

export async function insertCourse(db: Queryable, c: Omit<Course, 'id'>, createdBy: number | null): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into training_courses (title_kk, title_ru, title_en, provider, hours, format, starts_on, ends_on, required, created_by)
    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
    [c.title.kk, c.title.ru, c.title.en, c.provider, c.hours, c.format, c.startsOn, c.endsOn, c.required, createdBy],
  );
  return rows[0]!.id;
}

export interface EnrolmentRow {
  id: number;
  courseId: number;
  teacherId: number;
  organisationId: number;
  enrolledAt: string;
  completedAt: string | null;
  certificateCode: string | null;
  source: 'sabaq' | 'import';
  external: { provider: string; certificate: string } | null;
  withdrawnAt: string | null;
  hasContent: boolean;
  course: Course;
}

const ENROLMENT_SQL = `select e.id as enrolment_id, e.course_id, e.teacher_id, e.organisation_id, e.enrolled_at, e.completed_at, e.certificate_code, e.source, e.source_provider, e.source_certificate, e.withdrawn_at,
  exists (select 1 from training_course_versions v where v.course_id = e.course_id) as has_content, ${COURSE_COLS}
  from training_enrolments e join training_courses c on c.id = e.course_id`;

function toEnrolment(
  r: CourseRow & {
    enrolment_id: string | number;
    course_id: number;
    teacher_id: string | number;
    organisation_id: number;
    enrolled_at: Date;
    completed_at: Date | null;
    certificate_code: string | null;
    source: 'sabaq' | 'import';
    source_provider: string | null;
    source_certificate: string | null;
    withdrawn_at: Date | null;
    has_content: boolean;
  },
): EnrolmentRow {
  return {
    id: Number(r.enrolment_id),
    courseId: r.course_id,
    teacherId: Number(r.teacher_id),
    organisationId: r.organisation_id,
    enrolledAt: r.enrolled_at.toISOString(),
    completedAt: r.completed_at ? r.completed_at.toISOString() : null,
    certificateCode: r.certificate_code,
    source: r.source,
    external: r.source === 'import' ? { provider: r.source_provider ?? '', certificate: r.source_certificate ?? '' } : null,
    withdrawnAt: r.withdrawn_at ? r.withdrawn_at.toISOString() : null,
    hasContent: r.has_content,
    course: toCourse({ ...r, id: r.course_id }),
  };
}

export async function enrolmentsOf(db: Queryable, teacherId: number): Promise<EnrolmentRow[]> {
  const { rows } = await db.query(`${ENROLMENT_SQL} where e.teacher_id = $1 order by e.enrolled_at desc, e.id desc`, [teacherId]);
  return rows.map((r) => toEnrolment(r as never));
}

export async function findEnrolment(db: Queryable, id: number, forUpdate = false): Promise<EnrolmentRow | null> {
  const { rows } = await db.query(`${ENROLMENT_SQL} where e.id = $1 ${forUpdate ? 'for update of e' : ''}`, [id]);
  return rows[0] ? toEnrolment(rows[0] as never) : null;
}

/** Enrols the teachers not enrolled yet; answers how many were added. */
export async function insertEnrolments(db: Queryable, courseId: number, organisationId: number, teacherIds: number[], enrolledBy: number): Promise<number> {
  const r = await db.query(
    `insert into training_enrolments (course_id, teacher_id, organisation_id, enrolled_by)
    select $1, t, $2, $3 from unnest($4::bigint[]) as t order by t on conflict (course_id, teacher_id) do nothing`,
    [courseId, organisationId, enrolledBy, teacherIds],
  );
  return r.rowCount ?? 0;
}

export async function completeEnrolment(db: Queryable, id: number, code: string, at: Date): Promise<void> {
  await db.query('update training_enrolments set completed_at = $2, certificate_code = $3 where id = $1 and completed_at is null', [id, at, code]);
}

export async function teachersOf(db: Queryable, organisationId: number): Promise<{ personId: number; name: string }[]> {
  const { rows } = await db.query<{ id: string; name: string }>(
    `select distinct p.id, p.last_name || ' ' || p.first_name || coalesce(' ' || p.middle_name, '') as name
    from role_assignments r join persons p on p.id = r.person_id where r.role = 'teacher' and r.organisation_id = $1 order by name, p.id`,
    [organisationId],
  );
  return rows.map((r) => ({ personId: Number(r.id), name: r.name }));
}

export async function personName(db: Queryable, personId: number): Promise<string> {
  const { rows } = await db.query<{ name: string }>(
    `select last_name || ' ' || first_name || coalesce(' ' || middle_name, '') as name from persons where id = $1`,
    [personId],
  );
  return rows[0]?.name ?? '';
}

export async function organisationName(db: Queryable, id: number): Promise<{ kk: string; ru: string; en: string } | null> {
  const { rows } = await db.query<{ name_kk: string; name_ru: string; name_en: string }>('select name_kk, name_ru, name_en from organisations where id = $1', [
    id,
  ]);
  return rows[0] ? { kk: rows[0].name_kk, ru: rows[0].name_ru, en: rows[0].name_en } : null;
}

export async function orgEnrolments(
  db: Queryable,
  organisationId: number,
  courseId: number,
): Promise<Map<number, { id: number; enrolledAt: string; completedAt: string | null }>> {
  const { rows } = await db.query<{ id: string; teacher_id: string; enrolled_at: Date; completed_at: Date | null }>(
    `select e.id, e.teacher_id, e.enrolled_at, e.completed_at
    from training_enrolments e where e.course_id = $2 and e.teacher_id in (select person_id from role_assignments where role = 'teacher' and organisation_id = $1)`,
    [organisationId, courseId],
  );
  return new Map(
    rows.map((r) => [Number(r.teacher_id), { id: Number(r.id), enrolledAt: r.enrolled_at.toISOString(), completedAt: r.completed_at?.toISOString() ?? null }]),
  );
}

export type ChildKind = 'region' | 'district' | 'organisation';
export interface CoverageChild {
  id: number;
  name: { kk: string; ru: string; en: string };
  teachers: number;
  trained: number;
  handedIn: number;
  inTime: number;
}

const CHILD_SQL: Record<ChildKind, { table: string; key: string; filter: string }> = {
  region: { table: 'regions', key: 'o.region_id', filter: '$2::int is null' },
  district: { table: 'districts', key: 'o.district_id', filter: 'o.region_id = $2' },
  organisation: { table: 'organisations', key: 'o.id', filter: 'o.district_id = $2' },
};

/**
 * Coverage and time-to-mark per child of an area (every child listed, zeros included). Teachers are
 * teaching posts (role grants); trained: the teacher completed the course (or any required course
 * when courseId is null). `organisation` with an organisation id answers that one organisation.
 * Time to mark counts the homework due in the range (homework(class_id, due_at) is indexed; a range
 * of lesson dates walked every homework of the year: 9x the buffers on the region dataset).
 */
export async function coverageByChild(
  db: Queryable,
  a: { childKind: ChildKind; parentId: number | null; onlyOrganisation?: number; courseId: number | null; from: string; to: string; markDays: number },
): Promise<CoverageChild[]> {
  const c = CHILD_SQL[a.childKind];
  const filter = a.onlyOrganisation ? 'o.id = $2' : c.filter;
  const parent = a.onlyOrganisation ?? a.parentId;
  const xFilter = a.onlyOrganisation
    ? 'x.id = $2'
    : a.childKind === 'region'
      ? '$2::int is null'
      : a.childKind === 'district'
        ? 'x.region_id = $2'
        : 'x.district_id = $2';
  const { rows } = await db.query<{
    id: number;
    name_kk: string;
    name_ru: string;
    name_en: string;
    teachers: number;
    trained: number;
    handed_in: number;
    in_time: number;
  }>(
    `
    with done as (
      select distinct e.teacher_id from training_enrolments e join training_courses c on c.id = e.course_id
       where e.completed_at is not null and e.withdrawn_at is null and (case when $1::int is null then c.required else c.id = $1::int end)
    ), posts as (
      select ${c.key} as id, count(*)::int as teachers, count(*) filter (where d.teacher_id is not null)::int as trained
        from (select distinct r.person_id, r.organisation_id from role_assignments r where r.role = 'teacher' and r.organisation_id is not null) t
        join organisations o on o.id = t.organisation_id
        left join done d on d.teacher_id = t.person_id
       where ${filter} group by 1
    ), marking as (
      select ${c.key} as id, count(*)::int as handed_in,
             count(*) filter (where m.created_at <= s.first_submitted_at + make_interval(days => $5::int))::int as in_time
        from organisations o join classes cl on cl.organisation_id = o.id
        join homework h on h.class_id = cl.id and h.due_at >= $3::date and h.due_at < $4::date + 1
        join submissions s on s.homework_id = h.id
        left join marks m on m.homework_id = s.homework_id and m.pupil_id = s.pupil_id
       where ${filter} group by 1
    )
    select x.id, x.name_kk, x.name_ru, x.name_en, coalesce(p.teachers, 0) as teachers, coalesce(p.trained, 0) as trained,
           coalesce(k.handed_in, 0) as handed_in, coalesce(k.in_time, 0) as in_time
      from ${c.table} x left join posts p on p.id = x.id left join marking k on k.id = x.id
     where ${xFilter} order by x.name_en, x.id`,
    [a.courseId, parent, a.from, a.to, a.markDays],
  );
  return rows.map((r) => ({
    id: r.id,
    name: { kk: r.name_kk, ru: r.name_ru, en: r.name_en },
    teachers: r.teachers,
    trained: r.trained,
    handedIn: r.handed_in,
    inTime: r.in_time,
  }));
}

/** A completed enrolment by its certificate code: only what the public check shows. */
export async function certificateByCode(
  db: Queryable,
  code: string,
): Promise<{
  code: string;
  holder: string;
  course: { kk: string; ru: string; en: string };
  provider: string;
  hours: number;
  completedOn: string;
  withdrawnOn: string | null;
} | null> {
  const { rows } = await db.query<{
    certificate_code: string;
    holder: string;
    title_kk: string;
    title_ru: string;
    title_en: string;
    provider: string;
    hours: number;
    completed_on: string;
    withdrawn_on: string | null;
  }>(
    `
    select e.certificate_code, p.last_name || ' ' || p.first_name as holder, c.title_kk, c.title_ru, c.title_en, c.provider, c.hours,
           to_char(e.completed_at at time zone 'Asia/Almaty', 'YYYY-MM-DD') as completed_on,
           to_char(e.withdrawn_at at time zone 'Asia/Almaty', 'YYYY-MM-DD') as withdrawn_on
      from training_enrolments e join training_courses c on c.id = e.course_id join persons p on p.id = e.teacher_id
     where e.certificate_code = $1 and e.completed_at is not null`,
    [code],
  );
  const r = rows[0];
  return r
    ? {
        code: r.certificate_code,
        holder: r.holder,
        course: { kk: r.title_kk, ru: r.title_ru, en: r.title_en },
        provider: r.provider,
        hours: r.hours,
        completedOn: r.completed_on,
        withdrawnOn: r.withdrawn_on,
      }
    : null;
}

/** Teachers by IIN or login: the person and the first organisation where they teach (null: not a teacher). */
export async function findTeachers(
  db: Queryable,
  iins: string[],
  logins: string[],
): Promise<{
  byIin: Map<string, { personId: number; organisationId: number | null }>;
  byLogin: Map<string, { personId: number; organisationId: number | null }>;
}> {
  const { rows } = await db.query<{ iin: string; login: string | null; id: string; org: number | null }>(
    `
    select p.iin, a.login, p.id,
           (select min(r.organisation_id) from role_assignments r where r.person_id = p.id and r.role = 'teacher' and r.organisation_id is not null) as org
      from persons p left join accounts a on a.person_id = p.id
     where p.iin = any($1::text[]) or a.login = any($2::text[])`,
    [iins, logins],
  );
  const byIin = new Map<string, { personId: number; organisationId: number | null }>();
  const byLogin = new Map<string, { personId: number; organisationId: number | null }>();
  for (const r of rows) {
    const v = { personId: Number(r.id), organisationId: r.org };
    byIin.set(r.iin.trim(), v);
    if (r.login) byLogin.set(r.login, v);
  }
  return { byIin, byLogin };
}

/** Of these (course, teacher) pairs, the ones already completed. */
export async function completedPairs(db: Queryable, courseIds: number[], teacherIds: number[]): Promise<Set<string>> {
  const { rows } = await db.query<{ course_id: number; teacher_id: string }>(
    `select e.course_id, e.teacher_id from training_enrolments e
    join unnest($1::int[], $2::bigint[]) as x(c, t) on e.course_id = x.c and e.teacher_id = x.t where e.completed_at is not null`,
    [courseIds, teacherIds],
  );
  return new Set(rows.map((r) => `${r.course_id}:${r.teacher_id}`));
}

export interface ImportedCompletion {
  courseId: number;
  teacherId: number;
  organisationId: number;
  completedOn: string;
  provider: string;
  certificate: string;
}

/** Writes imported completions: a new enrolment, or the completion of an open one (never one already completed). */
export async function insertImportedCompletions(db: Queryable, rows: ImportedCompletion[], meta: { file: string; by: number; at: Date }): Promise<number> {
  const r = await db.query(
    `insert into training_enrolments (course_id, teacher_id, organisation_id, enrolled_by, enrolled_at, completed_at, source, source_provider, source_certificate, source_file, imported_by, imported_at)
    select x.c, x.t, x.o, $7, $8, (x.d::date + time '12:00') at time zone 'Asia/Almaty', 'import', x.p, x.n, $9, $7, $8
      from unnest($1::int[], $2::bigint[], $3::int[], $4::text[], $5::text[], $6::text[]) as x(c, t, o, d, p, n)
    on conflict (course_id, teacher_id) do update set completed_at = excluded.completed_at, source = 'import', source_provider = excluded.source_provider,
       source_certificate = excluded.source_certificate, source_file = excluded.source_file, imported_by = excluded.imported_by, imported_at = excluded.imported_at
     where training_enrolments.completed_at is null`,
    [
      rows.map((x) => x.courseId),
      rows.map((x) => x.teacherId),
      rows.map((x) => x.organisationId),
      rows.map((x) => x.completedOn),
      rows.map((x) => x.provider),
      rows.map((x) => x.certificate),
      meta.by,
      meta.at,
      meta.file,
    ],
  );
  return r.rowCount ?? 0;
}
