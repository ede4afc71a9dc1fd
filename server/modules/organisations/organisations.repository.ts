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
    'select id, district_id, region_id from organisations where id = $1', [id]);
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
  db: Queryable, f: OrgFilter, search: OrgSearch, page: { limit: number; offset: number },
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
