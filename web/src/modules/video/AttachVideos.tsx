import { useId, useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../ui/feedback.js';
import { archiveQuery, attachedQuery, myVideosQuery, VIDEO_KEY, videoApi, type AttachTarget, type Video } from './api.js';
import { VideoStatusLine } from './VideoStatus.js';
import './video.css';

/**
 * On a lesson's (or a homework's) page, for its teacher and the school's admin: the videos attached
 * here with their state, "take off", and "attach" from the teacher's own videos (also one still
 * processing: the class sees it once ready) or from the archive (searched, the lesson's subject first).
 * Renders nothing for those who may not attach.
 */
export function AttachVideos({ target, subjectId }: { target: AttachTarget; subjectId?: number }) {
  const { t } = useTranslation('video');
  const id = useId();
  const qc = useQueryClient();
  const attached = useQuery(attachedQuery(target));
  const [choice, setChoice] = useState('');
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const mine = useQuery({ ...myVideosQuery, enabled: attached.data?.canAttach === true });
  const archive = useQuery({ ...archiveQuery({ subjectId, q: search || undefined }), enabled: attached.data?.canAttach === true });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: [...VIDEO_KEY, 'attached'] });
    // the lesson / homework page's own answer carries the ready videos too
    void qc.invalidateQueries({ queryKey: ['learning'] });
  };
  const attach = useMutation({
    mutationFn: (videoId: number) => videoApi.attach(videoId, target),
    onSuccess: () => {
      setChoice('');
      refresh();
    },
  });
  const detach = useMutation({ mutationFn: (a: { videoId: number; linkId: number }) => videoApi.detach(a.videoId, a.linkId), onSuccess: refresh });
  if (!attached.data?.canAttach) return null;
  const here = new Set(attached.data.items.map((i) => i.video.id));
  const candidates = new Map<number, Video>();
  for (const v of mine.data?.items ?? []) if (v.status !== 'failed' && !here.has(v.id)) candidates.set(v.id, v);
  const fromArchive = (archive.data?.items ?? []).filter((v) => !here.has(v.id) && !candidates.has(v.id));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (choice) attach.mutate(Number(choice));
  };
  return (
    <section className="card video-attach" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('attach.title')}</h2>
      {attached.data.items.length === 0 ? (
        <p className="muted">{t('attach.none')}</p>
      ) : (
        <ul className="video-list">
          {attached.data.items.map(({ linkId, video }) => (
            <li key={linkId} aria-label={video.title}>
              {video.status === 'ready' ? (
                <Link to="/video/watch/$videoId" params={{ videoId: video.id }}>
                  <strong>{video.title}</strong>
                </Link>
              ) : (
                <strong>{video.title}</strong>
              )}
              {video.status !== 'ready' && <VideoStatusLine v={video} />}
              <div className="video-actions">
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={detach.isPending}
                  onClick={() => detach.mutate({ videoId: video.id, linkId })}
                >
                  {t('attach.remove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {detach.isError && <ErrorNotice error={detach.error} />}
      <form className="form" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('attach.search')}</label>
          <div className="video-actions">
            <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} maxLength={100} />
            <button type="button" className="button button--secondary" onClick={() => setSearch(q.trim())}>
              {t('archive.apply')}
            </button>
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-v`}>{t('attach.choose')}</label>
          <select id={`${id}-v`} value={choice} onChange={(e) => setChoice(e.target.value)} required>
            <option value="">—</option>
            {candidates.size > 0 && (
              <optgroup label={t('mine.title')}>
                {[...candidates.values()].map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.title}
                    {v.status !== 'ready' ? ` (${t(`status.${v.status}`, { percent: Math.round(v.progress * 100) })})` : ''}
                  </option>
                ))}
              </optgroup>
            )}
            {fromArchive.length > 0 && (
              <optgroup label={t('archive.title')}>
                {fromArchive.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.title}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
          <p className="field__hint">{t('attach.hint')}</p>
        </div>
        {attach.isError && <ErrorNotice error={attach.error} />}
        <div className="video-actions">
          <button type="submit" className="button" disabled={attach.isPending || !choice}>
            {t('attach.send')}
          </button>
          <Link className="button button--secondary" to="/video/upload">
            {t('attach.upload')}
          </Link>
        </div>
      </form>
    </section>
  );
}
