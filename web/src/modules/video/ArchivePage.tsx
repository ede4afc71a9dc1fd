import { useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../ui/feedback.js';
import { Pager } from '../../ui/Pager.js';
import { Section } from '../../ui/Section.js';
import { useTitle } from '../../ui/useTitle.js';
import { localised } from '../../ui/format.js';
import { archiveQuery, subjectsQuery, type ArchiveFilter } from './api.js';
import './video.css';

const GRADES = Array.from({ length: 12 }, (_, i) => i + 1);

/** The archive: ready lessons of the reader's school and the national ones, by grade, subject, language, with search. */
export function ArchivePage({ filter, onFilter }: { filter: ArchiveFilter; onFilter: (f: ArchiveFilter) => void }) {
  const { t, i18n } = useTranslation('video');
  useTitle(t('archive.title'));
  const q = useQuery({ ...archiveQuery(filter), placeholderData: keepPreviousData });
  const subjects = useQuery(subjectsQuery);
  const [text, setText] = useState(filter.q ?? '');
  const set = (patch: Partial<ArchiveFilter>) => onFilter({ ...filter, ...patch, page: undefined });
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    set({ q: text.trim() || undefined });
  };
  return (
    <div className="video">
      <h1>{t('archive.title')}</h1>
      <form className="video-filters" role="search" onSubmit={onSearch}>
        <div className="field">
          <label htmlFor="archive-grade">{t('archive.grade')}</label>
          <select id="archive-grade" value={filter.grade ?? ''} onChange={(e) => set({ grade: e.target.value ? Number(e.target.value) : undefined })}>
            <option value="">{t('archive.any')}</option>
            {GRADES.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="archive-language">{t('archive.language')}</label>
          <select
            id="archive-language"
            value={filter.language ?? ''}
            onChange={(e) => set({ language: (e.target.value || undefined) as ArchiveFilter['language'] })}
          >
            <option value="">{t('archive.any')}</option>
            {(['kk', 'ru', 'en'] as const).map((l) => (
              <option key={l} value={l}>
                {t(`languages.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--wide">
          <label htmlFor="archive-subject">{t('archive.subject')}</label>
          <select id="archive-subject" value={filter.subjectId ?? ''} onChange={(e) => set({ subjectId: e.target.value ? Number(e.target.value) : undefined })}>
            <option value="">{t('archive.any')}</option>
            {(subjects.data?.items ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {localised({ kk: s.name.kk, ru: s.name.ru, en: s.name.en ?? '' }, i18n.language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--wide">
          <label htmlFor="archive-q">{t('archive.search')}</label>
          <input id="archive-q" type="search" value={text} maxLength={100} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit" className="button">
          {t('archive.apply')}
        </button>
      </form>
      <Section title={t('archive.title')}>
        <QueryView query={q}>
          {(data) => (
            <>
              <p role="status">{data.total === 0 ? t('archive.empty') : t('archive.found', { count: data.total })}</p>
              <ul className="video-list">
                {data.items.map((v) => (
                  <li key={v.id}>
                    <Link to="/video/watch/$videoId" params={{ videoId: v.id }}>
                      {v.title}
                    </Link>
                    <p className="video-meta">
                      {[
                        v.grade !== null ? t('gradeN', { grade: v.grade }) : null,
                        v.language ? t(`languages.${v.language}`) : null,
                        v.topic,
                        v.durationSeconds ? t('archive.minutes', { minutes: Math.max(1, Math.round(v.durationSeconds / 60)) }) : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </p>
                  </li>
                ))}
              </ul>
              <Pager page={data.page} pageSize={data.pageSize} total={data.total} busy={q.isFetching} onChange={(page) => onFilter({ ...filter, page })} />
            </>
          )}
        </QueryView>
      </Section>
    </div>
  );
}
