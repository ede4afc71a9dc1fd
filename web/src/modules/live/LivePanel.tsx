import { useId, useState } from 'react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/error-message.js';
import { lessonLiveQuery, startLesson } from './api.js';
import { checkConnection, type ConnectionCheck } from './connection-check.js';
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
  const [bitrate, setBitrate] = useState(256_000);
  const [record, setRecord] = useState(false);
  const [check, setCheck] = useState<ConnectionCheck | 'checking' | null>(null);
  const runCheck = async () => {
    setCheck('checking');
    const c = await checkConnection();
    setCheck(c);
    // the check suggests the mode: a slow link starts on sound only with a low cap
    if (c.slow) {
      setAudioOnly(true);
      setBitrate(96_000);
    }
  };
  const start = useMutation({
    mutationFn: () => startLesson(lessonId, audioOnly, bitrate, record),
    onSuccess: (room) => void navigate({ to: '/live/rooms/$roomId', params: { roomId: room.id } as never }),
  });
  if (!live.data) return null; // not the class's lesson, or still loading: nothing to show
  const l = live.data;
  if (!l.canStart && !l.room && !l.available) {
    return (
      <section className="card" aria-labelledby={`${id}-h`}>
        <h2 id={`${id}-h`}>{t('panel.title')}</h2>
        <p className="muted">{t('panel.off')}</p>
      </section>
    );
  }
  if (!l.canStart && !l.room && !l.canJoin) {
    return (
      <section className="card" aria-labelledby={`${id}-h`}>
        <h2 id={`${id}-h`}>{t('panel.title')}</h2>
        <p className="muted">{t('panel.notStarted')}</p>
      </section>
    );
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
          <p>
            <button type="button" className="button button--secondary" onClick={() => void runCheck()}>
              {t('panel.check')}
            </button>
          </p>
          {check && <p role="status">{check === 'checking' ? t('panel.checking') : check.slow ? t('panel.slow') : t('panel.fast')}</p>}
          <label className="lv-check">
            <input type="checkbox" checked={audioOnly} onChange={(e) => setAudioOnly(e.target.checked)} />
            {t('panel.audioOnly')}
          </label>
          <label className="lv-check">
            <input type="checkbox" checked={record} onChange={(e) => setRecord(e.target.checked)} />
            {t('panel.record')}
          </label>
          <div className="field">
            <label htmlFor={`${id}-bitrate`}>{t('panel.bitrate')}</label>
            <select id={`${id}-bitrate`} value={bitrate} onChange={(e) => setBitrate(Number(e.target.value))}>
              {[96_000, 128_000, 256_000, 512_000].map((b) => (
                <option key={b} value={b}>
                  {t('panel.kbps', { n: b / 1000 })}
                </option>
              ))}
            </select>
          </div>
          <p>
            <button type="button" className="button" disabled={start.isPending} onClick={() => start.mutate()}>
              {t('panel.start')}
            </button>
          </p>
        </>
      ) : (
        <p className="muted">{t('panel.notStarted')}</p>
      )}
      {start.isError && (
        <p className="notice notice--error" role="alert">
          {errorMessage(i18n, start.error)}
        </p>
      )}
      {(l.recordings ?? []).map((r) => (
        <p key={r.roomId} data-testid="lv-recording">
          {r.state === 'failed' ? (
            t('panel.recordingFailed')
          ) : r.videoId !== null && r.videoStatus === 'ready' ? (
            <Link to="/video/watch/$videoId" params={{ videoId: r.videoId } as never}>
              {t('panel.watchRecording')}
            </Link>
          ) : (
            t('panel.recordingProcessing')
          )}
        </p>
      ))}
    </section>
  );
}
