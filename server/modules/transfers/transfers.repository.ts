import type { Queryable } from '../../platform/db.js';

/*
 * SQL of transfers. A move writes class_members and role_assignments (owned by organisations and
 * identity): like the onboarding import, those statements live here until their owners have use cases.
 * Marks, attendance and submissions are never touched: they stay with the school that wrote them.
 */

export interface TransferRow {
  id: number;
  status: 'pending' | 'approved' | 'rejected' | 'cancelled';
  pupil_id: number;
  iin: string;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  from_organisation_id: number;
  from_district_id: number;
  from_name: { kk: string; ru: string; en: string };
  from_class_id: number;
  from_class_name: string;
  to_organisation_id: number;
  to_name: { kk: string; ru: string; en: string };
  to_class_id: number;
  to_class_name: string;
  requested_by: number;
  requested_at: Date;
  answer_due_at: Date;
  overdue: boolean;
  decided_at: Date | null;
  decided_as: 'school' | 'district' | null;
  reason: string | null;
}

const SELECT = `
  select t.id, t.status, t.pupil_id, p.iin, p.last_name, p.first_name, p.middle_name,
     t.from_organisation_id, fo.district_id as from_district_id,
     json_build_object('kk', fo.name_kk, 'ru', fo.name_ru, 'en', fo.name_en) as from_name,
     t.from_class_id, fc.name as from_class_name,
     t.to_organisation_id, json_build_object('kk', tor.name_kk, 'ru', tor.name_ru, 'en', tor.name_en) as to_name,
     t.to_class_id, tc.name as to_class_name,
     t.requested_by, t.requested_at, t.answer_due_at, (t.status = 'pending' and t.answer_due_at <= $1::timestamptz) as overdue,
     t.decided_at, t.decided_as, t.reason
    from pupil_transfers t
    join persons p on p.id = t.pupil_id
    join organisations fo on fo.id = t.from_organisation_id
    join classes fc on fc.id = t.from_class_id
    join organisations tor on tor.id = t.to_organisation_id
    join classes tc on tc.id = t.to_class_id`;

/** A class of the organisation in the current academic year. */
export async function findCurrentClass(db: Queryable, organisationId: number, classId: number): Promise<{ id: number; name: string } | null> {
  const { rows } = await db.query<{ id: number; name: string }>(
    `select c.id, c.name from classes c join academic_years y on y.id = c.academic_year_id and y.is_current
      where c.id = $2 and c.organisation_id = $1`,
    [organisationId, classId],
  );
  return rows[0] ?? null;
}

/** Where the pupil with this IIN studies this year: their school class (kind 'class'), and whether they are here already. */
export async function findPupilByIin(
  db: Queryable,
  iin: string,
  organisationId: number,
): Promise<{ pupilId: number; here: boolean; elsewhere: { organisationId: number; classId: number } | null } | null> {
  const { rows } = await db.query<{ pupil_id: number; organisation_id: number; class_id: number }>(
    `select p.id as pupil_id, c.organisation_id, c.id as class_id
       from persons p join class_members m on m.pupil_id = p.id
       join classes c on c.id = m.class_id and c.kind = 'class'
       join academic_years y on y.id = c.academic_year_id and y.is_current
      where p.iin = $1 order by (c.organisation_id = $2), c.id`,
    [iin, organisationId],
  );
  if (rows.length === 0) return null;
  const other = rows.find((r) => r.organisation_id !== organisationId);
  return {
    pupilId: rows[0]!.pupil_id,
    here: rows.some((r) => r.organisation_id === organisationId),
    elsewhere: other ? { organisationId: other.organisation_id, classId: other.class_id } : null,
  };
}

