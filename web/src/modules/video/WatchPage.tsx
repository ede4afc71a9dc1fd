import { useEffect, useRef, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../ui/feedback.js';
import { useTitle } from '../../ui/useTitle.js';
import { videoQuery, type Video } from './api.js';
import { VideoStatusLine } from './VideoStatus.js';
import { EditVideo, ServedLessons } from './VideoEdit.js';
import './video.css';

type Quality = 'auto' | '240p' | '360p' | 'audio';

/** One video: the HLS ladder through hls.js (its light build, downloaded only on this page), the small MP4 where MediaSource is missing. */
export function WatchPage({ videoId }: { videoId: number }) {
  const { t } = useTranslation('video');
  const q = useQuery(videoQuery(videoId));
  useTitle(q.data?.title ?? t('archive.title'));
  return (
    <div className="video">
      <QueryView query={q} heading={t('archive.title')}>
        {(v) => (
          <>
            <h1>{v.title}</h1>
            {v.status === 'ready' ? (
              <Player v={v} />
            ) : (
              <>
                <p>{t('watch.notReady')}</p>
                <VideoStatusLine v={v} />
              </>
            )}
            {v.topic && <p>{v.topic}</p>}
            <ServedLessons videoId={v.id} />
            {v.canEdit && <EditVideo key={v.id} v={v} />}
            <p>
              <Link to="/video/archive">{t('watch.back')}</Link>
            </p>
          </>
        )}
      </QueryView>
    </div>
  );
}

/** Where a rung's own playlist is, beside the master playlist. */
const rungUrl = (hlsUrl: string, rung: Exclude<Quality, 'auto'>) => hlsUrl.replace(/master\.m3u8$/, `${rung}/index.m3u8`);

function Player({ v }: { v: Video }) {
  const { t } = useTranslation('video');
  const ref = useRef<HTMLVideoElement>(null);
  const [quality, setQuality] = useState<Quality>('auto');
  const [mode, setMode] = useState<'hls.js' | 'native' | 'mp4' | null>(null);

  useEffect(() => {
    const video = ref.current;
    if (!video || !v.hlsUrl) return;
    const src = quality === 'auto' ? v.hlsUrl : rungUrl(v.hlsUrl, quality);
    let destroy: (() => void) | undefined;
    let cancelled = false;
    const resumeAt = video.currentTime;
    const hasMse = typeof window !== 'undefined' && ('MediaSource' in window || 'ManagedMediaSource' in window);
    if (hasMse) {
      void import('hls.js/light').then(({ default: Hls }) => {
        if (cancelled) return;
        if (!Hls.isSupported()) {
          video.src = v.mp4Url ?? '';
          setMode('mp4');
          return;
        }
        const hls = new Hls({
          startLevel: 0, // the 240p rung (~300 kbit/s) first: a slow link starts at once
          capLevelToPlayerSize: true, // a 360 px phone never fetches more than it can show
          maxBufferLength: 20, // little read-ahead: data costs money
          startPosition: resumeAt > 0 ? resumeAt : -1,
        });
        hls.loadSource(src);
        hls.attachMedia(video);
        hls.on(Hls.Events.ERROR, (_e, data) => {
          if (!data.fatal) return;
          if (data.type === Hls.ErrorTypes.NETWORK_ERROR) hls.startLoad();
          else if (data.type === Hls.ErrorTypes.MEDIA_ERROR) hls.recoverMediaError();
          else {
            hls.destroy();
            video.src = v.mp4Url ?? '';
            setMode('mp4');
          }
        });
        setMode('hls.js');
        destroy = () => hls.destroy();
      });
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = src;
      setMode('native');
    } else {
      video.src = v.mp4Url ?? '';
      setMode('mp4');
    }
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [v.hlsUrl, v.mp4Url, quality]);

  return (
    <div>
      <video ref={ref} className="video-player" controls playsInline preload="metadata" data-player={mode ?? ''} aria-label={v.title} />
      <div className="video-filters">
        {mode !== 'mp4' && (
          <div className="field">
            <label htmlFor="watch-quality">{t('watch.quality')}</label>
            <select id="watch-quality" value={quality} onChange={(e) => setQuality(e.target.value as Quality)}>
              <option value="auto">{t('watch.auto')}</option>
              <option value="240p">240p</option>
              <option value="360p">360p</option>
              <option value="audio">{t('watch.audioOnly')}</option>
            </select>
          </div>
        )}
      </div>
      {v.mp4Url && (
        <p>
          <a href={v.mp4Url} download>
            {t('watch.download')}
          </a>
        </p>
      )}
    </div>
  );
}
