import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { GridProblem, SlotInput } from './tv.rules.js';
import { offsetMinutes } from './tv.time.js';

/**
 * XMLTV (the DTD of the XMLTV project: `<tv>` holds `<channel id>` elements with `<display-name>`,
 * then `<programme start stop channel>` elements with `<title>`, `<category>`, `<language>`,
 * `<episode-num system>`, `<url>`, ...). How a TV lesson is carried:
 * - `channel` attribute: our channel code (`al_farabi`), or the id of a `<channel>` whose
 *   `<display-name>` is one of our channel names ("Al-Farabi");
 * - `start`/`stop`: `YYYYMMDDhhmm[ss] [+zzzz]` (the DTD: without a zone the time is UT); `stop` is
 *   required here (a slot has an end);
 * - topic: the first `<title>`; subject: the first `<category>`; language: `<language>` kk/ru/en;
 * - grade: `<episode-num system="sabaq-grade">5</episode-num>`;
 * - the recording: a `<url>` ending in `/video/watch/<id>` (the archive's player page).
 */

export const GRADE_SYSTEM = 'sabaq-grade';
const ARRAYS = new Set(['channel', 'programme', 'display-name', 'title', 'category', 'episode-num', 'url', 'language']);

type Text = string | { '#text'?: string | number; [attr: string]: unknown };
interface XProgramme {
  '@_start'?: string;
  '@_stop'?: string;
  '@_channel'?: string;
  title?: Text[];
  category?: Text[];
  language?: Text[];
  'episode-num'?: Text[];
  url?: Text[];
}
interface XChannel {
  '@_id'?: string;
  'display-name'?: Text[];
}

const text = (t: Text | undefined): string => (t === undefined ? '' : typeof t === 'object' ? String(t['#text'] ?? '') : String(t)).trim();
const attr = (t: Text | undefined, name: string): string | undefined => (t && typeof t === 'object' ? (t[`@_${name}`] as string | undefined) : undefined);

/** An XMLTV time: 'YYYYMMDDhhmm', optional seconds, optional zone ('+0600', 'Z', 'UTC'); no zone = UT. */
export function parseXmltvTime(s: string | undefined): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?\s*(?:([+-])(\d{2}):?(\d{2})|Z|UTC|GMT|UT)?$/.exec((s ?? '').trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, sign, zh, zm] = m;
  const offset = sign ? `${sign}${zh}:${zm}` : 'Z';
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${sec ?? '00'}${offset}`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) === 'Invalid') return null;
  // 2020-02-30 rolls over in Date: refuse it (compare the wall-clock fields back)
  const back = new Date(date.getTime() + (sign ? (sign === '+' ? 1 : -1) * (Number(zh) * 60 + Number(zm)) * 60_000 : 0));
  if (back.getUTCDate() !== Number(d) || back.getUTCMonth() + 1 !== Number(mo)) return null;
  return date;
}

/** 'YYYYMMDDhhmmss +0600' in the given fixed offset (minutes east of UTC). */
export function formatXmltvTime(d: Date, offsetMinutes = 360): string {
  const local = new Date(d.getTime() + offsetMinutes * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${local.getUTCFullYear()}${p(local.getUTCMonth() + 1)}${p(local.getUTCDate())}${p(local.getUTCHours())}${p(local.getUTCMinutes())}${p(local.getUTCSeconds())} ${sign}${p(Math.floor(abs / 60))}${p(abs % 60)}`;
}

/** Line numbers (1-based) where each `<programme` start tag begins, in document order. */
function programmeLines(xml: string): number[] {
  const lines: number[] = [];
  const re = /<programme[\s>/]/g;
  let line = 1;
  let at = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    for (let i = at; i < m.index; i++) if (xml.charCodeAt(i) === 10) line++;
    at = m.index;
    lines.push(line);
  }
  return lines;
}

export interface XmltvGrid {
  slots: SlotInput[];
  problems: GridProblem[];
  /** `<channel id>` → its display names, to match a file's own channel ids to ours by name */
  displayNames: Map<string, string[]>;
}

