import { useTranslation } from 'react-i18next';
import type { Video } from './api.js';

/** Queued / processing N % (with a bar) / ready / failed with the reason in the reader's language. */
export function VideoStatusLine({ v }: { v: Video }) {
  const { t, i18n } = useTranslation('video');
  if (v.status === 'transcoding') {
    const percent = Math.round(v.progress * 100);
    return (
      <div role="status">
        <progress className="video-progress" max={1} value={v.progress} aria-label={t('status.transcoding', { percent })} />
        <p>{t('status.transcoding', { percent })}</p>
      </div>
    );
  }
  if (v.status === 'failed') {
    const key = `errors.${v.failure?.code ?? 'video.transcode_failed'}`;
    const reason = i18n.exists(key, { ns: 'common' })
      ? i18n.t(key as never, { ns: 'common' })
      : i18n.t('errors.video.transcode_failed' as never, { ns: 'common' });
    return (
      <p className="form__error" role="status">
        {t('status.failed')}. {t('mine.reason', { reason: String(reason) })}
      </p>
    );
  }
  return <p role="status">{t(`status.${v.status}`)}</p>;
}
