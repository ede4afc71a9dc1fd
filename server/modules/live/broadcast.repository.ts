import type { Queryable } from '../../platform/db.js';

export interface BroadcastRow {
  id: number;
  scope: 'school' | 'district';
  organisationId: number | null;
  districtId: number;
  regionId: number;
  topic: string;
  startsAt: Date;
  endsAt: Date;
  createdBy: number;
  janusRoom: number | null;
  secret: string | null;
  pin: string | null;
  presenterToken: string | null;
  state: 'scheduled' | 'open' | 'starting' | 'live' | 'ended' | 'failed';
  problem: string | null;
  endedAt: Date | null;
  keptVideoId: number | null;
}

const columns = `b.id, b.scope, b.organisation_id as "organisationId", b.district_id as "districtId", d.region_id as "regionId", b.topic,
  b.starts_at as "startsAt", b.ends_at as "endsAt", b.created_by as "createdBy", b.janus_room as "janusRoom", b.secret, b.pin,
  b.presenter_token as "presenterToken", b.state, b.problem, b.ended_at as "endedAt", b.kept_video_id as "keptVideoId"`;
const from = 'live_broadcasts b join districts d on d.id = b.district_id';

/** The node a broadcast is for: a school (with its district and region) or a district (with its region). */
export async function target(
  db: Queryable,
  scope: 'school' | 'district',
  id: number,
): Promise<{ organisationId: number | null; districtId: number; regionId: number } | null> {
  const { rows } = await db.query<{ organisationId: number | null; districtId: number; regionId: number }>(
    scope === 'school'
      ? `select id as "organisationId", district_id as "districtId", region_id as "regionId" from organisations where id = $1`
      : `select null::int as "organisationId", id as "districtId", region_id as "regionId" from districts where id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function insertBroadcast(
  db: Queryable,
  b: {
    scope: 'school' | 'district';
    organisationId: number | null;
    districtId: number;
    topic: string;
    startsAt: Date;
    endsAt: Date;
    createdBy: number;
    now: Date;
  },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into live_broadcasts (scope, organisation_id, district_id, topic, starts_at, ends_at, created_by, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [b.scope, b.organisationId, b.districtId, b.topic, b.startsAt, b.endsAt, b.createdBy, b.now],
  );
  return rows[0]!.id;
}

/** The parents of this year's pupils of the school, or of every school of the district: the audience to tell. */
export async function audienceParents(
  db: Queryable,
  t: { scope: 'school' | 'district'; organisationId: number | null; districtId: number },
): Promise<number[]> {
  const { rows } = await db.query<{ parent_id: string }>(
    `select distinct l.parent_id from parent_links l
       join class_members m on m.pupil_id = l.child_id
       join classes c on c.id = m.class_id
       join academic_years y on y.id = c.academic_year_id and y.is_current
       join organisations o on o.id = c.organisation_id
      where ($1 = 'school' and o.id = $2::int) or ($1 = 'district' and o.district_id = $3::int)`,
    [t.scope, t.organisationId, t.districtId],
  );
  return rows.map((r) => Number(r.parent_id));
}

export async function findBroadcast(db: Queryable, id: number, lock = false): Promise<BroadcastRow | null> {
  const { rows } = await db.query<BroadcastRow & Record<string, unknown>>(`select ${columns} from ${from} where b.id = $1 ${lock ? 'for update of b' : ''}`, [
    id,
  ]);
  return rows[0] ?? null;
}

/** Is one of these classes (a parent's children's) in the broadcast's school, or in a school of its district? */
export async function classesInAudience(
  db: Queryable,
  classIds: number[],
  b: { scope: 'school' | 'district'; organisationId: number | null; districtId: number },
): Promise<boolean> {
  if (!classIds.length) return false;
  const { rows } = await db.query<{ yes: boolean }>(
    `select exists (select 1 from classes c join organisations o on o.id = c.organisation_id
       where c.id = any($1::bigint[]) and (case when $2 = 'school' then o.id = $3 else o.district_id = $4 end)) as yes`,
    [classIds, b.scope, b.organisationId, b.districtId],
  );
  return rows[0]?.yes ?? false;
}

/** Broadcasts I organise (made, my schools as admin, my districts as officer) or whose audience I am in, from yesterday on. */
export async function broadcastsFor(
  db: Queryable,
  s: { personId: number; adminOrganisationIds: number[]; officerDistrictIds: number[]; childClassIds: number[] },
  now: Date,
): Promise<BroadcastRow[]> {
  const { rows } = await db.query<BroadcastRow & Record<string, unknown>>(
    `select ${columns} from ${from}
      where b.ends_at > $1::timestamptz - interval '1 day' and (
        b.created_by = $2
        or (b.scope = 'school' and b.organisation_id = any($3::int[]))
        or (b.scope = 'district' and b.district_id = any($4::int[]))
        or exists (select 1 from classes c join organisations o on o.id = c.organisation_id
                    where c.id = any($5::bigint[]) and (o.id = b.organisation_id or (b.scope = 'district' and o.district_id = b.district_id))))
      order by b.starts_at limit 200`,
    [now, s.personId, s.adminOrganisationIds, s.officerDistrictIds, s.childClassIds],
  );
  return rows;
}

export async function setRoom(
  db: Queryable,
  id: number,
  r: { janusRoom: number; secret: string; pin: string; presenterToken: string; now: Date },
): Promise<void> {
  await db.query(
    `update live_broadcasts set janus_room = $2, secret = $3, pin = $4, presenter_token = $5, state = 'open', problem = null, opened_at = $6 where id = $1`,
    [id, r.janusRoom, r.secret, r.pin, r.presenterToken, r.now],
  );
}

export async function setState(
  db: Queryable,
  id: number,
  state: BroadcastRow['state'],
  problem: string | null = null,
  onlyFrom?: BroadcastRow['state'][],
): Promise<void> {
  await db.query(`update live_broadcasts set state = $2, problem = $3 where id = $1 ${onlyFrom ? 'and state = any($4::text[])' : ''}`, [
    id,
    state,
    problem,
    ...(onlyFrom ? [onlyFrom] : []),
  ]);
}

export async function endBroadcast(db: Queryable, id: number, now: Date): Promise<void> {
  await db.query(`update live_broadcasts set state = 'ended', ended_at = $2, presenter_token = null, secret = null where id = $1`, [id, now]);
}

/** Broadcasts still open on Janus after their end (the sweep closes them). */
export async function overdueBroadcasts(db: Queryable, now: Date): Promise<BroadcastRow[]> {
  const { rows } = await db.query<BroadcastRow & Record<string, unknown>>(
    `select ${columns} from ${from} where b.state in ('open', 'starting', 'live') and b.ends_at + interval '15 minutes' < $1`,
    [now],
  );
  return rows;
}

// ── questions ────────────────────────────────────────────────────────────────

export interface QuestionRow {
  id: number;
  personId: number;
  body: string;
  state: 'new' | 'shown' | 'answered' | 'hidden';
  createdAt: Date;
}

export async function insertQuestion(db: Queryable, q: { broadcastId: number; personId: number; body: string; now: Date }): Promise<QuestionRow> {
  const { rows } = await db.query<QuestionRow & Record<string, unknown>>(
    `insert into live_broadcast_questions (broadcast_id, person_id, body, created_at) values ($1, $2, $3, $4)
     returning id, person_id as "personId", body, state, created_at as "createdAt"`,
    [q.broadcastId, q.personId, q.body, q.now],
  );
  return rows[0]!;
}

/** Hosts: every question; the audience: their own and those the presenter showed or answered. */
export async function questionsOf(db: Queryable, broadcastId: number, viewer: { host: boolean; personId: number }): Promise<QuestionRow[]> {
  const { rows } = await db.query<QuestionRow & Record<string, unknown>>(
    `select id, person_id as "personId", body, state, created_at as "createdAt" from live_broadcast_questions
      where broadcast_id = $1 and ($2 or person_id = $3 or state in ('shown', 'answered'))
      order by id limit 500`,
    [broadcastId, viewer.host, viewer.personId],
  );
  return rows;
}

export async function moderateQuestion(
  db: Queryable,
  broadcastId: number,
  questionId: number,
  state: 'shown' | 'answered' | 'hidden',
  now: Date,
): Promise<QuestionRow | null> {
  const { rows } = await db.query<QuestionRow & Record<string, unknown>>(
    `update live_broadcast_questions set state = $3, moderated_at = $4 where id = $2 and broadcast_id = $1
     returning id, person_id as "personId", body, state, created_at as "createdAt"`,
    [broadcastId, questionId, state, now],
  );
  return rows[0] ?? null;
}

// ── viewers (attendance) ─────────────────────────────────────────────────────

export async function seeViewer(db: Queryable, broadcastId: number, personId: number, now: Date): Promise<void> {
  await db.query(
    `insert into live_broadcast_viewers (broadcast_id, person_id, first_seen_at, last_seen_at) values ($1, $2, $3, $3)
     on conflict (broadcast_id, person_id) do update set last_seen_at = greatest(live_broadcast_viewers.last_seen_at, excluded.last_seen_at)`,
    [broadcastId, personId, now],
  );
}

export async function viewerCounts(db: Queryable, broadcastId: number, now: Date): Promise<{ now: number; total: number }> {
  const { rows } = await db.query<{ now: number; total: number }>(
    `select count(*) filter (where last_seen_at > $2::timestamptz - interval '1 minute')::int as now, count(*)::int as total
       from live_broadcast_viewers where broadcast_id = $1`,
    [broadcastId, now],
  );
  return rows[0] ?? { now: 0, total: 0 };
}

/** The broadcast's row locked while its recording is kept (a second "keep" waits, then finds it kept). */
export async function lockBroadcast(db: Queryable, id: number): Promise<void> {
  await db.query('select 1 from live_broadcasts where id = $1 for update', [id]);
}

export async function setKeptVideo(db: Queryable, id: number, videoId: number): Promise<void> {
  await db.query('update live_broadcasts set kept_video_id = $2 where id = $1', [id, videoId]);
}
