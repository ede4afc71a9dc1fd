import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../ui/feedback.js';
import { Pager } from '../../ui/Pager.js';
import { fullName, localised } from '../../ui/format.js';
import { api } from '../../api/client.js';
import type { AdminApplication, DutyWindow } from './api.js';
import { dateTimeText } from './days.js';

const PAGE_SIZE = 20;
const STATUSES = ['submitted', 'placed', 'waiting', 'withdrawn'] as const;
type Status = (typeof STATUSES)[number];

/** Every application of a window, filtered by status, 20 a page (a school's list runs to hundreds on a phone). */
export function ApplicationsSection({ window }: { window: DutyWindow }) {
  const { t, i18n } = useTranslation('duty');
  const lang = i18n.language;
  const id = useId();
  const [status, setStatus] = useState<Status | ''>('');
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['duty', 'windows', window.id, 'applications', status],
    queryFn: ({ signal }) => api.get<{ items: AdminApplication[] }>(`/api/duty/windows/${window.id}/applications`, { query: status ? { status } : {}, signal }),
  });
  const reasonText = (codes: string[]) =>
    codes
      .map((c) => {
        const r = window.reasons.find((x) => x.code === c);
        return r ? localised(r.label, lang) : c;
      })
      .join('; ');
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('applications.title')}</h2>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('applications.status')}</label>
        <select
          id={`${id}-status`}
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as Status | '');
            setPage(1);
          }}
        >
          <option value="">{t('applications.all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <QueryView query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('applications.none')}</p>
          ) : (
            <>
              <p role="status">{t('applications.count', { count: data.items.length })}</p>
              <ul className="plain-list duty-waiting">
                {data.items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((a) => (
                  <li key={a.id}>
                    <p className="duty-members__name">
                      {fullName(a.child)} <span className="muted">{a.class.name}</span>
                    </p>
                    <dl className="facts fd-compact">
                      <dt>{t('applications.status')}</dt>
                      <dd>{t(`status.${a.status}`)}</dd>
                      <dt>{t('window.priority')}</dt>
                      <dd>{a.priority}</dd>
                      <dt>{t('window.reasons')}</dt>
                      <dd>{reasonText(a.reasons)}</dd>
                      <dt>{t('window.submittedAt')}</dt>
                      <dd>{dateTimeText(a.submittedAt, lang)}</dd>
                    </dl>
                  </li>
                ))}
              </ul>
              <Pager page={page} pageSize={PAGE_SIZE} total={data.items.length} onChange={setPage} />
            </>
          )
        }
      </QueryView>
    </section>
  );
}
