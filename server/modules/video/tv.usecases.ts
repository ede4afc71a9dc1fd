import type { Db, Queryable } from '../../platform/db.js';
import { hasRole, type Actor } from '../identity/identity.actor.js';
import * as errors from './video.errors.js';
import * as repo from './tv.repository.js';
import { overlaps, parseGridCsv, TV_TIME_ZONE, type GridProblem, type SlotInput } from './tv.rules.js';
import { buildXmltv, parseXmltv } from './tv.xmltv.js';
import { addDays, dayStart, zonedParts } from './tv.time.js';
import { createPdf, finishPdf, table } from '../../platform/pdf/index.js';

/** Reasons that are about the file's format (answered as video.grid_invalid before anything else). */
const CLASH_REASONS = new Set(['unknown_channel', 'overlap', 'overlap_grid']);

function refuse(problems: GridProblem[]): never {
  const message =
    problems
      .slice(0, 20)
      .map((p) => `line ${p.line}: ${p.message}`)
      .join('; ') + (problems.length > 20 ? `; and ${problems.length - 20} more` : '');
  const details = { problems };
  if (problems.some((p) => !CLASH_REASONS.has(p.reason))) throw errors.gridInvalid(message, details);
  if (problems.some((p) => p.reason === 'unknown_channel')) throw errors.unknownChannel(message, details);
  throw errors.slotsOverlap(message, details);
}

export type GridImport = ({ csv: string } | { xmltv: string }) & { dryRun: boolean };

/**
 * Imports the TV grid from CSV or XMLTV, all or nothing: a bad line or programme, an unknown channel,
 * a slot overlapping another (in the file or already in the grid), a missing recording refuses the
 * whole file, naming every line. A dry run checks the same and answers the slots without writing.
 */
export async function importGrid(db: Db, actor: Actor, input: GridImport): Promise<{ created: number; dryRun: boolean; slots: ImportedSlot[] }> {
  // the ministry imports any channel's grid; a region officer the grid of its region's local channels
  const ministry = hasRole(actor, 'ministry_officer');
  const regions = actor.grants.filter((g) => g.role === 'region_officer' && g.regionId !== null).map((g) => g.regionId!);
  if (!ministry && !regions.length) throw errors.gridForbidden();
  // a CSV's local times are read on each channel's own clock (its IANA zone)
  const zones = new Map((await repo.listChannels(db)).map((c) => [c.code, c.timeZone]));
  const parsed =
    'csv' in input
      ? { ...parseGridCsv(input.csv, (code) => zones.get(code) ?? TV_TIME_ZONE), displayNames: new Map<string, string[]>() }
      : parseXmltv(input.xmltv);
  const problems: GridProblem[] = [...parsed.problems];
  if (!parsed.slots.length && !problems.length) problems.push({ line: 0, reason: 'empty', message: 'The file holds no slots' });
  if (problems.some((p) => p.reason === 'unreadable')) refuse(problems);
  return db.transaction(async (tx) => {
    await tx.query("select pg_advisory_xact_lock(hashtext('video.tv_grid'))");
    const channels = await repo.channelsByCode(tx);
    const byName = new Map([...(await repo.listChannels(tx))].map((c) => [c.name.toLowerCase(), c.code]));
    // a file's own channel id is matched to ours by code, else by one of its display names
    const codeOf = (id: string) => (channels.has(id) ? id : (parsed.displayNames.get(id) ?? []).map((n) => byName.get(n.toLowerCase())).find(Boolean));
    const at = (s: SlotInput) => ({ line: s.line, ...(s.programme ? { programme: s.programme } : {}) });
    const slots: (SlotInput & { channelId: number })[] = [];
    for (const s of parsed.slots) {
      const code = codeOf(s.channel);
      if (!code) problems.push({ ...at(s), reason: 'unknown_channel', message: `unknown channel "${s.channel}" (known: ${[...channels.keys()].join(', ')})` });
      else slots.push({ ...s, channel: code, channelId: channels.get(code)! });
    }
    if (!ministry) {
      const { rows } = await tx.query<{ code: string }>(
        `select code from video_tv_channels where code = any($1::text[]) and not (kind = 'local' and region_id = any($2::int[]))`,
        [[...new Set(slots.map((s) => s.channel))], regions],
      );
      if (rows.length)
        throw errors.gridForbidden(`A region officer imports only the local channels of their region; not: ${rows.map((r) => r.code).join(', ')}`);
    }
    problems.push(...overlaps(slots));
    if (slots.length) {
      const from = new Date(Math.min(...slots.map((s) => s.startsAt.getTime())));
      const to = new Date(Math.max(...slots.map((s) => s.endsAt.getTime())));
      const existing = await repo.slotsBetween(tx, [...new Set(slots.map((s) => s.channelId))], from, to);
      for (const s of slots) {
        const e = existing.find((x) => x.channelId === s.channelId && s.startsAt < x.endsAt && s.endsAt > x.startsAt);
        if (e) problems.push({ ...at(s), reason: 'overlap_grid', message: `overlaps "${e.topic}" already in the grid on ${s.channel}` });
      }
    }
    const videoIds = [...new Set(slots.flatMap((s) => (s.videoId ? [s.videoId] : [])))];
    const known = await repo.existingVideoIds(tx, videoIds);
    for (const s of slots) if (s.videoId !== null && !known.has(s.videoId)) problems.push({ ...at(s), reason: 'no_video', message: `no video ${s.videoId}` });
    if (problems.length) refuse(problems.sort((a, b) => a.line - b.line));
    slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.channel.localeCompare(b.channel));
    const created = input.dryRun ? 0 : await repo.insertSlots(tx, slots);
    return {
      created,
      dryRun: input.dryRun,
      slots: slots.map((s) => ({
        line: s.line,
        channel: s.channel,
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        grade: s.grade,
        subject: s.subject,
        language: s.language,
        topic: s.topic,
        videoId: s.videoId,
      })),
    };
  });
}

