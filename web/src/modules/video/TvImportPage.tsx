import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../ui/feedback.js';
import { useTitle } from '../../ui/useTitle.js';
import { VIDEO_KEY, almatyDate, almatyTime, gridProblems, videoApi, type TvGridProblem, type TvImportResult } from './api.js';
import './video.css';
import { FileInput } from '../../ui/controls.js';

type Body = { csv: string } | { xmltv: string };

/** The ministry's import of the TV grid: choose a CSV or XMLTV file, check it (a dry run), then confirm. */
export function TvImportPage() {
  const { t } = useTranslation('video');
  useTitle(t('tvImport.title'));
  const qc = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [body, setBody] = useState<Body | null>(null);
  const [preview, setPreview] = useState<TvImportResult | null>(null);
  const [created, setCreated] = useState<number | null>(null);
  const check = useMutation({
    mutationFn: async () => {
      const file = fileRef.current?.files?.[0];
      if (!file) throw new Error('no file');
      const text = await file.text();
      const next: Body = /\.xml$/i.test(file.name) || text.trimStart().startsWith('<') ? { xmltv: text } : { csv: text };
      setBody(next);
      return videoApi.importGrid(next, true);
    },
    onMutate: () => {
      setPreview(null);
      setCreated(null);
    },
    onSuccess: setPreview,
  });
  const confirm = useMutation({
    mutationFn: () => videoApi.importGrid(body!, false),
    onSuccess: (r) => {
      setCreated(r.created);
      setPreview(null);
      void qc.invalidateQueries({ queryKey: [...VIDEO_KEY, 'tv'] });
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    check.mutate();
  };
  const failed = check.error ?? confirm.error;
  return (
    <div className="video">
      <h1>{t('tvImport.title')}</h1>
      <div className="card">
        <p>{t('tvImport.intro')}</p>
        <form className="form" onSubmit={onSubmit}>
          <div className="field">
            <label htmlFor="grid-file">{t('tvImport.file')}</label>
            <FileInput id="grid-file" inputRef={fileRef} accept=".csv,.xml,text/csv,application/xml,text/xml" required />
          </div>
          <button type="submit" className="button" disabled={check.isPending}>
            {t('tvImport.check')}
          </button>
        </form>
        {failed && <Problems error={failed} />}
        {preview && (
          <div>
            <p role="status">{t('tvImport.would', { count: preview.slots.length })}</p>
            <ul className="video-list">
              {preview.slots.map((s) => (
                <li key={`${s.line}-${s.startsAt}`} className="tv-slot">
                  <span className="tv-slot__time">{almatyTime(s.startsAt)}</span>
                  <div>
                    <strong>{s.topic}</strong>
                    <p className="video-meta">
                      {[almatyDate(s.startsAt), s.channel, s.grade !== null ? t('gradeN', { grade: s.grade }) : null, s.subject, s.language]
                        .filter(Boolean)
                        .join(' · ')}
                    </p>
                  </div>
                </li>
              ))}
            </ul>
            <div className="video-actions">
              <button type="button" className="button" disabled={confirm.isPending} onClick={() => confirm.mutate()}>
                {t('tvImport.confirm')}
              </button>
            </div>
          </div>
        )}
        {created !== null && (
          <p className="notice" role="status">
            {t('tvImport.created', { count: created })}
          </p>
        )}
      </div>
    </div>
  );
}

function Problems({ error }: { error: unknown }) {
  const { t } = useTranslation('video');
  const problems = gridProblems(error);
  if (!problems.length) return <ErrorNotice error={error} />;
  return (
    <div className="notice notice--error" role="alert">
      <p>{t('tvImport.problems')}</p>
      <ul className="tv-problems">
        {problems.map((p, i) => (
          <li key={i}>
            {where(t, p)}: {t(`problem.${p.reason}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}

function where(t: ReturnType<typeof useTranslation<'video'>>['t'], p: TvGridProblem): string {
  const parts = [];
  if (p.line > 0) parts.push(t('tvImport.line', { line: p.line }));
  if (p.programme) parts.push(t('tvImport.programme', { n: p.programme }));
  return parts.join(', ') || t('tvImport.file');
}
