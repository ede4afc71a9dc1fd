import type { z } from 'zod';
import type { Queryable } from '../../platform/db.js';
import type { consentSchema, erasureRequest } from '../../../contracts/privacy.js';

const personRef = (alias: string) => `json_build_object('id', ${alias}.id, 'lastName', ${alias}.last_name, 'firstName', ${alias}.first_name)`;
const iso = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

export type ConsentRow = z.infer<typeof consentSchema> & { personId: number };

const CONSENT_SELECT = `select c.id, c.person_id as "personId", ${personRef('p')} as person, c.purpose, ${personRef('g')} as "givenBy",
  ${iso('c.given_at')} as "givenAt", ${iso('c.withdrawn_at')} as "withdrawnAt"
  from consents c join persons p on p.id = c.person_id join persons g on g.id = c.given_by`;

export async function consentsOf(db: Queryable, personIds: number[]): Promise<ConsentRow[]> {
  const { rows } = await db.query<ConsentRow>(`${CONSENT_SELECT} where c.person_id = any($1) order by c.given_at desc, c.id desc`, [personIds]);
  return rows;
}

export async function consentById(db: Queryable, id: number): Promise<ConsentRow | null> {
  const { rows } = await db.query<ConsentRow>(`${CONSENT_SELECT} where c.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function activeConsent(db: Queryable, personId: number, purpose: string): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>('select id from consents where person_id = $1 and purpose = $2 and withdrawn_at is null', [
    personId,
    purpose,
  ]);
  return rows[0]?.id ?? null;
}

/** Inserts a consent; null when an active one already exists (the unique index decides, race-free). */
export async function insertConsent(db: Queryable, c: { personId: number; purpose: string; givenBy: number; at: Date }): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `insert into consents (person_id, purpose, given_by, given_at) values ($1, $2, $3, $4)
     on conflict (person_id, purpose) where withdrawn_at is null do nothing returning id`,
    [c.personId, c.purpose, c.givenBy, c.at],
  );
  return rows[0]?.id ?? null;
}

export async function withdrawConsentRow(db: Queryable, id: number, by: number, at: Date): Promise<boolean> {
  const r = await db.query('update consents set withdrawn_at = $3, withdrawn_by = $2 where id = $1 and withdrawn_at is null', [id, by, at]);
  return (r.rowCount ?? 0) > 0;
}

export type ErasureRow = z.infer<typeof erasureRequest> & { personId: number };

const ERASURE_SELECT = `select e.id, e.person_id as "personId", ${personRef('p')} as person, ${personRef('r')} as "requestedBy",
  e.organisation_id as "organisationId", e.reason, e.status, ${iso('e.requested_at')} as "requestedAt", ${iso('e.decided_at')} as "decidedAt",
  e.decision_note as "decisionNote", e.outcome
  from erasure_requests e join persons p on p.id = e.person_id join persons r on r.id = e.requested_by`;

export async function erasureRequestsAbout(db: Queryable, personIds: number[]): Promise<ErasureRow[]> {
  const { rows } = await db.query<ErasureRow>(`${ERASURE_SELECT} where e.person_id = any($1) order by e.requested_at desc, e.id desc`, [personIds]);
  return rows;
}

export async function erasureRequestsOfOrganisation(db: Queryable, organisationId: number, status: string | undefined): Promise<ErasureRow[]> {
  const { rows } = await db.query<ErasureRow>(
    `${ERASURE_SELECT} where e.organisation_id = $1 and ($2::text is null or e.status = $2) order by e.status = 'pending' desc, e.requested_at desc, e.id desc limit 500`,
    [organisationId, status ?? null],
  );
  return rows;
}

export async function erasureRequestById(db: Queryable, id: number, forUpdate = false): Promise<ErasureRow | null> {
  const { rows } = await db.query<ErasureRow>(`${ERASURE_SELECT} where e.id = $1${forUpdate ? ' for update of e' : ''}`, [id]);
  return rows[0] ?? null;
}

/** The organisation holding a person's records: where they are a pupil (newest class first), else their first organisation role. */
export async function organisationOfRecords(db: Queryable, personId: number): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `select id from (
       select c.organisation_id as id, 0 as rank, y.starts_on from class_members m join classes c on c.id = m.class_id
         join academic_years y on y.id = c.academic_year_id where m.pupil_id = $1
       union all
       select organisation_id, 1, null from role_assignments where person_id = $1 and organisation_id is not null
     ) s order by rank, starts_on desc nulls last, id limit 1`,
    [personId],
  );
  return rows[0]?.id ?? null;
}

export async function insertErasureRequest(
  db: Queryable,
  r: { personId: number; requestedBy: number; organisationId: number | null; reason: string | null; at: Date },
): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `insert into erasure_requests (person_id, requested_by, organisation_id, reason, requested_at) values ($1, $2, $3, $4, $5)
     on conflict (person_id) where status = 'pending' do nothing returning id`,
    [r.personId, r.requestedBy, r.organisationId, r.reason, r.at],
  );
  return rows[0]?.id ?? null;
}

export async function decideErasureRequest(
  db: Queryable,
  d: { id: number; status: 'done' | 'refused'; by: number; at: Date; note: string; outcome: object[] | null },
): Promise<void> {
  await db.query(`update erasure_requests set status = $2, decided_by = $3, decided_at = $4, decision_note = $5, outcome = $6 where id = $1`, [
    d.id,
    d.status,
    d.by,
    d.at,
    d.note,
    d.outcome ? JSON.stringify(d.outcome) : null,
  ]);
}

/** The end of the last school year in which the person has class membership, marks or attendance. */
export async function lastRecordYearEnd(db: Queryable, personId: number): Promise<string | null> {
  const { rows } = await db.query<{ ends_on: string | null }>(
    `select to_char(max(y.ends_on), 'YYYY-MM-DD') as ends_on from academic_years y
      where y.id in (select c.academic_year_id from class_members m join classes c on c.id = m.class_id where m.pupil_id = $1
                     union select c.academic_year_id from classes c where c.homeroom_teacher_id = $1
                     union select c.academic_year_id from teaching_assignments t join classes c on c.id = t.class_id where t.teacher_id = $1)`,
    [personId],
  );
  return rows[0]?.ends_on ?? null;
}

export async function accountOf(db: Queryable, personId: number): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>('select id from accounts where person_id = $1', [personId]);
  return rows[0]?.id ?? null;
}

export async function classesOfPupil(db: Queryable, pupilId: number): Promise<number[]> {
  const { rows } = await db.query<{ class_id: number }>('select class_id from class_members where pupil_id = $1', [pupilId]);
  return rows.map((r) => r.class_id);
}
