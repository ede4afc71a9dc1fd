import type { Queryable } from '../../platform/db.js';
import { subjectJson } from './learning.sql.js';

const COURSE_SELECT = `
  select co.id, co.organisation_id as "organisationId", co.code, co.title, co.credits, ${subjectJson('s')} as subject,
    coalesce((select json_agg(distinct jsonb_build_object('id', c.id, 'name', c.name)) from teaching_assignments ta join classes c on c.id = ta.class_id
       where ta.course_id = co.id), '[]') as groups,
    coalesce((select json_agg(distinct jsonb_build_object('id', p.id, 'lastName', p.last_name, 'firstName', p.first_name, 'middleName', p.middle_name))
       from teaching_assignments ta join persons p on p.id = ta.teacher_id where ta.course_id = co.id), '[]') as teachers
  from courses co join subjects s on s.id = co.subject_id`;

export interface CourseRow {
  id: number;
  organisationId: number;
  code: string;
  title: string | null;
  credits: number | null;
  subject: unknown;
  groups: { id: number; name: string }[];
  teachers: unknown[];
}

export async function listCourses(db: Queryable, organisationId: number): Promise<CourseRow[]> {
  const { rows } = await db.query<CourseRow & Record<string, unknown>>(`${COURSE_SELECT} where co.organisation_id = $1 order by co.code`, [organisationId]);
  return rows.map(sortParts);
}

export async function findCourse(db: Queryable, id: number): Promise<CourseRow | null> {
  const { rows } = await db.query<CourseRow & Record<string, unknown>>(`${COURSE_SELECT} where co.id = $1`, [id]);
  return rows[0] ? sortParts(rows[0]) : null;
}

export async function updateCourse(db: Queryable, id: number, patch: { title?: string | null; credits?: number | null }): Promise<void> {
  await db.query(`update courses set title = case when $2 then $3 else title end, credits = case when $4 then $5::smallint else credits end where id = $1`, [
    id,
    patch.title !== undefined,
    patch.title ?? null,
    patch.credits !== undefined,
    patch.credits ?? null,
  ]);
}

function sortParts(c: CourseRow): CourseRow {
  c.groups.sort((a, b) => a.name.localeCompare(b.name));
  return c;
}
