/**
 * Wall-clock times in an IANA time zone, from the tz database that Node's ICU carries (no fixed
 * offsets: Kazakhstan moved from +06:00 to a single +05:00 on 1 March 2024, and `Asia/Almaty` says so
 * for instants after that date and +06:00 before it).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the tz database knows this zone name. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function parts(at: Date, timeZone: string): Parts {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out as unknown as Parts;
}

/** Minutes east of UTC in force in `timeZone` at the instant `at`. */
export function offsetMinutes(at: Date, timeZone: string): number {
  const p = parts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall-clock `date` (YYYY-MM-DD) and `time` (HH:MM[:SS]) name in `timeZone`; null for a
 * date or time that does not exist. In a repeated hour (clocks moved back) the earlier instant wins.
 */
export function zonedToInstant(date: string, time: string, timeZone: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}(:\d{2})?$/.test(time)) return null;
  const wall = Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}Z`);
  if (Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 10) !== date) return null;
  // the offset before and after the wall time: try the larger (earlier instant) first
  const offsets = [
    ...new Set([
      offsetMinutes(new Date(wall - 86_400_000), timeZone),
      offsetMinutes(new Date(wall + 86_400_000), timeZone),
      offsetMinutes(new Date(wall), timeZone),
    ]),
  ].sort((a, b) => b - a);
  for (const off of offsets) {
    const at = new Date(wall - off * 60_000);
    if (offsetMinutes(at, timeZone) === off) return at;
  }
  // a wall time skipped by a change forward: take it with the offset before the change
  return new Date(wall - offsets[offsets.length - 1]! * 60_000);
}

/** The wall-clock date (YYYY-MM-DD) and time (HH:MM) of an instant in `timeZone`. */
export function zonedParts(at: Date, timeZone: string): { date: string; time: string } {
  const p = parts(at, timeZone);
  const d = (n: number) => String(n).padStart(2, '0');
  return { date: `${p.year}-${d(p.month)}-${d(p.day)}`, time: `${d(p.hour)}:${d(p.minute)}` };
}

/** The first instant of a calendar day in `timeZone`. */
export function dayStart(date: string, timeZone: string): Date {
  return zonedToInstant(date, '00:00', timeZone)!;
}

/** YYYY-MM-DD plus n days. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
