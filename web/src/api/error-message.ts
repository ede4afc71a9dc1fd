import type { i18n as I18n } from 'i18next';
import { isApiError } from './client.js';

/** Server codes are `<module>.<reason>`; anything else is not looked up (never shown raw either). */
const CODE = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;

/**
 * The sentence a person reads for a failure: `errors.<code>` in the current language, with the
 * values the sentence needs (minutes to wait), or a generic sentence for codes we do not know.
 * Never a raw code, an English server message or a stack.
 */
export function errorMessage(i18n: I18n, err: unknown): string {
  const t = i18n.t as (key: string, options?: Record<string, unknown>) => string;
  if (isApiError(err) && CODE.test(err.code)) {
    const key = `errors.${err.code}`;
    if (i18n.exists(key, { ns: 'common' })) {
      return t(key, { ns: 'common', ...valuesFor(err.details) });
    }
  }
  return t('errors.generic', { ns: 'common' });
}

function valuesFor(details: Record<string, unknown> | undefined): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const seconds = Number(details?.retryAfterSeconds);
  // rounded up: "try again in 0 minutes" would be wrong, and a person waits whole minutes anyway
  values.minutes = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 1;
  return values;
}
