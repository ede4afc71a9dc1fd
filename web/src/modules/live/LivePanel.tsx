import { useId, useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/error-message.js';
import { lessonLiveQuery, startLesson } from './api.js';
import './live.css';

/**
 * The lesson page's live card: the teacher starts the live lesson (sound only for slow links), the
 * class joins while it runs; when the media server is off it says so and points to the recording or TV.
 */
export function LivePanel({ lessonId }: { lessonId: number }) {
  const { t, i18n } = useTranslation('live');
  const id = useId();
  const navigate = useNavigate();
  const live = useQuery({ ...lessonLiveQuery(lessonId), enabled: lessonId > 0, refetchInterval: 30_000 });
  const [audioOnly, setAudioOnly] = useState(false);
  const start = useMutation({
    mutationFn: () => startLesson(lessonId, audioOnly),
    onSuccess: (room) => void navigate({ to: '/live/rooms/$roomId', params: { roomId: room.id } as never }),
  });
  if (!live.data) return null; // not the class's lesson, or still loading: nothing to show
  const l = live.data;
  if (!l.canStart && !l.room && !l.available) {
    return <section className="card" aria-labelledby={`${id}-h`}><h2 id={`${id}-h`}>{t('panel.title')}</h2><p className="muted">{t('panel.off')}</p></section>;
  }
  if (!l.canStart && !l.room && !l.canJoin) {
    return <section className="card" aria-labelledby={`${id}-h`}><h2 id={`${id}-h`}>{t('panel.title')}</h2><p className="muted">{t('panel.notStarted')}</p></section>;
  }
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('panel.title')}</h2>
      {l.room ? (
        <>
          <p className="lv-live">{t('panel.running')}</p>
          {l.canJoin && (
            <button type="button" className="button" onClick={() => void navigate({ to: '/live/rooms/$roomId', params: { roomId: l.room!.id } as never })}>
              {l.canStart ? t('panel.enter') : t('panel.join')}
            </button>
          )}
        </>
      ) : l.canStart ? (
        <>
          <label className="lv-check">
            <input type="checkbox" checked={audioOnly} onChange={(e) => setAudioOnly(e.target.checked)} />
            {t('panel.audioOnly')}
          </label>
          <p><button type="button" className="button" disabled={start.isPending} onClick={() => start.mutate()}>{t('panel.start')}</button></p>
        </>
      ) : <p className="muted">{t('panel.notStarted')}</p>}
      {start.isError && <p className="notice notice--error" role="alert">{errorMessage(i18n, start.error)}</p>}
    </section>
  );
}
