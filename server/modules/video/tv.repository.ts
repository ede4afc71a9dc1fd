import type { Queryable } from '../../platform/db.js';

export async function channelsByCode(db: Queryable): Promise<Map<string, number>> {
  const { rows } = await db.query<{ id: number; code: string }>('select id, code from video_tv_channels');
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function listChannels(db: Queryable): Promise<{ code: string; name: string; timeZone: string }[]> {
  const { rows } = await db.query<{ code: string; name: string; timeZone: string }>(
    'select code, name, time_zone as "timeZone" from video_tv_channels order by id',
  );
  return rows;
}

/** Existing slots of these channels overlapping [from, to). */
export async function slotsBetween(db: Queryable, channelIds: number[], from: Date, to: Date) {
  const { rows } = await db.query<{ channelId: number; startsAt: Date; endsAt: Date; topic: string }>(
    `select channel_id as "channelId", starts_at as "startsAt", ends_at as "endsAt", topic from video_tv_slots
      where channel_id = any($1::int[]) and starts_at < $3 and ends_at > $2`,
    [channelIds, from, to],
  );
  return rows;
}

export async function existingVideoIds(db: Queryable, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const { rows } = await db.query<{ id: number }>('select id from video_videos where id = any($1::bigint[])', [ids]);
  return new Set(rows.map((r) => r.id));
}

export async function insertSlots(
  db: Queryable,
  slots: {
    channelId: number;
    startsAt: Date;
    endsAt: Date;
    grade: number | null;
    subject: string | null;
    language: string | null;
    topic: string;
    videoId: number | null;
  }[],
): Promise<number> {
  if (!slots.length) return 0;
  const r = await db.query(
    `insert into video_tv_slots (channel_id, starts_at, ends_at, grade, subject, language, topic, video_id)
     select * from unnest($1::int[], $2::timestamptz[], $3::timestamptz[], $4::smallint[], $5::text[], $6::text[], $7::text[], $8::bigint[])`,
    [
      slots.map((s) => s.channelId),
      slots.map((s) => s.startsAt),
      slots.map((s) => s.endsAt),
      slots.map((s) => s.grade),
      slots.map((s) => s.subject),
      slots.map((s) => s.language),
      slots.map((s) => s.topic),
      slots.map((s) => s.videoId),
    ],
  );
  return r.rowCount ?? 0;
}

/** A day's slots (the day in Almaty time), every channel, in air order, with the linked video's state. */
export async function daySlots(db: Queryable, from: Date, to: Date) {
  const { rows } = await db.query<{
    id: number;
    code: string;
    name: string;
    timeZone: string;
    startsAt: Date;
    endsAt: Date;
    grade: number | null;
    subject: string | null;
    language: 'kk' | 'ru' | 'en' | null;
    topic: string;
    videoId: number | null;
    videoReady: boolean | null;
    videoPublic: boolean | null;
  }>(
    `select s.id, c.code, c.name, c.time_zone as "timeZone", s.starts_at as "startsAt", s.ends_at as "endsAt", s.grade, s.subject, s.language, s.topic,
        s.video_id as "videoId", v.status = 'ready' as "videoReady", v.visibility = 'public' as "videoPublic"
      from video_tv_slots s join video_tv_channels c on c.id = s.channel_id left join video_videos v on v.id = s.video_id
      where s.starts_at >= $1 and s.starts_at < $2 order by s.starts_at, c.code`,
    [from, to],
  );
  return rows;
}

export async function slotById(db: Queryable, slotId: number): Promise<{ id: number; channel: string; startsAt: string } | null> {
  const { rows } = await db.query<{ id: number; channel: string; startsAt: Date }>(
    `select s.id, c.code as channel, s.starts_at as "startsAt" from video_tv_slots s join video_tv_channels c on c.id = s.channel_id where s.id = $1`,
    [slotId],
  );
  const r = rows[0];
  return r ? { id: Number(r.id), channel: r.channel, startsAt: r.startsAt.toISOString() } : null;
}
