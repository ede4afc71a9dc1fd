import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { errorMessage } from '../../api/error-message.js';
import { QueryView } from '../../ui/feedback.js';
import { useTitle } from '../../ui/useTitle.js';
import {
  askQuestion,
  broadcastQuery,
  endBroadcast,
  goOnAir,
  keepBroadcast,
  moderateQuestion,
  openBroadcast,
  questionsQuery,
  reportWatching,
  type Broadcast,
  type Question,
} from './api.js';
import { JanusSession } from './janus.js';
import './live.css';

/** One school- or district-wide meeting: the presenter's page (publish, moderate questions) or the viewer's (live HLS, ask). */
export default function BroadcastPage({ broadcastId }: { broadcastId: number }) {
  const { t } = useTranslation('live');
  const b = useQuery(broadcastQuery(broadcastId));
  useTitle(b.data?.topic ?? t('broadcast.title'));
  return (
    <QueryView query={b}>
      {(x) => (
        <>
          <h1>{x.topic}</h1>
          <p>
            {x.scope === 'school' ? t('broadcast.scopeSchool') : t('broadcast.scopeDistrict')} ·{' '}
            <span className={x.state === 'live' ? 'lv-live' : 'muted'} data-state={x.state}>
              {t(`broadcast.state_${x.state}`)}
            </span>
          </p>
          {!x.media.available && x.state !== 'ended' && (
            <p className="notice" role="status">
              {t('broadcast.mediaOff', { missing: x.media.missing.map((m) => (m === 'janus' ? 'Janus' : 'ffmpeg')).join(', ') })}
            </p>
          )}
          {x.isHost ? <Presenter b={x} /> : <Viewer b={x} />}
        </>
      )}
    </QueryView>
  );
}

