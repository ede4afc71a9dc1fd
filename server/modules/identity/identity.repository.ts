import { preparedQuery, type Queryable } from '../../platform/db.js';
import type { Language } from './identity.actor.js';

export type LoginKind = 'iin' | 'phone' | 'email' | 'login';

export interface AccountForLogin {
  account_id: number;
  person_id: number;
  password_hash: string;
  disabled_at: Date | null;
}

const LOOKUP: Record<LoginKind, string> = {
  iin: 'p.iin = $1',
  phone: 'p.phone = $1',
  email: 'lower(p.email) = $1',
  login: 'a.login = $1',
};

export async function findAccountByLogin(db: Queryable, kind: LoginKind, value: string): Promise<AccountForLogin | null> {
  const { rows } = await db.query<AccountForLogin & Record<string, unknown>>(
    `select a.id as account_id, a.person_id, a.password_hash, a.disabled_at
       from accounts a join persons p on p.id = a.person_id where ${LOOKUP[kind]} limit 1`,
    [value],
  );
  return rows[0] ?? null;
}

export async function insertSession(
  db: Queryable,
  s: { tokenHash: Buffer; accountId: number; absoluteHours: number; ip: string | null; userAgent: string | null },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into sessions (token_hash, account_id, expires_at, ip, user_agent)
     values ($1, $2, now() + make_interval(hours => $3), $4, $5) returning id`,
    [s.tokenHash, s.accountId, s.absoluteHours, s.ip, s.userAgent?.slice(0, 300) ?? null],
  );
  return rows[0]!.id;
}

export async function revokeSession(db: Queryable, sessionId: number): Promise<void> {
  await db.query('update sessions set revoked_at = now() where id = $1 and revoked_at is null', [sessionId]);
}

export async function touchSession(db: Queryable, sessionId: number): Promise<void> {
  await preparedQuery(db, 'identity.touch_session', `update sessions set last_seen_at = now() where id = $1 and last_seen_at < now() - interval '1 minute'`, [
    sessionId,
  ]);
}

export async function audit(
  db: Queryable,
  e: { accountId: number | null; action: string; ip: string | null; details?: Record<string, unknown> },
): Promise<void> {
  await db.query('insert into audit_events (account_id, action, ip, details) values ($1, $2, $3, $4)', [
    e.accountId,
    e.action,
    e.ip,
    JSON.stringify(e.details ?? {}),
  ]);
}

/** Many audit events of one actor in one statement (e.g. every person an import created or linked, by id). */
export async function auditMany(
  db: Queryable,
  e: { accountId: number | null; ip: string | null; events: { action: string; details: Record<string, unknown> }[] },
): Promise<void> {
  if (e.events.length === 0) return;
  await db.query(
    `insert into audit_events (account_id, action, ip, details)
     select $1, a, $2, d::jsonb from unnest($3::text[], $4::text[]) as t(a, d)`,
    [e.accountId, e.ip, e.events.map((x) => x.action), e.events.map((x) => JSON.stringify(x.details))],
  );
}

/** Seconds until the longest lock among `keys` ends, or 0 when none is locked. */
export async function lockedForSeconds(db: Queryable, keys: string[]): Promise<number> {
  const { rows } = await db.query<{ seconds: number | null }>(
    `select ceil(extract(epoch from max(locked_until) - now()))::int as seconds
       from login_throttle where key = any($1) and locked_until > now()`,
    [keys],
  );
  return rows[0]?.seconds ?? 0;
}

/** Counts a failure for each key; a key that reaches its maximum within the window is locked. */
export async function recordFailure(db: Queryable, failures: { key: string; max: number }[], lockMinutes: number): Promise<void> {
  for (const f of failures) {
    await db.query(
      `insert into login_throttle as t (key, failures, window_started, locked_until)
         values ($1, 1, now(), case when 1 >= $2 then now() + make_interval(mins => $3) end)
       on conflict (key) do update set
         failures = case when t.window_started < now() - make_interval(mins => $3) then 1 else t.failures + 1 end,
         window_started = case when t.window_started < now() - make_interval(mins => $3) then now() else t.window_started end,
         locked_until = case
           when (case when t.window_started < now() - make_interval(mins => $3) then 1 else t.failures + 1 end) >= $2
           then now() + make_interval(mins => $3) else t.locked_until end`,
      [f.key, f.max, lockMinutes],
    );
  }
}

/**
 * Reserves one attempt on each key before the password is checked, atomically (the row lock of the
 * upsert serialises parallel attempts): returns each key's attempts in the window, this one included,
 * and the seconds until the window ends. 40 parallel attempts get the counts 1..40, never 40 times 1.
 */
export async function reserveAttempts(db: Queryable, keys: string[], windowMinutes: number): Promise<Map<string, { attempts: number; waitSeconds: number }>> {
  const sortedKeys = [...new Set(keys)].sort(); // one lock order for every caller: no deadlocks
  const { rows } = await db.query<{ key: string; failures: number; wait: number }>(
    `insert into login_throttle as t (key, failures, window_started)
     select k, 1, now() from unnest($1::text[]) as k order by k
     on conflict (key) do update set
       failures = case when t.window_started < now() - make_interval(mins => $2) then 1 else t.failures + 1 end,
       window_started = case when t.window_started < now() - make_interval(mins => $2) then now() else t.window_started end
     returning key, failures, greatest(1, ceil(extract(epoch from window_started + make_interval(mins => $2) - now())))::int as wait`,
    [sortedKeys, windowMinutes],
  );
  return new Map(rows.map((r) => [r.key, { attempts: r.failures, waitSeconds: r.wait }]));
}

/** A successful attempt gives its reservation back (so a school's shared address is not used up by sign-ins that worked). */
export async function releaseAttempts(db: Queryable, keys: string[]): Promise<void> {
  await db.query('update login_throttle set failures = greatest(failures - 1, 0) where key = any($1::text[])', [keys]);
}

/**
 * The account-wide slowdown: takes the account's one verification slot of the interval, or returns
 * false when another attempt took it less than `seconds` ago.
 */
export async function takeVerifySlot(db: Queryable, key: string, seconds: number): Promise<boolean> {
  const { rowCount } = await db.query(
    `update login_throttle set next_verify_at = now() + make_interval(secs => $2)
      where key = $1 and (next_verify_at is null or next_verify_at <= now())`,
    [key, seconds],
  );
  return rowCount === 1;
}

/** Has this browser (device cookie) signed in to this account before? */
export async function isKnownDevice(db: Queryable, tokenHash: Buffer, accountId: number): Promise<boolean> {
  const { rowCount } = await db.query('update login_devices set last_used_at = now() where token_hash = $1 and account_id = $2', [tokenHash, accountId]);
  return rowCount === 1;
}

export async function rememberDevice(db: Queryable, tokenHash: Buffer, accountId: number): Promise<void> {
  await db.query(
    `insert into login_devices (token_hash, account_id) values ($1, $2)
     on conflict (token_hash, account_id) do update set last_used_at = now()`,
    [tokenHash, accountId],
  );
}

export async function forgetDevices(db: Queryable, accountId: number): Promise<void> {
  await db.query('delete from login_devices where account_id = $1', [accountId]);
}

/** Revokes every live session of the account except `keepSessionId` (null: all). Returns how many. */
export async function revokeSessionsOf(db: Queryable, accountId: number, keepSessionId: number | null): Promise<number> {
  const { rowCount } = await db.query(
    `update sessions set revoked_at = now()
      where account_id = $1 and revoked_at is null and ($2::bigint is null or id <> $2)`,
    [accountId, keepSessionId],
  );
  return rowCount ?? 0;
}

export async function findPasswordHash(db: Queryable, accountId: number): Promise<string | null> {
  const { rows } = await db.query<{ password_hash: string }>('select password_hash from accounts where id = $1 and disabled_at is null', [accountId]);
  return rows[0]?.password_hash ?? null;
}

export async function setPasswordHash(db: Queryable, accountId: number, passwordHash: string): Promise<void> {
  await db.query('update accounts set password_hash = $2 where id = $1', [accountId, passwordHash]);
}

export async function clearFailures(db: Queryable, key: string): Promise<void> {
  await db.query('delete from login_throttle where key = $1', [key]);
}

export interface MeRow {
  person_id: number;
  iin: string;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  birth_date: string;
  phone: string | null;
  email: string | null;
  language: Language;
}

export async function findMe(db: Queryable, accountId: number): Promise<MeRow | null> {
  const { rows } = await preparedQuery<MeRow & Record<string, unknown>>(
    db,
    'identity.me',
    `select p.id as person_id, p.iin, p.last_name, p.first_name, p.middle_name, p.birth_date, p.phone, p.email, a.language
       from accounts a join persons p on p.id = a.person_id where a.id = $1`,
    [accountId],
  );
  return rows[0] ?? null;
}

export interface ScopeNameRow {
  role: string;
  organisation_id: number | null;
  district_id: number | null;
  region_id: number | null;
  organisation_name: { kk: string; ru: string; en: string } | null;
  district_name: { kk: string; ru: string; en: string } | null;
  region_name: { kk: string; ru: string; en: string } | null;
}

export async function findGrantNames(db: Queryable, personId: number): Promise<ScopeNameRow[]> {
  const { rows } = await preparedQuery<ScopeNameRow & Record<string, unknown>>(
    db,
    'identity.grant_names',
    `select r.role, r.organisation_id, r.district_id, r.region_id,
        case when o.id is not null then json_build_object('kk', o.name_kk, 'ru', o.name_ru, 'en', o.name_en) end as organisation_name,
        case when d.id is not null then json_build_object('kk', d.name_kk, 'ru', d.name_ru, 'en', d.name_en) end as district_name,
        case when g.id is not null then json_build_object('kk', g.name_kk, 'ru', g.name_ru, 'en', g.name_en) end as region_name
       from role_assignments r
       left join organisations o on o.id = r.organisation_id
       left join districts d on d.id = r.district_id
       left join regions g on g.id = r.region_id
      where r.person_id = $1
     union all
     select 'homeroom', o.id, null, null, json_build_object('kk', o.name_kk, 'ru', o.name_ru, 'en', o.name_en), null, null
       from organisations o
      where o.id in (select c.organisation_id from classes c where c.homeroom_teacher_id = $1)`,
    [personId],
  );
  return rows;
}

export async function setLanguage(db: Queryable, accountId: number, language: Language): Promise<void> {
  await db.query('update accounts set language = $2 where id = $1', [accountId, language]);
}

export interface ChildRow {
  id: number;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  birth_date: string;
  classes: { id: number; name: string; organisationId: number; organisationName: { kk: string; ru: string; en: string } }[];
}

export async function findChildren(db: Queryable, parentId: number): Promise<ChildRow[]> {
  const { rows } = await db.query<ChildRow & Record<string, unknown>>(
    `select p.id, p.last_name, p.first_name, p.middle_name, p.birth_date,
        coalesce((select json_agg(json_build_object('id', c.id, 'name', c.name, 'organisationId', o.id,
                   'organisationName', json_build_object('kk', o.name_kk, 'ru', o.name_ru, 'en', o.name_en)) order by c.id)
           from class_members m join classes c on c.id = m.class_id join organisations o on o.id = c.organisation_id
          where m.pupil_id = p.id), '[]') as classes
       from parent_links l join persons p on p.id = l.child_id
      where l.parent_id = $1 order by p.birth_date, p.id`,
    [parentId],
  );
  return rows;
}
