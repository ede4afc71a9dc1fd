import { useRef, useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { Section } from '../../ui/Section.js';
import { useTitle } from '../../ui/useTitle.js';
import { formatDate } from '../../ui/format.js';
import { VIDEO_KEY, myVideosQuery, uploadVideo, videoApi, type Video } from './api.js';
import { VideoStatusLine } from './VideoStatus.js';
import './video.css';
import { FileInput } from '../../ui/controls.js';

const GRADES = Array.from({ length: 12 }, (_, i) => i + 1);

/** A teacher's (or the ministry's) upload with its sending progress, then "my videos" with each one's processing state. */
export function UploadPage() {
  const { t } = useTranslation('video');
  useTitle(t('upload.title'));
  return (
    <div className="video">
      <h1>{t('upload.title')}</h1>
      <UploadForm />
      <MyVideos />
    </div>
  );
}

function UploadForm() {
  const { t } = useTranslation('video');
  const qc = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState('');
  const [grade, setGrade] = useState('');
  const [language, setLanguage] = useState('');
  const [topic, setTopic] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [sent, setSent] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const send = useMutation({
    mutationFn: (file: File) => {
      abort.current = new AbortController();
      setProgress(0);
      return uploadVideo(
        file,
        {
          title: title.trim(),
          grade: grade ? Number(grade) : undefined,
          language: (language || undefined) as 'kk' | 'ru' | 'en' | undefined,
          topic: topic.trim() || undefined,
        },
        { onProgress: setProgress, signal: abort.current.signal },
      );
    },
    onSettled: () => setProgress(null),
    onSuccess: () => {
      setSent(true);
      setTitle('');
      setTopic('');
      if (fileRef.current) fileRef.current.value = '';
      void qc.invalidateQueries({ queryKey: [...VIDEO_KEY, 'mine'] });
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSent(false);
    const file = fileRef.current?.files?.[0];
    if (file) send.mutate(file);
  };
  const aborted = send.error instanceof DOMException && send.error.name === 'AbortError';
  return (
    <Section title={t('upload.title')}>
      <form className="form" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="video-file">{t('upload.file')}</label>
          <FileInput id="video-file" inputRef={fileRef} accept="video/*,.mp4,.mov,.webm,.mkv" required aria-describedby="video-file-hint" />
          <p className="field__hint" id="video-file-hint">
            {t('upload.hint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="video-title">{t('upload.videoTitle')}</label>
          <input id="video-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
        </div>
        <div className="video-filters">
          <div className="field">
            <label htmlFor="video-grade">{t('upload.grade')}</label>
            <select id="video-grade" value={grade} onChange={(e) => setGrade(e.target.value)}>
              <option value="">—</option>
              {GRADES.map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="video-language">{t('upload.language')}</label>
            <select id="video-language" value={language} onChange={(e) => setLanguage(e.target.value)}>
              <option value="">—</option>
              {(['kk', 'ru', 'en'] as const).map((l) => (
                <option key={l} value={l}>
                  {t(`languages.${l}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor="video-topic">{t('upload.topic')}</label>
          <input id="video-topic" value={topic} onChange={(e) => setTopic(e.target.value)} maxLength={300} />
        </div>
        {progress !== null && (
          <div role="status" aria-live="polite">
            <progress className="video-progress" max={1} value={progress} aria-label={t('upload.sending', { percent: Math.round(progress * 100) })} />
            <p>{t('upload.sending', { percent: Math.round(progress * 100) })}</p>
          </div>
        )}
        {send.isError && !aborted && <ErrorNotice error={send.error} />}
        {sent && (
          <p className="notice" role="status">
            {t('upload.sent')}
          </p>
        )}
        <div className="video-actions">
          <button type="submit" className="button" disabled={send.isPending}>
            {t('upload.send')}
          </button>
          {send.isPending && (
            <button type="button" className="button button--secondary" onClick={() => abort.current?.abort()}>
              {t('upload.cancel')}
            </button>
          )}
        </div>
      </form>
    </Section>
  );
}

function MyVideos() {
  const { t } = useTranslation('video');
  const q = useQuery(myVideosQuery);
  return (
    <Section title={t('mine.title')}>
      <QueryView query={q}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('mine.empty')}</p>
          ) : (
            <ul className="video-list">
              {data.items.map((v) => (
                <MyVideo key={v.id} v={v} />
              ))}
            </ul>
          )
        }
      </QueryView>
    </Section>
  );
}

function MyVideo({ v }: { v: Video }) {
  const { t, i18n } = useTranslation('video');
  const qc = useQueryClient();
  const retry = useMutation({ mutationFn: () => videoApi.retry(v.id), onSuccess: () => void qc.invalidateQueries({ queryKey: [...VIDEO_KEY, 'mine'] }) });
  return (
    <li aria-label={v.title}>
      <strong>{v.title}</strong>
      <p className="video-meta">{formatDate(v.createdAt.slice(0, 10), i18n.language)}</p>
      <VideoStatusLine v={v} />
      <div className="video-actions">
        {v.status === 'ready' ? (
          <Link className="button button--secondary" to="/video/watch/$videoId" params={{ videoId: v.id }}>
            {t('mine.watch')}
          </Link>
        ) : (
          v.canEdit && (
            <Link className="button button--secondary" to="/video/watch/$videoId" params={{ videoId: v.id }}>
              {t('edit.title')}
            </Link>
          )
        )}
        {v.canRetry && (
          <button type="button" className="button button--secondary" disabled={retry.isPending} onClick={() => retry.mutate()}>
            {t('mine.retry')}
          </button>
        )}
      </div>
      {retry.isError && <ErrorNotice error={retry.error} />}
    </li>
  );
}
