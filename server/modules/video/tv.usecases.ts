import type { Db, Queryable } from '../../platform/db.js';
import { hasRole, type Actor } from '../identity/identity.actor.js';
import * as errors from './video.errors.js';
import * as repo from './tv.repository.js';
import { overlaps, parseGridCsv, TV_OFFSET, TV_TIME_ZONE } from './tv.rules.js';

/**
 * Imports the TV grid from CSV, all or nothing: an unknown channel, a bad line, a slot overlapping
 * another (in the file or already in the grid) refuses the whole file, naming every line.
 */
export async function importGridCsv(db: Db, actor: Actor, csv: string): Promise<{ created: number }> {
  if (!hasRole(actor, 'ministry_officer')) throw errors.gridForbidden();
  const { slots, problems } = parseGridCsv(csv);
  if (problems.length) throw errors.gridInvalid(problems.map((p) => `line ${p.line}: ${p.message}`).join('; '), { problems });
  if (!slots.length) throw errors.gridInvalid('The file holds no slots');
  return db.transaction(async (tx) => {
    await tx.query("select pg_advisory_xact_lock(hashtext('video.tv_grid'))");
    const channels = await repo.channelsByCode(tx);
    const unknown = slots.filter((s) => !channels.has(s.channel));
    if (unknown.length) {
      throw errors.unknownChannel(unknown.map((s) => `line ${s.line}: unknown channel "${s.channel}"`).join('; ') + `. Known: ${[...channels.keys()].join(', ')}`,
        { problems: unknown.map((s) => ({ line: s.line, message: `unknown channel ${s.channel}` })) });
    }
    const inFile = overlaps(slots);
    const from = new Date(Math.min(...slots.map((s) => s.startsAt.getTime())));
    const to = new Date(Math.max(...slots.map((s) => s.endsAt.getTime())));
    const existing = await repo.slotsBetween(tx, [...new Set(slots.map((s) => channels.get(s.channel)!))], from, to);
    const withGrid = slots.filter((s) => existing.some((e) => e.channelId === channels.get(s.channel) && s.startsAt < e.endsAt && s.endsAt > e.startsAt))
      .map((s) => ({ line: s.line, message: `overlaps a slot already in the grid on ${s.channel}` }));
    const clash = [...inFile, ...withGrid];
    if (clash.length) throw errors.slotsOverlap(clash.map((p) => `line ${p.line}: ${p.message}`).join('; '), { problems: clash });
    const videoIds = [...new Set(slots.flatMap((s) => (s.videoId ? [s.videoId] : [])))];
    const known = await repo.existingVideoIds(tx, videoIds);
    const missing = slots.filter((s) => s.videoId !== null && !known.has(s.videoId));
    if (missing.length) throw errors.gridInvalid(missing.map((s) => `line ${s.line}: no video ${s.videoId}`).join('; '));
    const created = await repo.insertSlots(tx, slots.map((s) => ({ ...s, channelId: channels.get(s.channel)! })));
    return { created };
  });
}

/** The public grid of one day (Almaty time), with each slot's recording when it is public and ready. */
export async function daySchedule(db: Queryable, date: string) {
  const from = new Date(`${date}T00:00:00${TV_OFFSET}`);
  const to = new Date(from.getTime() + 24 * 3600 * 1000);
  const rows = await repo.daySlots(db, from, to);
  return {
    date, timeZone: TV_TIME_ZONE,
    items: rows.map((r) => ({
      id: r.id, channel: { code: r.code, name: r.name }, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString(),
      grade: r.grade, subject: r.subject, language: r.language, topic: r.topic,
      video: r.videoId !== null && r.videoPublic ? { id: r.videoId, hlsUrl: r.videoReady ? `/api/video/videos/${r.videoId}/media/master.m3u8` : null } : null,
    })),
  };
}
