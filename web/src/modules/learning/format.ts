import type { TFunction } from 'i18next';
import { formatDate, formatNumber } from '../../ui/format.js';
import { dayMonth, isoWeekday, zonedDate, zonedTime } from './time.js';

type T = TFunction<'learning'>;

const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** "сәрсенбі" / "среда" / "Wednesday" of a school day. */
export function weekdayName(t: T, date: string): string {
  return t(`weekdays.${WEEKDAY_KEYS[isoWeekday(date) - 1]!}`);
}

export function weekdayShort(t: T, date: string): string {
  return t(`weekdaysShort.${WEEKDAY_KEYS[isoWeekday(date) - 1]!}`);
}

/** "сәрсенбі, 2020 ж. 9 желтоқсан": a day heading. */
export function longDay(t: T, date: string, language: string): string {
  return `${weekdayName(t, date)}, ${formatDate(date, language)}`;
}

/** "жм 11.12, 20:00": a due time at the school, short enough for a phone line. */
export function shortWhen(t: T, iso: string, timeZone: string): string {
  const date = zonedDate(iso, timeZone);
  if (!date) return '';
  return `${weekdayShort(t, date)} ${dayMonth(date)}, ${zonedTime(iso, timeZone)}`;
}

/** "08:30–09:15" */
export function timeRange(startsAt: string, endsAt: string, timeZone: string): string {
  return `${zonedTime(startsAt, timeZone)}–${zonedTime(endsAt, timeZone)}`;
}

/** A file size a person reads: "340 КБ", "2,4 МБ". */
export function fileSize(t: T, bytes: number, language: string): string {
  if (bytes < 1024 * 1024) return t('files.kb', { size: formatNumber(Math.max(1, Math.round(bytes / 1024)), language) });
  return t('files.mb', { size: formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10, language) });
}

/** A mark as a journal prints it: "8" on the formative scale, "18/20" for a summative out of its maximum. */
export function markText(mark: { kind: string; score: number; max: number }): string {
  return mark.kind === 'formative' ? String(mark.score) : `${mark.score}/${mark.max}`;
}

/** The school's time zone, or Kazakhstan's main one when a school has none set. */
export const zoneOr = (timeZone: string | null | undefined) => timeZone || 'Asia/Almaty';

/** "2-тоқсан" / "2 четверть" / "Quarter 2"; semesters likewise. */
export function termName(t: T, term: { kind: 'quarter' | 'semester'; number: number }): string {
  return t(term.kind === 'quarter' ? 'summary.quarter' : 'summary.semester', { n: term.number });
}
