/**
 * School time. Lessons and due times are instants (UTC) shown in the school's IANA time zone, which
 * the API sends with each answer (Kazakhstan had two zones in 2020); school days are plain dates.
 * Nothing here reads the device's clock or zone: a phone set to Moscow time still shows Almaty times.
 */

const DAY_MS = 86_400_000;

/** Whole-number parts of an instant as the wall clock of `timeZone` shows them. */
function wallClock(instant: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number } {
  // en-US with h23 is present in every ICU build (reduced builds lack kk, some lack ru); we only read numbers
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute') };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "08:30": the time of an instant at the school. */
export function zonedTime(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const w = wallClock(d, timeZone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** "2020-12-09": the school day an instant falls on. */
export function zonedDate(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const w = wallClock(d, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/**
 * The instant at which the school's clock shows `date` `time` (e.g. a due time typed by a teacher),
 * as an ISO string. Found by correcting a first guess with the zone's offset at that moment, twice,
 * so a change of offset between guess and answer is handled too.
 */
export function zonedToUtc(date: string, time: string, timeZone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m || !t) throw new Error(`not a date and time: ${date} ${time}`);
  const wanted = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(t[1]), Number(t[2]));
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const w = wallClock(new Date(guess), timeZone);
    const shown = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
    guess += wanted - shown;
  }
  return new Date(guess).toISOString();
}

function parseDate(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

const toDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = parseDate(value);
  return !Number.isNaN(ms) && toDate(ms) === value;
}

export function addDays(date: string, days: number): string {
  return toDate(parseDate(date) + days * DAY_MS);
}

/** 1 = Monday … 7 = Sunday (ISO), as the timetable counts. */
export function isoWeekday(date: string): number {
  const d = new Date(parseDate(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Monday of the week a date is in: a diary week runs Monday to Sunday. */
export function weekStart(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < 62; d = addDays(d, 1)) out.push(d);
  return out;
}

/** "09.12": a short day and month, as school journals print a column. */
export function dayMonth(date: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[2]}.${m[1]}` : date;
}

/** A local date and time for `<input type="date">` / `type="time"` from an instant at the school. */
export function zonedInputs(iso: string, timeZone: string): { date: string; time: string } {
  return { date: zonedDate(iso, timeZone), time: zonedTime(iso, timeZone) };
}

/**
 * "Now" on the school's calendar: the server's school day (`today`, which the demo pins to
 * 9 December 2020) at the current time of day at the school. It decides what is overdue without
 * trusting the device's date.
 */
export function schoolNow(today: string, timeZone: string, clock: () => number = Date.now): string {
  return zonedToUtc(today, zonedTime(new Date(clock()).toISOString(), timeZone), timeZone);
}
