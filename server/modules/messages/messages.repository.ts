import type { Queryable } from '../../platform/db.js';

const name = (a: string) => `trim(${a}.last_name || ' ' || ${a}.first_name)`;

/** The child's class(es) organisation, if the child is in one. */
export async function pupilOrganisation(db: Queryable, pupilId: number): Promise<number | null> {
  const { rows } = await db.query<{ organisation_id: number }>(
    'select c.organisation_id from class_members m join classes c on c.id = m.class_id where m.pupil_id = $1 order by c.id limit 1',
    [pupilId],
  );
  return rows[0]?.organisation_id ?? null;
}

/** Whom one may write to about a child: for a parent, the child's teachers and homeroom teachers; for a teacher, the child's parents. */
export async function contacts(
  db: Queryable,
  pupilId: number,
  side: 'family' | 'staff',
): Promise<{ id: number; name: string; role: 'teacher' | 'homeroom' | 'parent' }[]> {
  const sql =
    side === 'family'
      ? `select distinct on (p.id) p.id, ${name('p')} as name, x.role from (
         select c.homeroom_teacher_id as id, 'homeroom' as role, 0 as o from class_members m join classes c on c.id = m.class_id
          where m.pupil_id = $1 and c.homeroom_teacher_id is not null
         union all select t.teacher_id, 'teacher', 1 from class_members m join teaching_assignments t on t.class_id = m.class_id where m.pupil_id = $1
       ) x join persons p on p.id = x.id
       where exists (select 1 from accounts a where a.person_id = p.id and a.disabled_at is null)
       order by p.id, x.o`
      : `select p.id, ${name('p')} as name, 'parent' as role from parent_links l join persons p on p.id = l.parent_id
        where l.child_id = $1 and exists (select 1 from accounts a where a.person_id = p.id and a.disabled_at is null) order by p.id`;
  const { rows } = await db.query<{ id: number; name: string; role: 'teacher' | 'homeroom' | 'parent' }>(sql, [pupilId]);
  return rows;
}

/** Is the pupil in one of these classes? */
export async function pupilInClasses(db: Queryable, pupilId: number, classIds: number[]): Promise<boolean> {
  if (classIds.length === 0) return false;
  const { rows } = await db.query('select 1 from class_members where pupil_id = $1 and class_id = any($2::bigint[]) limit 1', [pupilId, classIds]);
  return rows.length > 0;
}

export async function insertThread(
  db: Queryable,
  t: { organisationId: number; pupilId: number; subject: string; createdBy: number; participants: number[]; now: Date },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into message_threads (organisation_id, pupil_id, subject, created_by, created_at, last_message_at) values ($1, $2, $3, $4, $5, $5) returning id`,
    [t.organisationId, t.pupilId, t.subject, t.createdBy, t.now],
  );
  const id = rows[0]!.id;
  await db.query(`insert into message_participants (thread_id, person_id) select $1, unnest($2::bigint[])`, [id, t.participants]);
  return id;
}

export async function insertMessage(db: Queryable, threadId: number, authorId: number, body: string, now: Date): Promise<number> {
  const { rows } = await db.query<{ id: number }>('insert into messages (thread_id, author_id, body, created_at) values ($1, $2, $3, $4) returning id', [
    threadId,
    authorId,
    body,
    now,
  ]);
  await db.query('update message_threads set last_message_at = $2 where id = $1', [threadId, now]);
  // the author has read their own message
  await db.query('update message_participants set last_read_at = $3 where thread_id = $1 and person_id = $2', [threadId, authorId, now]);
  return rows[0]!.id;
}

/** The thread's participants, or null when the person is not one of them. */
export async function participantsIfMember(db: Queryable, threadId: number, personId: number): Promise<{ subject: string; people: number[] } | null> {
  const { rows } = await db.query<{ subject: string; people: number[] }>(
    `select t.subject, array_agg(p.person_id order by p.person_id) as people from message_threads t join message_participants p on p.thread_id = t.id
      where t.id = $1 group by t.id having bool_or(p.person_id = $2)`,
    [threadId, personId],
  );
  return rows[0] ? { subject: rows[0].subject, people: rows[0].people.map(Number) } : null;
}

const SUMMARY = `
  select t.id, t.subject, json_build_object('id', pu.id, 'name', ${name('pu')}) as pupil,
    (select json_agg(json_build_object('id', q.id, 'name', ${name('q')}) order by q.id) from message_participants mp join persons q on q.id = mp.person_id
      where mp.thread_id = t.id) as participants,
    to_char(t.last_message_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "lastMessageAt",
    (select count(*)::int from messages m where m.thread_id = t.id and m.author_id <> $1 and (me.last_read_at is null or m.created_at > me.last_read_at)) as unread
  from message_threads t join message_participants me on me.thread_id = t.id and me.person_id = $1 join persons pu on pu.id = t.pupil_id`;

export async function listThreads(db: Queryable, personId: number) {
  const { rows } = await db.query<{ unread: number } & Record<string, unknown>>(`${SUMMARY} order by t.last_message_at desc, t.id desc limit 100`, [personId]);
  return rows;
}

/** One thread with its messages (the person must be a participant), and it becomes read. */
export async function readThread(db: Queryable, threadId: number, personId: number, now: Date) {
  const { rows } = await db.query<Record<string, unknown>>(`${SUMMARY} where t.id = $2`, [personId, threadId]);
  if (!rows[0]) return null;
  const { rows: messages } = await db.query<Record<string, unknown>>(
    `select m.id, json_build_object('id', a.id, 'name', ${name('a')}) as author, m.body,
       to_char(m.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt", m.author_id = $2 as mine
     from messages m join persons a on a.id = m.author_id where m.thread_id = $1 order by m.id`,
    [threadId, personId],
  );
  await db.query('update message_participants set last_read_at = $3 where thread_id = $1 and person_id = $2', [threadId, personId, now]);
  return { ...rows[0], unread: 0, messages };
}

export async function insertAnnouncement(db: Queryable, a: { organisationId: number; authorId: number; title: string; body: string; now: Date }) {
  const { rows } = await db.query<{ id: number }>(
    'insert into school_announcements (organisation_id, author_id, title, body, created_at) values ($1, $2, $3, $4, $5) returning id',
    [a.organisationId, a.authorId, a.title, a.body, a.now],
  );
  return rows[0]!.id;
}

/** Everyone with a role in the organisation and an active account (pupils, parents, staff). */
export async function organisationPeople(db: Queryable, organisationId: number): Promise<number[]> {
  const { rows } = await db.query<{ person_id: number }>(
    `select distinct r.person_id from role_assignments r join accounts a on a.person_id = r.person_id and a.disabled_at is null
      where r.organisation_id = $1`,
    [organisationId],
  );
  return rows.map((r) => r.person_id);
}

export async function listAnnouncements(db: Queryable, organisationIds: number[]) {
  const { rows } = await db.query<Record<string, unknown>>(
    `select s.id, s.organisation_id as "organisationId", s.title, s.body, json_build_object('id', p.id, 'name', ${name('p')}) as author,
       to_char(s.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt"
     from school_announcements s join persons p on p.id = s.author_id where s.organisation_id = any($1::int[]) order by s.id desc limit 50`,
    [organisationIds],
  );
  return rows;
}

export async function organisationExists(db: Queryable, id: number): Promise<boolean> {
  return (await db.query('select 1 from organisations where id = $1', [id])).rows.length > 0;
}
