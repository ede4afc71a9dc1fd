import { preparedQuery, type Queryable } from '../../platform/db.js';

export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const ROLES = [
  'pupil',
  'parent',
  'teacher',
  'homeroom',
  'org_admin',
  'district_officer',
  'region_officer',
  'ministry_officer',
  'gate_guard',
  'health_officer',
] as const;
export type Role = (typeof ROLES)[number];

/** One role with the node of the organisation tree it applies to. */
export interface Grant {
  role: Role;
  organisationId: number | null;
  districtId: number | null;
  regionId: number | null;
}

/**
 * The signed-in person and everything their scopes are made of, loaded fresh on every request
 * (so an unassigned teacher loses access on the very next request).
 */
export interface Actor {
  accountId: number;
  personId: number;
  sessionId: number;
  language: Language;
  grants: Grant[];
  /** parent: the children linked to them */
  childIds: number[];
  /** parent: the classes their children are in */
  childClassIds: number[];
  /** teacher: the class × subject pairs they teach */
  taught: { classId: number; subjectId: number }[];
  /** homeroom teacher: their classes */
  homeroomClassIds: number[];
  /** pupil: the classes they are in */
  pupilClassIds: number[];
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.grants.some((g) => g.role === role);
}

export function rolesOf(actor: Actor): Role[] {
  return [...new Set(actor.grants.map((g) => g.role))];
}

/** The organisation ids where the actor holds `role`. */
export function organisationsWhere(actor: Actor, role: Role): number[] {
  return actor.grants.filter((g) => g.role === role && g.organisationId !== null).map((g) => g.organisationId!);
}

/** Is a node (organisation in a district in a region) inside one of the actor's officer scopes? */
export function officerCovers(actor: Actor, node: { regionId: number; districtId: number }): boolean {
  return actor.grants.some(
    (g) =>
      g.role === 'ministry_officer' ||
      (g.role === 'region_officer' && g.regionId === node.regionId) ||
      (g.role === 'district_officer' && g.districtId === node.districtId),
  );
}

interface ActorRow {
  session_id: number;
  account_id: number;
  person_id: number;
  language: Language;
  last_seen_at: Date;
  expires_at: Date;
  grants: [string, number | null, number | null, number | null][];
  child_ids: number[];
  child_class_ids: number[];
  taught: [number, number][];
  homeroom_class_ids: number[];
  pupil_class_ids: number[];
}

/** The scopes of the account's person, as the columns of one row (`a` is the account). */
const SCOPE_COLUMNS = `(select coalesce(json_agg(json_build_array(r.role, r.organisation_id, r.district_id, r.region_id)), '[]')
          from role_assignments r where r.person_id = a.person_id) as grants,
       (select coalesce(json_agg(l.child_id), '[]') from parent_links l where l.parent_id = a.person_id) as child_ids,
       (select coalesce(json_agg(distinct m.class_id), '[]') from parent_links l
          join class_members m on m.pupil_id = l.child_id where l.parent_id = a.person_id) as child_class_ids,
       (select coalesce(json_agg(json_build_array(t.class_id, t.subject_id)), '[]')
          from teaching_assignments t where t.teacher_id = a.person_id) as taught,
       (select coalesce(json_agg(json_build_array(c.id, c.organisation_id)), '[]')
          from classes c where c.homeroom_teacher_id = a.person_id) as homeroom_class_ids,
       (select coalesce(json_agg(m.class_id), '[]') from class_members m where m.pupil_id = a.person_id) as pupil_class_ids`;

/** One query: a live session's account with all its scopes, or null. */
export async function loadActorBySessionHash(
  db: Queryable,
  tokenHash: Buffer,
  idleMinutes: number,
): Promise<(Actor & { lastSeenAt: Date; expiresAt: Date }) | null> {
  // runs on every request: prepared once per connection
  const { rows } = await preparedQuery<ActorRow & Record<string, unknown>>(
    db,
    'identity.actor',
    `select s.id as session_id, s.account_id, a.person_id, a.language, s.last_seen_at, s.expires_at, ${SCOPE_COLUMNS}
     from sessions s join accounts a on a.id = s.account_id
     where s.token_hash = $1 and s.revoked_at is null and s.expires_at > now()
       and s.last_seen_at > now() - make_interval(mins => $2) and a.disabled_at is null`,
    [tokenHash, idleMinutes],
  );
  const row = rows[0];
  return row ? { ...actorOf(row), lastSeenAt: row.last_seen_at, expiresAt: row.expires_at } : null;
}

/**
 * The person's scopes as an actor with no session (`sessionId` 0), for work done on their behalf
 * in the background (a scheduled report is built with exactly what its subscriber may see today);
 * null when the person has no enabled account.
 */
export async function loadActorForPerson(db: Queryable, personId: number): Promise<Actor | null> {
  const { rows } = await db.query<ActorRow & Record<string, unknown>>(
    `select 0 as session_id, a.id as account_id, a.person_id, a.language, ${SCOPE_COLUMNS}
       from accounts a where a.person_id = $1 and a.disabled_at is null order by a.id limit 1`,
    [personId],
  );
  return rows[0] ? actorOf(rows[0]) : null;
}

function actorOf(row: Omit<ActorRow, 'last_seen_at' | 'expires_at'>): Actor {
  const grants: Grant[] = row.grants.map(([role, organisationId, districtId, regionId]) => ({
    role: role as Role,
    organisationId,
    districtId,
    regionId,
  }));
  const homeroom = row.homeroom_class_ids as unknown as [number, number][];
  for (const [, organisationId] of homeroom) {
    if (!grants.some((g) => g.role === 'homeroom' && g.organisationId === organisationId)) {
      grants.push({ role: 'homeroom', organisationId, districtId: null, regionId: null });
    }
  }
  return {
    sessionId: row.session_id,
    accountId: row.account_id,
    personId: row.person_id,
    language: row.language,
    grants,
    childIds: row.child_ids,
    childClassIds: row.child_class_ids,
    taught: row.taught.map(([classId, subjectId]) => ({ classId, subjectId })),
    homeroomClassIds: homeroom.map(([id]) => id),
    pupilClassIds: row.pupil_class_ids,
  };
}