export async function insertTransfer(
  tx: Queryable,
  t: {
    pupilId: number;
    fromOrganisationId: number;
    fromClassId: number;
    toOrganisationId: number;
    toClassId: number;
    requestedBy: number;
    requestedAt: Date;
    answerDueAt: Date;
  },
): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `insert into pupil_transfers (pupil_id, from_organisation_id, from_class_id, to_organisation_id, to_class_id, requested_by, requested_at, answer_due_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [t.pupilId, t.fromOrganisationId, t.fromClassId, t.toOrganisationId, t.toClassId, t.requestedBy, t.requestedAt, t.answerDueAt],
  );
  return rows[0]!.id;
}

export async function findTransfer(db: Queryable, id: number, now: Date, forUpdate = false): Promise<TransferRow | null> {
  const { rows } = await db.query<TransferRow & Record<string, unknown>>(`${SELECT} where t.id = $2${forUpdate ? ' for update of t' : ''}`, [now, id]);
  return rows[0] ?? null;
}

export async function listForOrganisation(
  db: Queryable,
  organisationId: number,
  direction: 'in' | 'out',
  pendingOnly: boolean,
  now: Date,
): Promise<TransferRow[]> {
  const { rows } = await db.query<TransferRow & Record<string, unknown>>(
    `${SELECT} where ${direction === 'in' ? 't.to_organisation_id' : 't.from_organisation_id'} = $2
       and (not $3::boolean or t.status = 'pending')
     order by t.status = 'pending' desc, t.requested_at desc limit 500`,
    [now, organisationId, pendingOnly],
  );
  return rows;
}

/** Pending requests whose answer is overdue, from schools of these districts. */
export async function listOverdue(db: Queryable, districtIds: number[], now: Date): Promise<TransferRow[]> {
  if (districtIds.length === 0) return [];
  const { rows } = await db.query<TransferRow & Record<string, unknown>>(
    `${SELECT} where t.status = 'pending' and t.answer_due_at <= $1::timestamptz and fo.district_id = any($2::int[])
     order by t.answer_due_at limit 500`,
    [now, districtIds],
  );
  return rows;
}

export async function isInClass(db: Queryable, pupilId: number, classId: number): Promise<boolean> {
  const { rowCount } = await db.query('select 1 from class_members where pupil_id = $1 and class_id = $2', [pupilId, classId]);
  return rowCount === 1;
}

/**
 * The move itself: the pupil leaves every class and group of the old organisation this year and its
 * pupil role, joins the new class and gets the pupil role there. Parents get the parent role at the
 * new organisation, and lose it at the old one unless another child of theirs still studies there.
 */
export async function movePupil(tx: Queryable, m: { pupilId: number; fromOrganisationId: number; toOrganisationId: number; toClassId: number }): Promise<void> {
  await tx.query(
    `delete from class_members m using classes c, academic_years y
      where m.class_id = c.id and c.academic_year_id = y.id and y.is_current and m.pupil_id = $1 and c.organisation_id = $2`,
    [m.pupilId, m.fromOrganisationId],
  );
  await tx.query(`delete from role_assignments where person_id = $1 and role = 'pupil' and organisation_id = $2`, [m.pupilId, m.fromOrganisationId]);
  await tx.query(`insert into role_assignments (person_id, role, organisation_id) values ($1, 'pupil', $2) on conflict do nothing`, [
    m.pupilId,
    m.toOrganisationId,
  ]);
  await tx.query('insert into class_members (class_id, pupil_id) values ($1, $2) on conflict do nothing', [m.toClassId, m.pupilId]);
  await tx.query(
    `insert into role_assignments (person_id, role, organisation_id)
     select l.parent_id, 'parent', $2 from parent_links l where l.child_id = $1 on conflict do nothing`,
    [m.pupilId, m.toOrganisationId],
  );
  await tx.query(
    `delete from role_assignments r using parent_links l
      where l.child_id = $1 and r.person_id = l.parent_id and r.role = 'parent' and r.organisation_id = $2
        and not exists (select 1 from parent_links o join role_assignments pr on pr.person_id = o.child_id and pr.role = 'pupil' and pr.organisation_id = $2
                         where o.parent_id = l.parent_id and o.child_id <> $1)`,
    [m.pupilId, m.fromOrganisationId],
  );
}

export async function setDecision(
  tx: Queryable,
  d: {
    id: number;
    status: 'approved' | 'rejected';
    decidedBy: number;
    decidedAs: 'school' | 'district';
    at: Date;
    reason: string | null;
  },
): Promise<void> {
  await tx.query(`update pupil_transfers set status = $2, decided_by = $3, decided_as = $4, decided_at = $5, reason = $6 where id = $1`, [
    d.id,
    d.status,
    d.decidedBy,
    d.decidedAs,
    d.at,
    d.reason,
  ]);
}

export async function parentsOf(db: Queryable, pupilId: number): Promise<number[]> {
  const { rows } = await db.query<{ parent_id: number }>('select parent_id from parent_links where child_id = $1', [pupilId]);
  return rows.map((r) => Number(r.parent_id));
}

export async function adminsOf(db: Queryable, organisationId: number): Promise<number[]> {
  const { rows } = await db.query<{ person_id: number }>(`select person_id from role_assignments where role = 'org_admin' and organisation_id = $1`, [
    organisationId,
  ]);
  return rows.map((r) => Number(r.person_id));
}

export async function personOfAccount(db: Queryable, accountId: number): Promise<number | null> {
  const { rows } = await db.query<{ person_id: number }>('select person_id from accounts where id = $1', [accountId]);
  return rows[0] ? Number(rows[0].person_id) : null;
}
