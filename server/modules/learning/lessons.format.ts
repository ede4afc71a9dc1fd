import { z } from 'zod';
import type { Queryable } from '../../platform/db.js';
import { createErrorFactory } from '../../platform/errors.js';
import type { LessonActivity } from '../../../contracts/learning.js';
import type { OrganisationKind } from './learning.rules.js';

/**
 * Lessons follow the learning format (issue 4 item 5). When the formats module decides that a
 * class learns at a distance (or combined, or in person again), the class's lessons whose delivery
 * the rules set (`delivery_source = 'format'`) switch from the change's date on: on site → in
 * person; remote → online live, or TV where the school's settlement has no broadband but receives
 * TV and the timetable names a channel. Lessons whose delivery a person chose ('teacher') and
 * lessons already begun are never touched.
 *
 * The format comes from the formats module's published SQL function `formats_effective_format`
 * (one call per class and school day, inside one statement), and `deliveryModeSql` mirrors its
 * `deliveryMode` rule; the test checks they agree.
 */

// ── pure decisions ───────────────────────────────────────────────────────────────────────────

/** What a new slot or lesson is when nobody says: a school lesson; a lecture at colleges and universities. */
export function defaultActivity(kind: OrganisationKind): LessonActivity {
  return kind === 'college' || kind === 'university' ? 'lecture' : 'lesson';
}

/**
 * Why an activity does not fit the organisation, or null. A university teaches lectures, seminars,
 * labs and practice, never a school "lesson" (colleges teach general subjects as lessons); schools
 * may hold labs and practical work too.
 */
export function activityProblem(kind: OrganisationKind, activity: LessonActivity): string | null {
  if (kind === 'university' && activity === 'lesson') return 'A university holds lectures, seminars, labs or practice, not school lessons';
  return null;
}

export const activityNotForOrganisation = createErrorFactory(
  'learning.activity_not_for_organisation',
  422,
  'This kind of activity does not fit the organisation',
);

export function assertActivity(kind: OrganisationKind, activity: LessonActivity): void {
  const problem = activityProblem(kind, activity);
  if (problem) throw activityNotForOrganisation(problem, { activity, organisationKind: kind });
}

/**
 * SQL for formats' `deliveryMode(format, activity)`: no decision or regular → on site; combined →
 * on site only for the activities it lists (a 'lesson' is never among them); otherwise remote.
 */
export const deliveryModeSql = (format: string, onSite: string, activity: string) =>
  `case when ${format} is null or ${format} = 'regular' then 'on_site'
        when ${format} = 'combined' and ${activity} = any(coalesce(${onSite}, '{}'::text[])) then 'on_site'
        else 'remote' end`;

// ── where generated online rooms live ────────────────────────────────────────────────────────

const liveEnv = z.object({
  /** The live-lesson server's room prefix; a generated room is this + an unguessable id. */
  LIVE_BASE_URL: z
    .string()
    .trim()
    .url()
    .refine((u) => /^https?:\/\//i.test(u), 'an http or https address')
    .default('https://live.sabaq.example/'),
});

let cachedBase: string | null = null;

/** LIVE_BASE_URL (default https://live.sabaq.example/), always ending with a slash. */
export function liveBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env === process.env && cachedBase !== null) return cachedBase;
  const parsed = liveEnv.safeParse(env);
  if (!parsed.success) throw new Error('Invalid configuration: LIVE_BASE_URL must be an http(s) address, e.g. https://live.example.kz/room/');
  const base = parsed.data.LIVE_BASE_URL.endsWith('/') ? parsed.data.LIVE_BASE_URL : `${parsed.data.LIVE_BASE_URL}/`;
  if (env === process.env) cachedBase = base;
  return base;
}

// ── the use case ─────────────────────────────────────────────────────────────────────────────

/** The channels a lesson may name (`lessons.tv_channel`'s check): the national ones, not a local retransmission. */
const TV_CHANNELS_SQL = "'al_farabi', 'el_arna', 'balapan', 'qazaqstan'";

/** Which lessons to bring in line: some classes, one organisation, some lessons, or every lesson. */
export type LessonScope = { classIds: number[] } | { organisationId: number } | { lessonIds: number[] } | 'all';

