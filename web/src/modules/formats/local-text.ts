/** A text stored either once or per interface language ({kk, ru, en}); the reader's language, else any. */
export function localText(value: unknown, lang: string): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return '';
  const v = value as Record<string, unknown>;
  for (const l of [lang, 'ru', 'kk', 'en']) if (typeof v[l] === 'string' && v[l]) return v[l] as string;
  return '';
}
