import type { Language } from '../i18n.js';

type Localised = { kk: string; ru: string; en: string };

/** A name stored in the three languages, in the interface language (falling back if one is empty). */
export function localised(name: Localised | null | undefined, language: string): string {
  if (!name) return '';
  const lang = (['kk', 'ru', 'en'].includes(language) ? language : 'kk') as Language;
  return name[lang] || name.ru || name.kk || name.en;
}

/** "Last First Middle", the order used in Kazakhstan's school documents. */
export function fullName(p: { lastName: string; firstName: string; middleName: string | null }): string {
  return [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');
}

/*
 * Kazakh by hand: browsers built with reduced ICU data (Debian's chromium, some Android WebViews)
 * have no Kazakh locale and print "2010 M03 14" and "1,234". Kazakh writes long dates as CLDR's
 * "2010 ж. 14 наурыз" and groups numbers like Russian ("1 234 567,5").
 */
const KK_MONTHS = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'];

/** A calendar date ('YYYY-MM-DD') in the interface language; read as UTC so no time zone shifts the day. */
export function formatDate(isoDate: string, language: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (language === 'kk') return `${year} ж. ${day} ${KK_MONTHS[month - 1] ?? ''}`;
  const date = new Date(Date.UTC(year, month - 1, day));
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

export function formatNumber(n: number, language: string): string {
  return new Intl.NumberFormat(language === 'kk' ? 'ru' : language).format(n);
}

/** "Last F. M.", for tight spaces (a table cell on a phone). */
export function shortName(p: { lastName: string; firstName: string; middleName: string | null }): string {
  const initial = (s: string | null) => (s ? `${[...s][0]}.` : '');
  return [p.lastName, initial(p.firstName), initial(p.middleName)].filter(Boolean).join(' ');
}
