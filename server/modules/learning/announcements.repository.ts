import type { Queryable } from '../../platform/db.js';
import { personJson } from './learning.sql.js';

const SELECT = `
  select a.id, json_build_object('id', c.id, 'name', c.name) as class, a.title, a.body, iso_utc(a.created_at) as "createdAt",
    ${personJson('p')} as author
  from announcements a join classes c on c.id = a.class_id join persons p on p.id = a.author_id`;

export async function listAnnouncements(db: Queryable, classId: number): Promise<Record<string, unknown>[]> {
  const { rows } = await db.query(`${SELECT} where a.class_id = $1 order by a.created_at desc, a.id desc limit 50`, [classId]);
  return rows;
}

export async function insertAnnouncement(
  db: Queryable,
  a: { organisationId: number; classId: number; authorId: number; title: string; body: string },
): Promise<Record<string, unknown>> {
  const { rows } = await db.query(
    `with a as (insert into announcements (organisation_id, class_id, author_id, title, body) values ($1, $2, $3, $4, $5) returning *)
     ${SELECT.replace('from announcements a', 'from a')}`,
    [a.organisationId, a.classId, a.authorId, a.title, a.body],
  );
  return rows[0]!;
}