/** Reads an XMLTV file; every problem is reported with its line and programme number, none is skipped silently. */
export function parseXmltv(xml: string): XmltvGrid {
  const source = xml.replace(/^\uFEFF/, '');
  const displayNames = new Map<string, string[]>();
  const valid = XMLValidator.validate(source);
  if (valid !== true) {
    return { slots: [], displayNames, problems: [{ line: valid.err.line, reason: 'unreadable', message: `Not well-formed XML: ${valid.err.msg}` }] };
  }
  let doc: { tv?: { channel?: XChannel[]; programme?: XProgramme[] } };
  try {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      isArray: (name) => ARRAYS.has(name),
      // the five XML entities and a DOCTYPE's own within the library's expansion limits (no billion laughs)
      processEntities: { enabled: true, maxEntityCount: 20, maxTotalExpansions: 1000, maxExpandedLength: 100_000 },
    });
    doc = parser.parse(source);
  } catch (err) {
    return { slots: [], displayNames, problems: [{ line: 0, reason: 'unreadable', message: `Not readable XMLTV: ${(err as Error).message}` }] };
  }
  if (doc.tv === ('' as unknown)) doc.tv = {}; // <tv></tv>: an empty grid
  if (!doc.tv || typeof doc.tv !== 'object') {
    return { slots: [], displayNames, problems: [{ line: 1, reason: 'unreadable', message: 'The root element is not <tv>' }] };
  }
  for (const c of doc.tv.channel ?? []) {
    if (c['@_id']) displayNames.set(c['@_id'], (c['display-name'] ?? []).map(text).filter(Boolean));
  }
  const lines = programmeLines(source);
  const problems: GridProblem[] = [];
  const slots: SlotInput[] = [];
  (doc.tv.programme ?? []).forEach((p, i) => {
    const programme = i + 1;
    const line = lines[i] ?? 0;
    const add = (reason: GridProblem['reason'], message: string) => problems.push({ line, programme, reason, message: `programme ${programme}: ${message}` });
    const channel = (p['@_channel'] ?? '').trim();
    const startsAt = parseXmltvTime(p['@_start']);
    const endsAt = parseXmltvTime(p['@_stop']);
    const topic = text(p.title?.[0]);
    const subject = text(p.category?.[0]) || null;
    const langText = text(p.language?.[0]).toLowerCase();
    const language = langText === '' ? null : (({ kk: 'kk', kz: 'kk', ru: 'ru', en: 'en' } as Record<string, 'kk' | 'ru' | 'en'>)[langText] ?? undefined);
    const gradeText = text((p['episode-num'] ?? []).find((e) => attr(e, 'system') === GRADE_SYSTEM));
    const grade = gradeText === '' ? null : /^\d{1,2}$/.test(gradeText) ? Number(gradeText) : NaN;
    const videoUrl = (p.url ?? [])
      .map(text)
      .map((u) => /\/video\/watch\/(\d{1,10})\/?$/.exec(u))
      .find(Boolean);
    const videoId = videoUrl ? Number(videoUrl[1]) : null;
    if (!channel) add('channel_empty', 'the channel attribute is empty');
    if (!startsAt || !endsAt) add('bad_time', 'start and stop are XMLTV times, e.g. "20200406102000 +0600"');
    else if (endsAt <= startsAt) add('end_not_after_start', 'stop is not after start');
    if (grade !== null && !(Number.isInteger(grade) && grade >= 0 && grade <= 12)) add('bad_grade', `episode-num system="${GRADE_SYSTEM}" is a grade 0..12`);
    if (language === undefined) add('bad_language', 'language is kk, ru or en');
    if (!topic || topic.length > 300) add('bad_topic', 'the title (the lesson topic) is 1..300 characters');
    if (subject && subject.length > 200) add('bad_topic', 'the category (the subject) is at most 200 characters');
    if (videoId !== null && !(videoId > 0 && videoId < 2 ** 31)) add('bad_video_id', 'the url names no video');
    if (
      channel &&
      startsAt &&
      endsAt &&
      endsAt > startsAt &&
      topic &&
      topic.length <= 300 &&
      language !== undefined &&
      (grade === null || (Number.isInteger(grade) && grade >= 0 && grade <= 12))
    ) {
      slots.push({ line, programme, channel, startsAt, endsAt, grade, subject, language, topic, videoId });
    }
  });
  return { slots, problems, displayNames };
}

export interface ExportSlot {
  channel: string;
  /** the channel's IANA zone: times are written with the offset in force there at that instant */
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  grade: number | null;
  subject: string | null;
  language: 'kk' | 'ru' | 'en' | null;
  topic: string;
  videoId: number | null;
}

/** The grid as an XMLTV document (channels first, then programmes in air order), readable by parseXmltv. */
export function buildXmltv(channels: { code: string; name: string }[], slots: ExportSlot[], generated: Date, timeZone = 'Asia/Almaty'): string {
  const at = (d: Date, zone: string) => formatXmltvTime(d, offsetMinutes(d, zone));
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', suppressEmptyNode: true });
  const tv = {
    '@_date': at(generated, timeZone),
    '@_generator-info-name': 'Sabaq',
    '@_source-info-name': 'Sabaq TV lessons grid',
    channel: channels.map((c) => ({ '@_id': c.code, 'display-name': [{ '#text': c.name }] })),
    programme: slots.map((s) => ({
      '@_start': at(s.startsAt, s.timeZone),
      '@_stop': at(s.endsAt, s.timeZone),
      '@_channel': s.channel,
      title: [{ '#text': s.topic, ...(s.language ? { '@_lang': s.language } : {}) }],
      ...(s.subject ? { category: [{ '#text': s.subject, ...(s.language ? { '@_lang': s.language } : {}) }] } : {}),
      ...(s.language ? { language: [{ '#text': s.language }] } : {}),
      ...(s.videoId ? { url: [{ '#text': `/video/watch/${s.videoId}` }] } : {}),
      ...(s.grade !== null ? { 'episode-num': [{ '#text': String(s.grade), '@_system': GRADE_SYSTEM }] } : {}),
    })),
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tv SYSTEM "xmltv.dtd">\n${builder.build({ tv }) as string}`;
}