export interface ApplyFormatsResult {
  /** lessons whose delivery follows the rules in the scope and range */
  considered: number;
  /** of those, the ones whose delivery changed, by their new delivery */
  changed: number;
  inPerson: number;
  online: number;
  tv: number;
  /**
   * remote lessons of a school whose settlement has no broadband but receives TV, left online
   * because the timetable names no TV channel for the subject (the admin plans one, or the teacher
   * sets the channel and air time on the lesson)
   */
  tvFallback: number;
}

function scopeSql(scope: LessonScope, params: unknown[]): string {
  if (scope === 'all') return 'true';
  if ('classIds' in scope) {
    params.push(scope.classIds);
    return `l.class_id = any($${params.length}::bigint[])`;
  }
  if ('organisationId' in scope) {
    params.push(scope.organisationId);
    return `l.organisation_id = $${params.length}::int`;
  }
  params.push(scope.lessonIds);
  return `l.id = any($${params.length}::bigint[])`;
}

/**
 * Brings the delivery of lessons in line with their class's learning format, in one statement
 * whatever the number of lessons (a country's rule set touches millions):
 *  - only lessons with `delivery_source = 'format'`, on or after `from`, not begun at `now`
 *    (`now` null: whatever their time — for lessons just created or explicitly handed back);
 *  - the format of each class on each school day is the formats module's
 *    `formats_effective_format(class, date)`; with the lesson's `activity` it gives on site or remote;
 *  - on site → in person; remote → TV when the lesson's own slot is planned on TV, or, where the
 *    school's settlement has no broadband but receives TV, when the national grid broadcasts the
 *    class's grade and subject that day in the school's language (the lesson points at that slot:
 *    its channel and air time) or any slot of the class × subject names a channel (air time: the
 *    lesson's start); the grid's slot wins over the timetable's channel; otherwise online live with the slot's standing link,
 *    any link of the class × subject, or a generated room `LIVE_BASE_URL` + an id kept per class ×
 *    subject in `live_rooms`.
 * Runs inside the caller's transaction; returns counts.
 */
