import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { errorMessage } from '../../api/error-message.js';
import { formatNumber } from '../../ui/format.js';
import { zonedTime } from './time.js';

/**
 * A failure of this module's requests as a sentence. Where the server's details make it more
 * useful (the scale a mark must fit, the upload limit, when a lesson opens) the sentence says so;
 * otherwise it is the shared `errors.<code>` sentence.
 */
export function learningErrorText(i18n: I18n, err: unknown, timeZone?: string): string {
  const t = i18n.getFixedT(null, 'learning');
  if (isApiError(err)) {
    const d = err.details ?? {};
    const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
    switch (err.code) {
      case 'learning.mark_out_of_scale': {
        const min = n(d.min);
        const max = n(d.max);
        if (min !== null && max !== null) return t('detailed.markOutOfScale', { min, max });
        break;
      }
      case 'files.too_large': {
        const limit = n(d.limitBytes);
        if (limit !== null) {
          const mb = Math.floor((limit / (1024 * 1024)) * 10) / 10;
          return t('detailed.fileTooLarge', { limit: t('files.mb', { size: formatNumber(mb, i18n.language) }) });
        }
        break;
      }
      case 'learning.join_too_early': {
        const startsAt = typeof d.startsAt === 'string' ? Date.parse(d.startsAt) : NaN;
        const minutes = n(d.opensMinutesBefore) ?? 0;
        if (!Number.isNaN(startsAt) && timeZone) {
          return t('detailed.joinTooEarly', { time: zonedTime(new Date(startsAt - minutes * 60_000).toISOString(), timeZone) });
        }
        break;
      }
      default:
        break;
    }
  }
  return errorMessage(i18n, err);
}

/** An inline failure notice (role=alert) for a form or a button, translated; `onRetry` offers a retry. */
export function LearningError({ error, timeZone, onRetry }: { error: unknown; timeZone?: string; onRetry?: () => void }) {
  const { t, i18n } = useTranslation('common');
  return (
    <div className="notice notice--error" role="alert">
      <p>{learningErrorText(i18n, error, timeZone)}</p>
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}
