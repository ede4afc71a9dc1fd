import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../ui/feedback.js';
import { formatDate, localised } from '../../ui/format.js';
import { subjectsQuery, VIDEO_KEY, videoApi, videoLinksQuery, type Video } from './api.js';

const GRADES = Array.from({ length: 12 }, (_, i) => i + 1);

/** The lessons and homework a video serves (those the reader may see): date, class, subject, topic, materials, homework. */
export function ServedLessons({ videoId }: { videoId: number }) {
  const { t, i18n } = useTranslation('video');
  const id = useId();
  const q = useQuery(videoLinksQuery(videoId));
  const items = q.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('serves.title')}</h2>
      <ul className="video-list">
        {items.map((l) => (
          <li key={l.id}>
            <Link to="/learning/lessons/$lessonId" params={{ lessonId: l.lessonId }}>
              {t('serves.lesson', { date: formatDate(l.date, i18n.language), className: l.className, subject: localised(l.subject, i18n.language) })}
            </Link>
            {l.recording && <span className="muted"> — {t('serves.recording')}</span>}
            {l.topic && <p className="video-meta">{l.topic}</p>}
            {l.homeworkId !== null && l.homeworkTitle && (
              <p>
                <Link to="/learning/homework/$homeworkId" params={{ homeworkId: l.homeworkId }}>
                  {t('serves.homework', { title: l.homeworkTitle })}
                </Link>
              </p>
            )}
            {l.homeworkId === null && (
              <p className="video-meta">
                {l.materials > 0 && t('serves.materials', { count: l.materials })}
                {l.homework.map((h) => (
                  <span key={h.id}>
                    {' · '}
                    <Link to="/learning/homework/$homeworkId" params={{ homeworkId: h.id }}>
                      {t('serves.homework', { title: h.title })}
                    </Link>
                  </span>
                ))}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The uploader's (or the ministry's, for a national video) form: title, grade, subject, language, topic; and delete. */
export function EditVideo({ v }: { v: Video }) {
  const { t, i18n } = useTranslation('video');
  const id = useId();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const subjects = useQuery(subjectsQuery);
  const [title, setTitle] = useState(v.title);
  const [grade, setGrade] = useState(v.grade === null ? '' : String(v.grade));
  const [subjectId, setSubjectId] = useState(v.subjectId === null ? '' : String(v.subjectId));
  const [language, setLanguage] = useState<string>(v.language ?? '');
  const [topic, setTopic] = useState(v.topic ?? '');
  const save = useMutation({
    mutationFn: () =>
      videoApi.edit(v.id, {
        title: title.trim(),
        grade: grade ? Number(grade) : null,
        subjectId: subjectId ? Number(subjectId) : null,
        language: (language || null) as 'kk' | 'ru' | 'en' | null,
        topic: topic.trim() || null,
      }),
    onSuccess: (saved) => {
      qc.setQueryData([...VIDEO_KEY, 'one', v.id], saved);
      void qc.invalidateQueries({ queryKey: [...VIDEO_KEY, 'mine'] });
    },
  });
  const remove = useMutation({
    mutationFn: () => videoApi.remove(v.id),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: VIDEO_KEY });
      void navigate({ to: '/video/upload' });
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('edit.title')}</h2>
      <form className="form" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor={`${id}-title`}>{t('upload.videoTitle')}</label>
          <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
        </div>
        <div className="video-filters">
          <div className="field">
            <label htmlFor={`${id}-grade`}>{t('upload.grade')}</label>
            <select id={`${id}-grade`} value={grade} onChange={(e) => setGrade(e.target.value)}>
              <option value="">—</option>
              {GRADES.map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-language`}>{t('upload.language')}</label>
            <select id={`${id}-language`} value={language} onChange={(e) => setLanguage(e.target.value)}>
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
          <label htmlFor={`${id}-subject`}>{t('edit.subject')}</label>
          <select id={`${id}-subject`} value={subjectId} onChange={(e) => setSubjectId(e.target.value)}>
            <option value="">—</option>
            {(subjects.data?.items ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {localised({ kk: s.name.kk, ru: s.name.ru, en: s.name.en ?? '' }, i18n.language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-topic`}>{t('upload.topic')}</label>
          <input id={`${id}-topic`} value={topic} onChange={(e) => setTopic(e.target.value)} maxLength={300} />
        </div>
        {save.isError && <ErrorNotice error={save.error} />}
        {save.isSuccess && (
          <p className="notice" role="status">
            {t('edit.saved')}
          </p>
        )}
        <div className="video-actions">
          <button type="submit" className="button" disabled={save.isPending}>
            {t('edit.save')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(t('edit.confirmDelete'))) remove.mutate();
            }}
          >
            {t('edit.delete')}
          </button>
        </div>
        {remove.isError && <ErrorNotice error={remove.error} />}
      </form>
    </section>
  );
}
