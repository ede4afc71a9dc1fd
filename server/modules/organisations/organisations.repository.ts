import type { Queryable } from '../../platform/db.js';

type Name = { kk: string; ru: string; en: string };

export interface OrganisationRow {
  id: number;
  kind: string;
  name: Name;
  bin: string | null;
  instruction_language: string;
  pupil_count: number;
  time_zone: string;
  region: { id: number; name: Name };
  district: { id: number; name: Name };
  settlement: { id: number; name: Name; kind: string; internet: string; internetMbps: number | null; tvReception: boolean };
}

const ORG_SELECT = `
  select o.id, o.kind, json_build_object('kk', o.name_kk, 'ru', o.name_ru, 'en', o.name_en) as name, o.bin,
    o.instruction_language, o.pupil_count, o.time_zone,
    json_build_object('id', r.id, 'name', json_build_object('kk', r.name_kk, 'ru', r.name_ru, 'en', r.name_en)) as region,
    json_build_object('id', d.id, 'name', json_build_object('kk', d.name_kk, 'ru', d.name_ru, 'en', d.name_en)) as district,
    json_build_object('id', s.id, 'name', json_build_object('kk', s.name_kk, 'ru', s.name_ru, 'en', s.name_en),
      'kind', s.kind, 'internet', s.internet, 'internetMbps', s.internet_mbps, 'tvReception', s.tv_reception) as settlement
  from organisations o
  join regions r on r.id = o.region_id
  join districts d on d.id = o.district_id
  join settlements s on s.id = o.settlement_id`;

export async function findOrganisationNode(db: Queryable, id: number): Promise<{ id: number; districtId: number; regionId: number } | null> {
  const { rows } = await db.query<{ id: number; district_id: number; region_id: number }>(
    'select id, district_id, region_id from organisations where id = $1',
    [id],
  );
  const r = rows[0];
  return r ? { id: r.id, districtId: r.district_id, regionId: r.region_id } : null;
}

export async function findOrganisation(db: Queryable, id: number): Promise<OrganisationRow | null> {
  const { rows } = await db.query<OrganisationRow & Record<string, unknown>>(`${ORG_SELECT} where o.id = $1`, [id]);
  return rows[0] ?? null;
}

export interface OrgFilter {
  all: boolean;
  regionIds: number[];
  districtIds: number[];
  organisationIds: number[];
}

/** Narrowing the user asks for, applied inside the scope filter. */
export interface OrgSearch {
  q?: string;
  kind?: string;
  regionId?: number;
  districtId?: number;
}

