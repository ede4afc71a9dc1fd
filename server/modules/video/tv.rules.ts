import { parse } from 'csv-parse/sync';
import type { TvGridProblem } from '../../../contracts/video.js';
import { zonedToInstant } from './tv.time.js';

/**
 * The national grid's days are Almaty days (the tz database's `Asia/Almaty`: +06:00 until
 * 29 February 2024, +05:00 from 1 March 2024). Each channel has its own IANA zone
 * (`video_tv_channels.time_zone`, Almaty by default); a local time in the grid's CSV is read in it.
 */
export const TV_TIME_ZONE = 'Asia/Almaty';

export interface SlotInput {
  line: number;
  /** XMLTV: the programme's number in the file (1-based) */
  programme?: number;
  channel: string;
  startsAt: Date;
  endsAt: Date;
  grade: number | null;
  subject: string | null;
  language: 'kk' | 'ru' | 'en' | null;
  topic: string;
  videoId: number | null;
}

export type GridProblem = TvGridProblem;

/** "2020-04-06 10:20" (wall time in `timeZone`, the channel's) or a full ISO instant with its offset. */
export function parseAirTime(s: string, timeZone = TV_TIME_ZONE): Date | null {
  const t = s.trim();
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2})?$/.exec(t);
  if (m) return zonedToInstant(m[1]!, `${m[2]}${m[3] ?? ':00'}`, timeZone);
  const iso = t;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(iso)) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Reads the grid's CSV; every problem is reported with its line, none is skipped silently. */
export function parseGridCsv(csv: string, zoneOf: (channel: string) => string = () => TV_TIME_ZONE): { slots: SlotInput[]; problems: GridProblem[] } {
  const problems: GridProblem[] = [];
  let records: Record<string, string>[];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
    });
  } catch (err) {
    return { slots: [], problems: [{ line: 0, reason: 'unreadable', message: `Not a readable CSV: ${(err as Error).message}` }] };
  }
  const slots: SlotInput[] = [];
  records.forEach((r, i) => {
    const line = i + 2;
    const zone = zoneOf(r.channel ?? '');
    const startsAt = parseAirTime(r.starts_at ?? '', zone);
    const endsAt = parseAirTime(r.ends_at ?? '', zone);
    const grade = r.grade ? Number(r.grade) : null;
    const language = (r.language || null) as SlotInput['language'];
    const videoId = r.video_id ? Number(r.video_id) : null;
    if (!r.channel) problems.push({ line, reason: 'channel_empty', message: 'channel is empty' });
    if (!startsAt || !endsAt)
      problems.push({ line, reason: 'bad_time', message: `starts_at and ends_at: "YYYY-MM-DD HH:MM" (the channel's local time, ${zone}) or an ISO instant` });
    else if (endsAt <= startsAt) problems.push({ line, reason: 'end_not_after_start', message: 'ends_at is not after starts_at' });
    if (grade !== null && !(Number.isInteger(grade) && grade >= 0 && grade <= 12)) problems.push({ line, reason: 'bad_grade', message: 'grade is 0..12' });
    if (language !== null && !['kk', 'ru', 'en'].includes(language)) problems.push({ line, reason: 'bad_language', message: 'language is kk, ru or en' });
    if (!r.topic || r.topic.length > 300) problems.push({ line, reason: 'bad_topic', message: 'topic is 1..300 characters' });
    if (videoId !== null && !(Number.isInteger(videoId) && videoId > 0 && videoId < 2 ** 31))
      problems.push({ line, reason: 'bad_video_id', message: 'video_id is a video id' });
    if (startsAt && endsAt && r.channel && r.topic) {
      slots.push({ line, channel: r.channel, startsAt, endsAt, grade, subject: r.subject || null, language, topic: r.topic, videoId });
    }
  });
  return { slots, problems };
}

/** Pairs of slots on the same channel whose air times overlap (touching ends are fine). */
export function overlaps(slots: { line: number; programme?: number; channel: string; startsAt: Date; endsAt: Date }[]): GridProblem[] {
  const out: GridProblem[] = [];
  const byChannel = new Map<string, typeof slots>();
  for (const s of slots) byChannel.set(s.channel, [...(byChannel.get(s.channel) ?? []), s]);
  for (const [channel, list] of byChannel) {
    list.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    for (let i = 1; i < list.length; i++) {
      if (list[i]!.startsAt < list[i - 1]!.endsAt) {
        const p = list[i]!.programme;
        out.push({ line: list[i]!.line, ...(p ? { programme: p } : {}), reason: 'overlap', message: `overlaps line ${list[i - 1]!.line} on ${channel}` });
      }
    }
  }
  return out;
}