/** The presenter: camera and microphone into their Janus room, then the server starts the re-broadcast. */
function Presenter({ b }: { b: Broadcast }) {
  const { t, i18n } = useTranslation('live');
  const queryClient = useQueryClient();
  const own = useRef<HTMLVideoElement>(null);
  const session = useRef<JanusSession | null>(null);
  const stream = useRef<MediaStream | null>(null);
  const [busy, setBusy] = useState(false);
  const [soundOnly, setSoundOnly] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: broadcastQuery(b.id).queryKey });

  useEffect(
    () => () => {
      for (const tr of stream.current?.getTracks() ?? []) tr.stop();
      void session.current?.destroy();
    },
    [],
  );

  const published = useRef<{ publisherId: number; audioMid: string; videoMid: string | null } | null>(null);
  const onAirWithRetry = async (body: { publisherId: number; audioMid: string; videoMid: string | null }) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await goOnAir(b.id, body);
        return;
      } catch (err) {
        if (!(isApiError(err) && err.code === 'live.not_publishing') || attempt >= 10) throw err;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  };
  const goLive = async () => {
    setBusy(true);
    setError(null);
    try {
      // still publishing (the stream stopped on the server's side): only the forward starts again
      if (session.current && published.current) {
        await onAirWithRetry(published.current);
        refresh();
        return;
      }
      const ticket = await openBroadcast(b.id);
      const s = new JanusSession(ticket, ticket.iceServers);
      session.current = s;
      await s.connect();
      const handle = await s.attach();
      const joined = await s.join(handle);
      const media = await navigator.mediaDevices.getUserMedia({ audio: true, video: soundOnly ? false : { width: 640, height: 360 } });
      stream.current = media;
      if (own.current) own.current.srcObject = media;
      const pc = await s.publish(handle, media);
      // Janus lists the presenter as publishing once the connection is up: wait for that state
      await new Promise<void>((resolve, reject) => {
        const check = () => {
          if (pc.connectionState === 'connected') resolve();
          else if (pc.connectionState === 'failed') reject(new Error('connection failed'));
        };
        pc.addEventListener('connectionstatechange', check);
        check();
      });
      const audioMid = s.publishedStreams.find((x) => x.type === 'audio')?.mid;
      const videoMid = s.publishedStreams.find((x) => x.type === 'video')?.mid ?? null;
      if (!audioMid) throw new Error('no audio stream');
      published.current = { publisherId: joined.id, audioMid, videoMid };
      await onAirWithRetry(published.current);
      refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const end = useMutation({
    mutationFn: () => endBroadcast(b.id),
    onSuccess: () => {
      for (const tr of stream.current?.getTracks() ?? []) tr.stop();
      void session.current?.destroy();
      session.current = null;
      published.current = null;
      refresh();
    },
  });
  const onAir = b.state === 'starting' || b.state === 'live';
  return (
    <>
      {b.viewers && <p role="status">{t('broadcast.viewers', b.viewers)}</p>}
      <div className="lv-stage">
        <video ref={own} className="lv-video" autoPlay muted playsInline aria-label={t('broadcast.ownVideo')} hidden={!stream.current} />
      </div>
      {b.state !== 'ended' && (
        <div className="lv-controls">
          {(!onAir || !published.current) && b.media.available && !published.current && (
            <label className="lv-check">
              <input type="checkbox" checked={soundOnly} onChange={(e) => setSoundOnly(e.target.checked)} />
              {t('broadcast.soundOnly')}
            </label>
          )}
          {(!onAir || !published.current) && b.media.available && (
            <button type="button" className="button" disabled={busy} onClick={() => void goLive()}>
              {busy ? t('broadcast.goingLive') : t('broadcast.goLive')}
            </button>
          )}
          <button type="button" className="button button--secondary" disabled={end.isPending} onClick={() => end.mutate()}>
            {t('broadcast.end')}
          </button>
        </div>
      )}
      {b.state === 'failed' && b.problem && <p className="notice notice--error">{t('broadcast.state_failed')}</p>}
      <KeepAsVideo b={b} />
      {(error || end.isError) && (
        <p className="notice notice--error" role="alert">
          {error instanceof Error && !isApiError(error) ? t('room.noCamera') : errorMessage(i18n, error ?? end.error)}
        </p>
      )}
      <Questions b={b} />
    </>
  );
}

/** After the end: keep the meeting's recording as a video of the school's archive, then a link to it. */
function KeepAsVideo({ b }: { b: Broadcast }) {
  const { t, i18n } = useTranslation('live');
  const queryClient = useQueryClient();
  const keep = useMutation({
    mutationFn: () => keepBroadcast(b.id),
    onSuccess: (next) => queryClient.setQueryData(broadcastQuery(b.id).queryKey, next),
  });
  if (b.keptVideoId !== null)
    return (
      <p role="status">
        {t('broadcast.kept')} <a href={`/video/watch/${b.keptVideoId}`}>{t('broadcast.openKept')}</a>
      </p>
    );
  if (!b.canKeep) return null;
  return (
    <div className="lv-controls">
      <button type="button" className="button" disabled={keep.isPending} onClick={() => keep.mutate()}>
        {t('broadcast.keep')}
      </button>
      <p className="field__hint">{t('broadcast.keepHint')}</p>
      {keep.isError && (
        <p className="notice notice--error" role="alert">
          {errorMessage(i18n, keep.error)}
        </p>
      )}
    </div>
  );
}

/** The viewer: the live HLS with hls.js (loaded only here), presence reported while it plays. */
function Viewer({ b }: { b: Broadcast }) {
  const { t } = useTranslation('live');
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video || !b.hlsUrl) return;
    let destroy: (() => void) | undefined;
    let cancelled = false;
    const hasMse = 'MediaSource' in window || 'ManagedMediaSource' in window;
    if (hasMse) {
      void import('hls.js/light').then(({ default: Hls }) => {
        if (cancelled || !Hls.isSupported()) return;
        const hls = new Hls({ startLevel: 0, liveSyncDurationCount: 3, maxBufferLength: 10 });
        hls.loadSource(b.hlsUrl!);
        hls.attachMedia(video);
        hls.on(Hls.Events.MANIFEST_PARSED, () => void video.play().catch(() => undefined));
        hls.on(Hls.Events.ERROR, (_e, data) => {
          if (!data.fatal) return;
          if (data.type === Hls.ErrorTypes.NETWORK_ERROR) hls.startLoad();
          else if (data.type === Hls.ErrorTypes.MEDIA_ERROR) hls.recoverMediaError();
        });
        destroy = () => hls.destroy();
      });
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) video.src = b.hlsUrl;
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [b.hlsUrl]);
  // attendance: every 15 s while the stream plays
  useEffect(() => {
    if (b.state !== 'live') return;
    const beat = () => {
      const v = ref.current;
      if (v && !v.paused && v.readyState >= 2) void reportWatching(b.id).catch(() => undefined);
    };
    const first = setTimeout(beat, 3_000);
    const timer = setInterval(beat, 15_000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [b.id, b.state]);
  return (
    <>
      {b.state === 'live' ? (
        <video ref={ref} className="lv-video" controls playsInline muted aria-label={t('broadcast.player')} />
      ) : (
        <p className="muted">{b.state === 'ended' ? t('broadcast.ended') : t('broadcast.notYet')}</p>
      )}
      <Questions b={b} />
    </>
  );
}

function Questions({ b }: { b: Broadcast }) {
  const { t, i18n } = useTranslation('live');
  const id = useId();
  const queryClient = useQueryClient();
  const list = useQuery(questionsQuery(b.id));
  const [text, setText] = useState('');
  const invalidate = () => void queryClient.invalidateQueries({ queryKey: questionsQuery(b.id).queryKey });
  const ask = useMutation({
    mutationFn: () => askQuestion(b.id, text),
    onSuccess: () => {
      setText('');
      invalidate();
    },
  });
  const moderate = useMutation({
    mutationFn: (a: { q: Question; state: 'shown' | 'answered' | 'hidden' }) => moderateQuestion(b.id, a.q.id, a.state),
    onSuccess: invalidate,
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) ask.mutate();
  };
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('broadcast.questions')}</h2>
      {!b.isHost && b.state !== 'ended' && (
        <form className="form" onSubmit={onSubmit}>
          <div className="field">
            <label htmlFor={`${id}-q`}>{t('broadcast.ask')}</label>
            <textarea id={`${id}-q`} value={text} maxLength={500} rows={2} required onChange={(e) => setText(e.target.value)} />
          </div>
          <button type="submit" className="button" disabled={ask.isPending}>
            {t('broadcast.send')}
          </button>
          {ask.isSuccess && <p role="status">{t('broadcast.sent')}</p>}
        </form>
      )}
      {(ask.isError || moderate.isError) && (
        <p className="notice notice--error" role="alert">
          {errorMessage(i18n, ask.error ?? moderate.error)}
        </p>
      )}
      <QueryView query={list}>
        {(l) =>
          l.items.length === 0 ? (
            <p className="muted">{t('broadcast.noQuestions')}</p>
          ) : (
            <ul className="lv-list" aria-label={t('broadcast.questions')}>
              {l.items.map((q) => (
                <li key={q.id} data-state={q.state}>
                  <p>{q.body}</p>
                  <p className="muted">
                    {q.asker ?? (q.mine ? t('broadcast.mine') : '')} · {t(`broadcast.qstate_${q.state}`)}
                  </p>
                  {b.isHost && (
                    <div className="lv-controls">
                      {(['shown', 'answered', 'hidden'] as const)
                        .filter((s) => s !== q.state)
                        .map((s) => (
                          <button
                            key={s}
                            type="button"
                            className="button button--secondary"
                            disabled={moderate.isPending}
                            onClick={() => moderate.mutate({ q, state: s })}
                          >
                            {t(s === 'shown' ? 'broadcast.show' : s === 'answered' ? 'broadcast.answered' : 'broadcast.hide')}
                          </button>
                        ))}
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </section>
  );
}