export async function listOrganisations(
  db: Queryable,
  f: OrgFilter,
  search: OrgSearch,
  page: { limit: number; offset: number },
): Promise<{ rows: OrganisationRow[]; total: number }> {
  const like = search.q ? `%${search.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = `where ($1::boolean or o.region_id = any($2::int[]) or o.district_id = any($3::int[]) or o.id = any($4::int[]))
    and ($5::text is null or o.name_kk ilike $5 or o.name_ru ilike $5 or o.name_en ilike $5)
    and ($6::text is null or o.kind = $6) and ($7::int is null or o.region_id = $7) and ($8::int is null or o.district_id = $8)`;
  const params = [f.all, f.regionIds, f.districtIds, f.organisationIds, like, search.kind ?? null, search.regionId ?? null, search.districtId ?? null];
  const [list, count] = await Promise.all([
    db.query<OrganisationRow & Record<string, unknown>>(`${ORG_SELECT} ${where} order by o.id limit $9 offset $10`, [...params, page.limit, page.offset]),
    db.query<{ total: number }>(`select count(*) as total from organisations o ${where}`, params),
  ]);
  return { rows: list.rows, total: count.rows[0]!.total };
}

export interface ClassRow {
  id: number;
  organisation_id: number;
  academic_year: { id: number; name: string };
  kind: string;
  grade: number | null;
  letter: string | null;
  name: string;
  study_year: number | null;
  specialty: string | null;
  shift: number;
  homeroom_teacher: { id: number; lastName: string; firstName: string; middleName: string | null } | null;
  pupil_count: number;
}

const CLASS_SELECT = `
  select c.id, c.organisation_id, json_build_object('id', y.id, 'name', y.name) as academic_year, c.kind, c.grade, c.letter,
    c.name, c.study_year, c.specialty, c.shift,
    case when h.id is not null then json_build_object('id', h.id, 'lastName', h.last_name, 'firstName', h.first_name, 'middleName', h.middle_name) end as homeroom_teacher,
    (select count(*) from class_members m where m.class_id = c.id) as pupil_count
  from classes c
  join academic_years y on y.id = c.academic_year_id
  left join persons h on h.id = c.homeroom_teacher_id`;

export async function listClasses(db: Queryable, organisationId: number, onlyIds: number[] | null): Promise<ClassRow[]> {
  const { rows } = await db.query<ClassRow & Record<string, unknown>>(
    `${CLASS_SELECT} where c.organisation_id = $1 and ($2::bigint[] is null or c.id = any($2::bigint[]))
      order by y.starts_on desc, c.grade nulls last, c.name`,
    [organisationId, onlyIds],
  );
  return rows;
}

export async function findClass(db: Queryable, id: number): Promise<(ClassRow & { district_id: number; region_id: number }) | null> {
  const { rows } = await db.query<ClassRow & { district_id: number; region_id: number } & Record<string, unknown>>(
    `select x.*, o.district_id, o.region_id from (${CLASS_SELECT} where c.id = $1) x join organisations o on o.id = x.organisation_id`,
    [id],
  );
  return rows[0] ?? null;
}

export async function findClassPupils(db: Queryable, classId: number) {
  const { rows } = await db.query<{ id: number; last_name: string; first_name: string; middle_name: string | null }>(
    `select p.id, p.last_name, p.first_name, p.middle_name from class_members m join persons p on p.id = m.pupil_id
      where m.class_id = $1 order by p.last_name, p.first_name, p.id`,
    [classId],
  );
  return rows.map((p) => ({ id: p.id, lastName: p.last_name, firstName: p.first_name, middleName: p.middle_name }));
}

export interface MyClassRow extends ClassRow {
  relations: ('pupil' | 'child' | 'teacher' | 'homeroom')[];
  subjects: { id: number; name: { kk: string; ru: string; en: string } }[];
}

/** Every class the person is tied to, with how, in one query. */
export async function findMyClasses(db: Queryable, personId: number): Promise<MyClassRow[]> {
  const { rows } = await db.query<MyClassRow & Record<string, unknown>>(
    `with ties as (
       select class_id, 'pupil' as relation from class_members where pupil_id = $1
       union all select m.class_id, 'child' from parent_links l join class_members m on m.pupil_id = l.child_id where l.parent_id = $1
       union all select class_id, 'teacher' from teaching_assignments where teacher_id = $1
       union all select id, 'homeroom' from classes where homeroom_teacher_id = $1
     ), mine as (select class_id, array_agg(distinct relation order by relation) as relations from ties group by class_id)
     select x.*, mine.relations,
       coalesce((select json_agg(json_build_object('id', s.id, 'name', json_build_object('kk', s.name_kk, 'ru', s.name_ru, 'en', s.name_en)) order by s.id)
          from teaching_assignments t join subjects s on s.id = t.subject_id where t.class_id = x.id and t.teacher_id = $1), '[]') as subjects
     from mine join lateral (${CLASS_SELECT} where c.id = mine.class_id) x on true
     join academic_years y2 on y2.id = (x.academic_year->>'id')::int
     order by y2.starts_on desc, x.grade nulls last, x.name`,
    [personId],
  );
  return rows;
}

// ── classes and people, written by the organisation's admin ────────────────

export async function currentAcademicYearId(db: Queryable): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>('select id from academic_years order by is_current desc, starts_on desc limit 1');
  return rows[0]?.id ?? null;
}

export async function listAcademicYears(db: Queryable) {
  const { rows } = await db.query<{ id: number; name: string; is_current: boolean }>('select id, name, is_current from academic_years order by starts_on desc');
  return rows.map((y) => ({ id: y.id, name: y.name, isCurrent: y.is_current }));
}

export async function academicYearExists(db: Queryable, id: number): Promise<boolean> {
  const { rows } = await db.query('select 1 from academic_years where id = $1', [id]);
  return rows.length > 0;
}

/** The class of that name in the organisation's year, if any (names compare without case). */
export async function findClassByName(db: Queryable, organisationId: number, academicYearId: number, name: string, exceptId: number | null = null) {
  const { rows } = await db.query<{ id: number }>(
    `select id from classes where organisation_id = $1 and academic_year_id = $2 and lower(name) = lower($3) and ($4::bigint is null or id <> $4)`,
    [organisationId, academicYearId, name, exceptId],
  );
  return rows[0]?.id ?? null;
}

/** Does the person hold this role at the organisation? */
export async function holdsRole(db: Queryable, organisationId: number, personId: number, roles: string[]): Promise<boolean> {
  const { rows } = await db.query('select 1 from role_assignments where organisation_id = $1 and person_id = $2 and role = any($3::text[]) limit 1', [
    organisationId,
    personId,
    roles,
  ]);
  return rows.length > 0;
}

export interface ClassWrite {
  kind: string;
  name: string;
  grade: number | null;
  letter: string | null;
  studyYear: number | null;
  specialty: string | null;
  shift: number;
  homeroomTeacherId: number | null;
}

export async function insertClass(db: Queryable, organisationId: number, academicYearId: number, c: ClassWrite): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into classes (organisation_id, academic_year_id, kind, grade, letter, name, study_year, specialty, shift, homeroom_teacher_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
    [organisationId, academicYearId, c.kind, c.grade, c.letter, c.name, c.studyYear, c.specialty, c.shift, c.homeroomTeacherId],
  );
  return rows[0]!.id;
}

const CLASS_COLUMNS: Record<keyof ClassWrite, string> = {
  kind: 'kind',
  name: 'name',
  grade: 'grade',
  letter: 'letter',
  studyYear: 'study_year',
  specialty: 'specialty',
  shift: 'shift',
  homeroomTeacherId: 'homeroom_teacher_id',
};

export async function updateClass(db: Queryable, id: number, patch: Partial<ClassWrite>): Promise<void> {
  const sets: string[] = [];
  const values: unknown[] = [id];
  for (const [key, column] of Object.entries(CLASS_COLUMNS)) {
    const v = patch[key as keyof ClassWrite];
    if (v === undefined) continue;
    values.push(v);
    sets.push(`${column} = $${values.length}`);
  }
  if (sets.length > 0) await db.query(`update classes set ${sets.join(', ')} where id = $1`, values);
}

/** The classes of the same academic year and organisation the pupil is a member of. */
export async function pupilClassesInYear(db: Queryable, organisationId: number, academicYearId: number, pupilId: number) {
  const { rows } = await db.query<{ id: number; name: string }>(
    `select c.id, c.name from class_members m join classes c on c.id = m.class_id
      where m.pupil_id = $1 and c.organisation_id = $2 and c.academic_year_id = $3 order by c.name`,
    [pupilId, organisationId, academicYearId],
  );
  return rows;
}

/** Joined today, kept inside the class's academic year (a class of a past or coming year). */
export async function addMember(db: Queryable, classId: number, pupilId: number): Promise<void> {
  await db.query(
    `insert into class_members (class_id, pupil_id, joined_on)
     select c.id, $2, least(greatest(current_date, y.starts_on), y.ends_on) from classes c join academic_years y on y.id = c.academic_year_id where c.id = $1`,
    [classId, pupilId],
  );
}

export async function removeMember(db: Queryable, classId: number, pupilId: number): Promise<boolean> {
  const { rowCount } = await db.query('delete from class_members where class_id = $1 and pupil_id = $2', [classId, pupilId]);
  return (rowCount ?? 0) > 0;
}

export interface PeopleSearch {
  role?: string;
  q?: string;
  classless?: boolean;
  classId?: number;
  academicYearId: number;
}

/** The people who hold a role at the organisation, with their roles, this year's classes and account state. */
export async function listPeople(db: Queryable, organisationId: number, s: PeopleSearch, page: { limit: number; offset: number }) {
  const like = s.q ? `%${s.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const prefix = s.q && /^\d{1,12}$/.test(s.q) ? s.q : null;
  const params = [organisationId, s.role ?? null, like, prefix, s.classless ?? false, s.classId ?? null, s.academicYearId];
  const where = `from persons p
    where p.id in (select person_id from role_assignments where organisation_id = $1 and ($2::text is null or role = $2))
      and ($3::text is null or concat_ws(' ', p.last_name, p.first_name, p.middle_name) ilike $3 or concat_ws(' ', p.first_name, p.last_name) ilike $3
           or ($4::text is not null and p.iin like $4 || '%'))
      and (not $5::boolean or not exists (select 1 from class_members m join classes c on c.id = m.class_id
             where m.pupil_id = p.id and c.organisation_id = $1 and c.academic_year_id = $7))
      and ($6::bigint is null or exists (select 1 from class_members m where m.pupil_id = p.id and m.class_id = $6))`;
  const [list, count] = await Promise.all([
    db.query<{
      id: number;
      last_name: string;
      first_name: string;
      middle_name: string | null;
      roles: string[];
      classes: { id: number; name: string }[];
      account: 'active' | 'pending' | 'none';
    }>(
      `select p.id, p.last_name, p.first_name, p.middle_name,
         (select array_agg(distinct role order by role) from role_assignments r where r.person_id = p.id and r.organisation_id = $1) as roles,
         coalesce((select json_agg(json_build_object('id', c.id, 'name', c.name) order by c.name) from class_members m join classes c on c.id = m.class_id
            where m.pupil_id = p.id and c.organisation_id = $1 and c.academic_year_id = $7), '[]') as classes,
         (select case when a.password_hash like 'activation$%' then 'pending' else 'active' end from accounts a where a.person_id = p.id) as account
       ${where} order by p.last_name, p.first_name, p.id limit $8 offset $9`,
      [...params, page.limit, page.offset],
    ),
    db.query<{ total: number }>(`select count(*)::int as total ${where}`, params),
  ]);
  return {
    rows: list.rows.map((p) => ({
      id: p.id,
      lastName: p.last_name,
      firstName: p.first_name,
      middleName: p.middle_name,
      roles: p.roles as never,
      classes: p.classes,
      account: p.account ?? 'none',
    })),
    total: count.rows[0]!.total,
  };
}

/** A class's pupils with what a printed class list shows. */
export async function findClassRoster(db: Queryable, classId: number) {
  const { rows } = await db.query<{ id: number; last_name: string; first_name: string; middle_name: string | null; birth_date: string; sex: string }>(
    `select p.id, p.last_name, p.first_name, p.middle_name, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date, p.sex
       from class_members m join persons p on p.id = m.pupil_id where m.class_id = $1 order by p.last_name, p.first_name, p.id`,
    [classId],
  );
  return rows;
}
