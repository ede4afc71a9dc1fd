/**
 * Dates and times typed by people, in the app's language rather than the browser's (a Kazakh
 * screen on an English browser showed "mm/dd/yyyy" and "08:00 PM" in the native pickers). One
 * written form for all three languages — day.month.year and a 24-hour clock, as Kazakhstan writes
 * them — and a forgiving reader: "9.12.2020", "09/12/2020", "09122020" and ISO "2020-12-09" are all
 * 9 December; "8:05", "08.05", "0805", "8:05 pm" are all times. Values stay ISO ('YYYY-MM-DD',
 * 'HH:MM'), so forms and the API are unchanged.
 */

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days ? `${y}-${pad(m)}-${pad(d)}` : null;
}

/** A typed date → 'YYYY-MM-DD', or null when it is not a real date. */
export function parseDate(text: string): string | null {
  const s = text.trim();
  if (!s) return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\s*[./\-\s]\s*(\d{1,2})\s*[./\-\s]\s*(\d{4})$/.exec(s);
  if (m) return validDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (m) return validDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

/** 'YYYY-MM-DD' → '09.12.2020' (what the field shows); anything else as it is. */
export function formatDateField(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** A typed time → 'HH:MM' (24-hour), or null. */
export function parseTime(text: string): string | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!s) return null;
  const m = /^(\d{1,2})(?:\s*[:.hч]\s*(\d{2})|(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/.exec(s);
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2] ?? m[3] ?? '0');
  const half = m[4]?.startsWith('p') ? 'pm' : m[4] ? 'am' : null;
  if (half) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (half === 'pm' ? 12 : 0);
  }
  if (h > 23 || min > 59) return null;
  return `${pad(h)}:${pad(min)}`;
}

/** 'YYYY-MM-DDTHH:MM' ↔ its parts (a datetime-local value, in the device's or the school's zone as the form decides). */
export function splitDateTime(value: string): { date: string; time: string } {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
  return m ? { date: m[1]!, time: m[2]! } : { date: '', time: '' };
}
export function joinDateTime(date: string | null, time: string | null): string {
  return date && time ? `${date}T${time}` : '';
}
