import type { Queryable } from '../../platform/db.js';
import type { KnownPerson, NewClass, NewPerson, PersonRole } from './onboarding.rules.js';

/*
 * SQL of onboarding by file. The import writes tables owned by identity (persons, accounts,
 * role_assignments, parent_links) and organisations (classes, class_members): those modules have
 * no bulk use cases yet, so the bulk statements live here, one statement per table per import
 * (unnest of arrays), never one per row. They may move to their owners' repositories.
 */

/** Serialises imports into one organisation, so two uploads cannot both create the same class or person. */
export async function lockOrganisationImports(tx: Queryable, organisationId: number): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(hashtext('onboarding.import'), $1)`, [organisationId]);
}

export async function findCurrentYearId(db: Queryable): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>('select id from academic_years where is_current');
  return rows[0]?.id ?? null;
}

// ── context reads ─────────────────────────────────────────────────────────
export async function findClassNames(db: Queryable, organisationId: number, yearId: number): Promise<{ id: number; name: string; kind: 'class' | 'group' }[]> {
  const { rows } = await db.query<{ id: number; name: string; kind: 'class' | 'group' }>(
    'select id, name, kind from classes where organisation_id = $1 and academic_year_id = $2',
    [organisationId, yearId],
  );
  return rows;
}

/** IIN → person id of those among `iins` who teach in the organisation. */
export async function findTeachersByIin(db: Queryable, organisationId: number, iins: string[]): Promise<Map<string, number>> {
  if (iins.length === 0) return new Map();
  const { rows } = await db.query<{ id: number; iin: string }>(
    `select p.id, p.iin from persons p
      where p.iin = any($2::text[])
        and exists (select 1 from role_assignments r where r.person_id = p.id and r.role = 'teacher' and r.organisation_id = $1)`,
    [organisationId, iins],
  );
  return new Map(rows.map((r) => [r.iin, r.id]));
}

export async function findKnownPersons(db: Queryable, organisationId: number, yearId: number, iins: string[]): Promise<Map<string, KnownPerson>> {
  if (iins.length === 0) return new Map();
  const { rows } = await db.query<{
    id: number;
    iin: string;
    last_name: string;
    first_name: string;
    middle_name: string | null;
    has_account: boolean;
    org_roles: string[];
    class_ids: (string | number)[];
    roles_elsewhere: boolean;
    pupil_elsewhere: boolean;
  }>(
    `select p.id, p.iin, p.last_name, p.first_name, p.middle_name,
        exists (select 1 from accounts a where a.person_id = p.id) as has_account,
        exists (select 1 from role_assignments r where r.person_id = p.id and r.organisation_id is distinct from $1) as roles_elsewhere,
        (exists (select 1 from role_assignments r where r.person_id = p.id and r.role = 'pupil' and r.organisation_id <> $1)
         or exists (select 1 from class_members m join classes c on c.id = m.class_id
                     where m.pupil_id = p.id and c.organisation_id <> $1 and c.academic_year_id = $2)) as pupil_elsewhere,
        array(select r.role from role_assignments r where r.person_id = p.id and r.organisation_id = $1) as org_roles,
        array(select m.class_id from class_members m join classes c on c.id = m.class_id
               where m.pupil_id = p.id and c.organisation_id = $1 and c.academic_year_id = $2) as class_ids
       from persons p where p.iin = any($3::text[])`,
    [organisationId, yearId, iins],
  );
  return new Map(
    rows.map((r) => [
      r.iin,
      {
        id: r.id,
        lastName: r.last_name,
        firstName: r.first_name,
        middleName: r.middle_name,
        hasAccount: r.has_account,
        orgRoles: r.org_roles,
        rolesElsewhere: r.roles_elsewhere,
        pupilElsewhere: r.pupil_elsewhere,
        // pg parses a bigint[] as strings (only scalar int8 is parsed as a number)
        classIds: r.class_ids.map(Number),
      },
    ]),
  );
}

/** phone → IIN, and lower-case email → IIN, of registered people holding any of them. */
export async function findContactOwners(
  db: Queryable,
  phones: string[],
  emails: string[],
): Promise<{ phones: Map<string, string>; emails: Map<string, string> }> {
  const p =
    phones.length === 0
      ? { rows: [] }
      : await db.query<{ phone: string; iin: string }>('select phone, iin from persons where phone = any($1::text[])', [phones]);
  const e =
    emails.length === 0
      ? { rows: [] }
      : await db.query<{ email: string; iin: string }>('select lower(email) as email, iin from persons where lower(email) = any($1::text[])', [emails]);
  return { phones: new Map(p.rows.map((r) => [r.phone, r.iin])), emails: new Map(e.rows.map((r) => [r.email, r.iin])) };
}

export async function findLinkPersons(
  db: Queryable,
  organisationId: number,
  iins: string[],
): Promise<Map<string, { id: number; isPupilHere: boolean; isPupilElsewhere: boolean; isParentHere: boolean }>> {
  if (iins.length === 0) return new Map();
  const { rows } = await db.query<{ id: number; iin: string; is_pupil_here: boolean; is_pupil_elsewhere: boolean; is_parent_here: boolean }>(
    `select p.id, p.iin,
        exists (select 1 from role_assignments r where r.person_id = p.id and r.organisation_id = $1 and r.role = 'pupil') as is_pupil_here,
        (exists (select 1 from role_assignments r where r.person_id = p.id and r.role = 'pupil' and r.organisation_id <> $1)
         or exists (select 1 from class_members m join classes c on c.id = m.class_id join academic_years y on y.id = c.academic_year_id
                     where m.pupil_id = p.id and c.organisation_id <> $1 and y.is_current)) as is_pupil_elsewhere,
        exists (select 1 from role_assignments r where r.person_id = p.id and r.organisation_id = $1 and r.role = 'parent') as is_parent_here
       from persons p where p.iin = any($2::text[])`,
    [organisationId, iins],
  );
  return new Map(rows.map((r) => [r.iin, { id: r.id, isPupilHere: r.is_pupil_here, isPupilElsewhere: r.is_pupil_elsewhere, isParentHere: r.is_parent_here }]));
}

export async function findExistingLinks(db: Queryable, personIds: number[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const { rows } = await db.query<{ parent_id: number; child_id: number }>(
    'select parent_id, child_id from parent_links where parent_id = any($1::bigint[]) and child_id = any($1::bigint[])',
    [personIds],
  );
  return new Set(rows.map((r) => `${r.parent_id}:${r.child_id}`));
}

export async function findInstructionLanguage(db: Queryable, organisationId: number): Promise<string> {
  const { rows } = await db.query<{ instruction_language: string }>('select instruction_language from organisations where id = $1', [organisationId]);
  return rows[0]?.instruction_language ?? 'kk';
}

// ── bulk writes ───────────────────────────────────────────────────────────
export async function insertClasses(tx: Queryable, organisationId: number, yearId: number, classes: NewClass[]): Promise<number> {
  if (classes.length === 0) return 0;
  const { rowCount } = await tx.query(
    `insert into classes (organisation_id, academic_year_id, name, kind, grade, letter, shift, study_year, specialty, homeroom_teacher_id)
     select $1::int, $2::int, * from unnest($3::text[], $4::text[], $5::smallint[], $6::text[], $7::smallint[], $8::smallint[], $9::text[], $10::bigint[])`,
    [
      organisationId,
      yearId,
      classes.map((c) => c.name),
      classes.map((c) => c.kind),
      classes.map((c) => c.grade),
      classes.map((c) => c.letter),
      classes.map((c) => c.shift),
      classes.map((c) => c.studyYear),
      classes.map((c) => c.specialty),
      classes.map((c) => c.homeroomTeacherId),
    ],
  );
  return rowCount ?? 0;
}

/** Inserts new people; returns IIN → new person id. */
export async function insertPersons(tx: Queryable, persons: NewPerson[]): Promise<Map<string, number>> {
  if (persons.length === 0) return new Map();
  const { rows } = await tx.query<{ id: number; iin: string }>(
    `insert into persons (iin, last_name, first_name, middle_name, birth_date, sex, phone, email)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[], $7::text[], $8::text[])
     returning id, iin`,
    [
      persons.map((p) => p.iin),
      persons.map((p) => p.lastName),
      persons.map((p) => p.firstName),
      persons.map((p) => p.middleName),
      persons.map((p) => p.birthDate),
      persons.map((p) => p.sex),
      persons.map((p) => p.phone),
      persons.map((p) => p.email),
    ],
  );
  return new Map(rows.map((r) => [r.iin, r.id]));
}

export async function insertAccounts(tx: Queryable, accounts: { personId: number; passwordHash: string }[], language: string): Promise<number> {
  if (accounts.length === 0) return 0;
  const { rowCount } = await tx.query(
    `insert into accounts (person_id, password_hash, language)
     select person_id, password_hash, $3::text from unnest($1::bigint[], $2::text[]) as a(person_id, password_hash)`,
    [accounts.map((a) => a.personId), accounts.map((a) => a.passwordHash), language],
  );
  return rowCount ?? 0;
}

export async function insertRoles(tx: Queryable, organisationId: number, roles: { personId: number; role: PersonRole }[]): Promise<number> {
  if (roles.length === 0) return 0;
  const { rowCount } = await tx.query(
    `insert into role_assignments (person_id, role, organisation_id)
     select person_id, role, $3::int from unnest($1::bigint[], $2::text[]) as r(person_id, role)
     on conflict do nothing`,
    [roles.map((r) => r.personId), roles.map((r) => r.role), organisationId],
  );
  return rowCount ?? 0;
}

export async function insertClassMembers(tx: Queryable, members: { classId: number; pupilId: number }[]): Promise<number> {
  if (members.length === 0) return 0;
  const { rowCount } = await tx.query(
    `insert into class_members (class_id, pupil_id)
     select * from unnest($1::bigint[], $2::bigint[]) on conflict do nothing`,
    [members.map((m) => m.classId), members.map((m) => m.pupilId)],
  );
  return rowCount ?? 0;
}

export async function insertParentLinks(tx: Queryable, links: { parentId: number; childId: number; relation: string }[]): Promise<number> {
  if (links.length === 0) return 0;
  const { rowCount } = await tx.query(
    `insert into parent_links (parent_id, child_id, relation)
     select * from unnest($1::bigint[], $2::bigint[], $3::text[]) on conflict do nothing`,
    [links.map((l) => l.parentId), links.map((l) => l.childId), links.map((l) => l.relation)],
  );
  return rowCount ?? 0;
}

/** Activation: replaces the pending activation hash, only if it is still the one the code matched (single use). */
export async function replacePendingHash(tx: Queryable, accountId: number, pending: string, passwordHash: string): Promise<boolean> {
  const { rowCount } = await tx.query('update accounts set password_hash = $3 where id = $1 and password_hash = $2 and disabled_at is null', [
    accountId,
    pending,
    passwordHash,
  ]);
  return rowCount === 1;
}

/**
 * A person within an organisation's scope for account care: they hold a role there and none anywhere
 * else (someone who also belongs to another organisation, or is an officer, is not this admin's to reset).
 */
export async function findPersonForCodes(
  db: Queryable,
  organisationId: number,
  personId: number,
): Promise<{ id: number; iin: string; accountId: number | null } | null> {
  const { rows } = await db.query<{ id: number; iin: string; account_id: number | null }>(
    `select p.id, p.iin, a.id as account_id from persons p left join accounts a on a.person_id = p.id
      where p.id = $2
        and exists (select 1 from role_assignments r where r.person_id = p.id and r.organisation_id = $1)
        and not exists (select 1 from role_assignments r where r.person_id = p.id and r.organisation_id is distinct from $1)`,
    [organisationId, personId],
  );
  const r = rows[0];
  return r ? { id: r.id, iin: r.iin, accountId: r.account_id } : null;
}

export async function setActivationHash(tx: Queryable, accountId: number, hash: string): Promise<void> {
  await tx.query('update accounts set password_hash = $2 where id = $1', [accountId, hash]);
}
