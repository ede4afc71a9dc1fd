import type { Db, Queryable } from '../../platform/db.js';
import type { Actor } from '../identity/identity.actor.js';
import type { TvChannel, TvChannelCreate, TvChannelPatch } from '../../../contracts/video.js';
import * as errors from './video.errors.js';
import { isTimeZone } from './tv.time.js';

/**
 * TV channels (migration 1241): the ministry creates and edits national channels (and any other);
 * a region officer the local retransmission channels of their own region. Everyone signed in reads
 * the list (channel names are public: the grid page shows them). The grid import resolves a
 * channel by its code or name from this table, so a new channel takes slots at once.
 */

interface ChannelRow {
  id: number;
  code: string;
  name: string;
  kind: 'national' | 'local';
  languages: ('kk' | 'ru' | 'en')[];
  regionId: number | null;
  region: TvChannel['region'];
  timeZone: string;
}

const SELECT = `select c.id, c.code, c.name, c.kind, c.languages, c.region_id as "regionId", c.time_zone as "timeZone",
    case when r.id is null then null else json_build_object('id', r.id, 'name', json_build_object('kk', r.name_kk, 'ru', r.name_ru, 'en', r.name_en)) end as region
  from video_tv_channels c left join regions r on r.id = c.region_id`;

const isMinistry = (actor: Actor) => actor.grants.some((g) => g.role === 'ministry_officer');
const officerRegions = (actor: Actor) => actor.grants.filter((g) => g.role === 'region_officer' && g.regionId !== null).map((g) => g.regionId!);

/** May the actor own a channel of this kind and region (create it, or make an edited one so)? */
export function mayManage(actor: Actor, c: { kind: 'national' | 'local'; regionId: number | null }): boolean {
  if (isMinistry(actor)) return true;
  return c.kind === 'local' && c.regionId !== null && officerRegions(actor).includes(c.regionId);
}

const toChannel = (r: ChannelRow, actor: Actor): TvChannel => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  languages: r.languages,
  region: r.region,
  timeZone: r.timeZone,
  canEdit: mayManage(actor, r),
});

export async function listChannels(db: Queryable, actor: Actor) {
  const { rows } = await db.query<ChannelRow & Record<string, unknown>>(`${SELECT} order by c.kind desc, c.name, c.id`);
  // the regions the actor may create local channels in: every region for the ministry, their own for a region officer
  const regions = await db.query<{ id: number; name: { kk: string; ru: string; en: string } }>(
    `select id, json_build_object('kk', name_kk, 'ru', name_ru, 'en', name_en) as name from regions
      where $1::boolean or id = any($2::int[]) order by name_ru`,
    [isMinistry(actor), officerRegions(actor)],
  );
  return {
    items: rows.map((r) => toChannel(r, actor)),
    canCreate: { national: isMinistry(actor), localRegions: regions.rows },
  };
}

async function findChannel(db: Queryable, id: number): Promise<ChannelRow | null> {
  const { rows } = await db.query<ChannelRow & Record<string, unknown>>(`${SELECT} where c.id = $1`, [id]);
  return rows[0] ?? null;
}

function check(c: { kind: 'national' | 'local'; regionId: number | null; timeZone?: string }) {
  if (c.kind === 'local' && c.regionId === null) throw errors.channelInvalid('A local retransmission channel names its region (regionId)');
  if (c.timeZone !== undefined && !isTimeZone(c.timeZone)) throw errors.channelInvalid(`Unknown time zone ${c.timeZone} (an IANA name, e.g. Asia/Almaty)`);
}

function mapDbError(err: unknown): never {
  const code = (err as { code?: string }).code;
  if (code === '23505') throw errors.channelExists();
  if (code === '23503') throw errors.channelInvalid('No such region');
  throw err;
}

export async function createChannel(db: Db, actor: Actor, body: TvChannelCreate): Promise<TvChannel> {
  const regionId = body.regionId ?? (body.kind === 'local' && !isMinistry(actor) && officerRegions(actor).length === 1 ? officerRegions(actor)[0]! : null);
  const c = { kind: body.kind, regionId, timeZone: body.timeZone };
  if (!mayManage(actor, c)) throw errors.channelForbidden();
  check(c);
  try {
    return await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: number }>(
        `insert into video_tv_channels (code, name, kind, languages, region_id, time_zone)
         values ($1, $2, $3, $4, $5, coalesce($6, 'Asia/Almaty')) returning id`,
        [body.code, body.name, body.kind, body.languages, regionId, body.timeZone ?? null],
      );
      return toChannel((await findChannel(tx, rows[0]!.id))!, actor);
    });
  } catch (err) {
    mapDbError(err);
  }
}

export async function editChannel(db: Db, actor: Actor, id: number, patch: TvChannelPatch): Promise<TvChannel> {
  try {
    return await db.transaction(async (tx) => {
      await tx.query('select 1 from video_tv_channels where id = $1 for update', [id]);
      const before = await findChannel(tx, id);
      if (!before) throw errors.channelNotFound();
      if (!mayManage(actor, before)) throw errors.channelForbidden();
      const after = {
        kind: patch.kind ?? before.kind,
        regionId: patch.regionId !== undefined ? patch.regionId : before.regionId,
        timeZone: patch.timeZone,
      };
      // the channel must stay the actor's: a region officer cannot hand it to another region or make it national
      if (!mayManage(actor, after)) throw errors.channelForbidden();
      check(after);
      await tx.query(
        `update video_tv_channels set name = coalesce($2, name), kind = $3, languages = coalesce($4, languages), region_id = $5,
           time_zone = coalesce($6, time_zone), updated_at = now() where id = $1`,
        [id, patch.name ?? null, after.kind, patch.languages ?? null, after.regionId, patch.timeZone ?? null],
      );
      return toChannel((await findChannel(tx, id))!, actor);
    });
  } catch (err) {
    mapDbError(err);
  }
}