export async function applyFormatsToLessons(args: {
  tx: Queryable;
  scope: LessonScope;
  from?: string | null;
  now: Date | null;
  liveBaseUrl?: string;
}): Promise<ApplyFormatsResult> {
  if (typeof args.scope === 'object' && ('classIds' in args.scope || 'lessonIds' in args.scope)) {
    const ids = 'classIds' in args.scope ? args.scope.classIds : args.scope.lessonIds;
    if (ids.length === 0) return { considered: 0, changed: 0, inPerson: 0, online: 0, tv: 0, tvFallback: 0 };
  }
  const params: unknown[] = [args.from ?? null, args.now, args.liveBaseUrl ?? liveBaseUrl()];
  const where = scopeSql(args.scope, params);
  const { rows } = await args.tx.query<{ considered: number; changed: number; in_person: number; online: number; tv: number; tv_fallback: number }>(
    `with target as materialized (
       select l.id, l.organisation_id, l.class_id, l.subject_id, l.slot_id, l.on_date, l.starts_at, l.activity
         from lessons l
        where l.delivery_source = 'format' and ${where}
          and ($1::date is null or l.on_date >= $1::date)
          and ($2::timestamptz is null or l.starts_at > $2::timestamptz)
     ),
     -- the format once per class and school day, not once per lesson (materialized: else the
     -- planner may call the function again for every lesson of the day)
     days as (select distinct class_id, on_date from target),
     fmt as materialized (
       select d.class_id, d.on_date, f.format, f.on_site
         from days d left join lateral formats_effective_format(d.class_id, d.on_date) f on true
     ),
     decided as materialized (
       select t.*, ${deliveryModeSql('f.format', 'f.on_site', 't.activity')} as mode
         from target t join fmt f on f.class_id = t.class_id and f.on_date = t.on_date
     ),
     place as (
       select o.id as organisation_id, s.internet = 'broadband' as broadband, s.tv_reception, o.instruction_language as lang
         from organisations o join settlements s on s.id = o.settlement_id
        where o.id in (select distinct organisation_id from decided)
     ),
     -- the national TV grid (the video module's tables, read here as Today reads them: learning README)
     -- of the remote days, keyed as a lesson is: local date, grade, subject (the slot names it in words)
     grid_days as materialized (
       select (g.starts_at at time zone c.time_zone)::date as on_date, g.grade, sj.id as subject_id, g.language,
              c.code as channel, g.id as slot_id, g.starts_at
         from video_tv_slots g
         join video_tv_channels c on c.id = g.channel_id and c.code in (${TV_CHANNELS_SQL})
         join subjects sj on lower(g.subject) in (lower(sj.name_kk), lower(sj.name_ru), lower(sj.name_en))
        where g.grade is not null
          and g.starts_at >= (select min(on_date) from decided where mode = 'remote')::timestamptz - interval '1 day'
          and g.starts_at < (select max(on_date) from decided where mode = 'remote')::timestamptz + interval '2 days'
     ),
     grid as (
       select distinct on (d.id) d.id, g.channel, g.slot_id, g.starts_at
         from decided d
         join classes cl on cl.id = d.class_id
         join place p on p.organisation_id = d.organisation_id
         join grid_days g on g.on_date = d.on_date and g.grade = cl.grade and g.subject_id = d.subject_id
          and (g.language = p.lang or (p.lang = 'kk_ru' and g.language in ('kk', 'ru')))
        where d.mode = 'remote'
        order by d.id, g.language = 'kk' desc, g.starts_at
     ),
     -- what the timetable plans for a class × subject when it is remote: a standing link, a TV channel
     subject_plan as (
       select ts.class_id, ts.subject_id, min(ts.join_url) as join_url, min(ts.tv_channel) as tv_channel
         from timetable_slots ts
        where (ts.class_id, ts.subject_id) in (select class_id, subject_id from decided where mode = 'remote')
        group by ts.class_id, ts.subject_id
     ),
     planned as materialized (
       select d.id, d.class_id, d.subject_id, d.starts_at, d.mode, p.broadband, p.tv_reception,
         coalesce(s.join_url, sp.join_url) as link,
         case when d.mode = 'on_site' then null
              when p.broadband then case when s.delivery = 'tv' then coalesce(gr.channel, s.tv_channel) end
              when p.tv_reception then coalesce(gr.channel, s.tv_channel, sp.tv_channel) end as tv,
         gr.slot_id as grid_slot, gr.starts_at as grid_at
         from decided d
         join place p on p.organisation_id = d.organisation_id
         left join timetable_slots s on s.id = d.slot_id
         left join subject_plan sp on sp.class_id = d.class_id and sp.subject_id = d.subject_id
         left join grid gr on gr.id = d.id
     ),
     new_rooms as (
       insert into live_rooms (class_id, subject_id)
       select distinct class_id, subject_id from planned where mode = 'remote' and tv is null and link is null
       on conflict do nothing
       returning class_id, subject_id, room
     ),
     next as (
       select n.id,
         case when n.mode = 'on_site' then 'in_person' when n.tv is not null then 'tv' else 'online_live' end as delivery,
         case when n.mode = 'remote' and n.tv is null then coalesce(n.link, $3::text || coalesce(r.room, nr.room)) end as join_url,
         n.tv as tv_channel,
         case when n.tv is not null then coalesce(n.grid_at, n.starts_at) end as tv_air_at,
         case when n.tv is not null then n.grid_slot end as tv_slot_id
         from planned n
         left join live_rooms r on r.class_id = n.class_id and r.subject_id = n.subject_id
         left join new_rooms nr on nr.class_id = n.class_id and nr.subject_id = n.subject_id
     ),
     changed as (
       update lessons l
          set delivery = x.delivery, join_url = x.join_url, tv_channel = x.tv_channel, tv_air_at = x.tv_air_at,
              tv_slot_id = x.tv_slot_id, video_url = null, updated_at = now()
         from next x
        where l.id = x.id
          and (l.delivery, l.join_url, l.tv_channel, l.tv_air_at, l.tv_slot_id, l.video_url)
              is distinct from (x.delivery, x.join_url, x.tv_channel, x.tv_air_at, x.tv_slot_id, null::text)
       returning x.delivery
     )
     select (select count(*) from target) as considered,
            count(*) as changed,
            count(*) filter (where delivery = 'in_person') as in_person,
            count(*) filter (where delivery = 'online_live') as online,
            count(*) filter (where delivery = 'tv') as tv,
            (select count(*) from planned where mode = 'remote' and not broadband and tv_reception and tv is null) as tv_fallback
       from changed`,
    params,
  );
  const r = rows[0]!;
  return { considered: r.considered, changed: r.changed, inPerson: r.in_person, online: r.online, tv: r.tv, tvFallback: r.tv_fallback };
}
