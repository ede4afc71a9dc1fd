import type { Queryable } from '../../platform/db.js';
import { CITY_SCHOOL, OTHER_REGION_SCHOOL, RURAL_SCHOOL, UNIVERSITY } from '../../seed/demo-facts.js';

/** Ids of the demo dataset's fixed content, for the learning tests (read from the database, never guessed). */
export interface DemoIds {
  cityId: number;
  ruralId: number;
  universityId: number;
  otherRegionSchoolId: number;
  pupil: number;
  sibling: number;
  parent: number;
  teacher: number;
  homeroom: number;
  admin: number;
  /** 5 А: demo.pupil's class, demo.homeroom's class, demo.teacher teaches maths there */
  class5a: number;
  /** 6 Б: demo.teacher teaches maths there too */
  class6b: number;
  /** 2 Ә: the sibling's class */
  class2: number;
  /** 10 А: a small class (10 pupils) of the city school, not the demo accounts' */
  class10a: number;
  ruralClass: number;
  math: number;
  kazakh: number;
  english: number;
}

export async function demoIds(db: Queryable): Promise<DemoIds> {
  const person = async (login: string) => (await db.query<{ id: number }>('select person_id as id from accounts where login = $1', [login])).rows[0]!.id;
  const org = async (nameEn: string) => (await db.query<{ id: number }>('select id from organisations where name_en = $1', [nameEn])).rows[0]!.id;
  const cls = async (orgId: number, name: string) =>
    (await db.query<{ id: number }>('select id from classes where organisation_id = $1 and name = $2', [orgId, name])).rows[0]!.id;
  const subject = async (code: string) => (await db.query<{ id: number }>('select id from subjects where code = $1', [code])).rows[0]!.id;
  const cityId = await org(CITY_SCHOOL.names.en);
  const ruralId = await org(RURAL_SCHOOL.names.en);
  const pupil = await person('demo.pupil');
  const parent = await person('demo.parent');
  const sibling = (await db.query<{ id: number }>('select child_id as id from parent_links where parent_id = $1 and child_id <> $2', [parent, pupil])).rows[0]!
    .id;
  return {
    cityId,
    ruralId,
    universityId: await org(UNIVERSITY.names.en),
    otherRegionSchoolId: await org(OTHER_REGION_SCHOOL.names.en),
    pupil,
    sibling,
    parent,
    teacher: await person('demo.teacher'),
    homeroom: await person('demo.homeroom'),
    admin: await person('demo.admin'),
    class5a: await cls(cityId, CITY_SCHOOL.pupilClass),
    class6b: await cls(cityId, '6 Б'),
    class2: await cls(cityId, CITY_SCHOOL.siblingClass),
    class10a: await cls(cityId, '10 А'),
    ruralClass: await cls(ruralId, '5 А'),
    math: await subject('math'),
    kazakh: await subject('kazakh-language'),
    english: await subject('english'),
  };
}

/** A lesson of a class and subject on a date (the first by time), or of the class on the date. */
export async function lessonOf(db: Queryable, classId: number, date: string, subjectId?: number): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `select id from lessons where class_id = $1 and on_date = $2 and ($3::int is null or subject_id = $3) order by starts_at limit 1`,
    [classId, date, subjectId ?? null],
  );
  if (!rows[0]) throw new Error(`no lesson of class ${classId} on ${date}`);
  return rows[0].id;
}

/** A lesson of the class and subject in the demo term at or before / after a date. */
export async function lessonNear(
  db: Queryable,
  classId: number,
  subjectId: number,
  date: string,
  direction: 'before' | 'after',
): Promise<{ id: number; date: string }> {
  const { rows } = await db.query<{ id: number; date: string }>(
    `select id, on_date as date from lessons where class_id = $1 and subject_id = $2 and on_date ${direction === 'before' ? '<=' : '>'} $3 and not cancelled
     order by on_date ${direction === 'before' ? 'desc' : 'asc'}, starts_at limit 1`,
    [classId, subjectId, date],
  );
  if (!rows[0]) throw new Error(`no lesson of ${classId}/${subjectId} ${direction} ${date}`);
  return rows[0];
}
