import { formatDate } from '../../ui/format.js';

/** Day patterns travel as codes ('mon-wed-fri'); people read them as day names in their language. */
export const DAY_CODES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type DayCode = (typeof DAY_CODES)[number];

/** 'mon-wed-fri' → 'Monday, Wednesday, Friday'; an unknown code is shown as it is rather than dropped. */
export function dayPatternText(pattern: string, names: Record<DayCode, string>): string {
  return pattern
    .split('-')
    .filter(Boolean)
    .map((code) => ((DAY_CODES as readonly string[]).includes(code) ? names[code as DayCode] : code))
    .join(', ');
}

/** [1, 2, 3, 4] → '1–4'; [1, 3] → '1, 3' (grades as schools write them). */
export function gradeList(grades: readonly number[]): string {
  const g = [...new Set(grades)].sort((a, b) => a - b);
  if (g.length > 2 && g[g.length - 1]! - g[0]! === g.length - 1) return `${g[0]}–${g[g.length - 1]}`;
  return g.join(', ');
}

/**
 * An instant ('2020-09-02T03:15:00Z') as the day and time on this device ("2020 ж. 2 қыркүйек, 09:15"
 * in Kazakhstan): the date words come from `formatDate`, which also covers browsers without Kazakh data.
 */
export function dateTimeText(iso: string, language: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${formatDate(day, language)}, ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