export interface ImportedSlot {
  line: number;
  channel: string;
  startsAt: string;
  endsAt: string;
  grade: number | null;
  subject: string | null;
  language: 'kk' | 'ru' | 'en' | null;
  topic: string;
  videoId: number | null;
}

/** The grid of `days` days from `from` (Almaty days) as an XMLTV document, times on each channel's clock. */
export async function exportXmltv(db: Queryable, from: string, days: number, now: Date): Promise<string> {
  const rows = await repo.daySlots(db, dayStart(from, TV_TIME_ZONE), dayStart(addDays(from, days), TV_TIME_ZONE));
  const channels = await repo.listChannels(db);
  return buildXmltv(
    channels,
    rows.map((r) => ({
      channel: r.code,
      timeZone: r.timeZone,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      grade: r.grade,
      subject: r.subject,
      language: r.language,
      topic: r.topic,
      videoId: r.videoId !== null && r.videoPublic ? r.videoId : null,
    })),
    now,
    TV_TIME_ZONE,
  );
}

/** The public grid of one day or more (Almaty days), with each slot's recording when it is public and ready. */
/** The school calendar's today on the grid's clock (Almaty). */
export function gridToday(now: Date): string {
  return zonedParts(now, TV_TIME_ZONE).date;
}

export async function daySchedule(db: Queryable, date: string, days = 1) {
  const from = dayStart(date, TV_TIME_ZONE);
  const to = dayStart(addDays(date, days), TV_TIME_ZONE);
  const rows = await repo.daySlots(db, from, to);
  return {
    date,
    timeZone: TV_TIME_ZONE,
    items: rows.map((r) => ({
      id: r.id,
      channel: { code: r.code, name: r.name },
      timeZone: r.timeZone,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      grade: r.grade,
      subject: r.subject,
      language: r.language,
      topic: r.topic,
      video: r.videoId !== null && r.videoPublic ? { id: r.videoId, hlsUrl: r.videoReady ? `/api/video/videos/${r.videoId}/media/master.m3u8` : null } : null,
    })),
  };
}

const PDF_STRINGS = {
  kk: {
    title: 'Телесабақтар кестесі',
    day: 'Күні',
    time: 'Уақыты',
    channel: 'Арна',
    grade: 'Сынып',
    subject: 'Пән',
    language: 'Тіл',
    topic: 'Тақырып',
    all: 'барлық сыныптар',
    zone: 'Уақыт арнаның сағатымен',
    none: 'Бұл күндерге сабақ жоқ.',
  },
  ru: {
    title: 'Расписание телеуроков',
    day: 'День',
    time: 'Время',
    channel: 'Канал',
    grade: 'Класс',
    subject: 'Предмет',
    language: 'Язык',
    topic: 'Тема',
    all: 'все классы',
    zone: 'Время по часам канала',
    none: 'На эти дни уроков нет.',
  },
  en: {
    title: 'TV lessons grid',
    day: 'Day',
    time: 'Time',
    channel: 'Channel',
    grade: 'Grade',
    subject: 'Subject',
    language: 'Language',
    topic: 'Topic',
    all: 'all grades',
    zone: 'Times on the channel clock',
    none: 'No lessons on these days.',
  },
} as const;

/** The public grid as a printable PDF (families without internet): by day, grade and language, times on each channel's clock. */
export async function gridPdf(
  db: Queryable,
  q: { date: string; days: number; grade?: number; language?: 'kk' | 'ru' | 'en'; lang: 'kk' | 'ru' | 'en' },
): Promise<{ bytes: Buffer; name: string }> {
  const s = PDF_STRINGS[q.lang];
  const grid = await daySchedule(db, q.date, q.days);
  const items = grid.items.filter((i) => (q.grade === undefined || i.grade === q.grade) && (q.language === undefined || i.language === q.language));
  const last = addDays(q.date, q.days - 1);
  const doc = createPdf({
    title: s.title,
    language: q.lang,
    subtitle: [
      q.days > 1 ? `${q.date} — ${last}` : q.date,
      q.grade !== undefined ? `${s.grade} ${q.grade}` : s.all,
      q.language ?? null,
      `${s.zone} (${TV_TIME_ZONE})`,
    ]
      .filter(Boolean)
      .join(' · '),
  });
  if (!items.length) doc.text(s.none);
  else {
    table(
      doc,
      [
        { header: s.day, width: 1.3, value: (i) => zonedParts(new Date(i.startsAt), i.timeZone).date },
        { header: s.time, width: 1.1, value: (i) => `${zonedParts(new Date(i.startsAt), i.timeZone).time}–${zonedParts(new Date(i.endsAt), i.timeZone).time}` },
        { header: s.channel, width: 1.2, value: (i) => i.channel.name },
        { header: s.grade, width: 0.6, value: (i) => i.grade, align: 'center' },
        { header: s.subject, width: 1.5, value: (i) => i.subject },
        { header: s.language, width: 0.6, value: (i) => i.language, align: 'center' },
        { header: s.topic, width: 3, value: (i) => i.topic },
      ],
      items,
    );
  }
  const bytes = await finishPdf(doc, `Sabaq · ${s.title}`);
  return { bytes, name: `${s.title} ${q.date}` };
}

/**
 * A slot of the grid that a class lesson points at (the learning module's TV delivery, issue 10):
 * its channel's code and air time, which the lesson copies; null when there is no such slot.
 */
export async function slotForLesson(db: Queryable, slotId: number): Promise<{ id: number; channel: string; startsAt: string } | null> {
  return repo.slotById(db, slotId);
}
