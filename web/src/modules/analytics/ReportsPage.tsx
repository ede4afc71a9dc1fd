import { useId, useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { formatDate, localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { deleteSubscription, reportFileUrl, reportsQuery, saveSubscription, subscriptionsQuery, type ReportFormat, type ReportSubscription } from './api.js';
import './analytics.css';

const FORMATS: ReportFormat[] = ['csv', 'xlsx', 'pdf'];
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const dayKey = (d: number) => DAY_KEYS[Math.min(7, Math.max(1, d)) - 1]!;
const LANGS = ['kk', 'ru', 'en'] as const;
type Lang = (typeof LANGS)[number];
const asLang = (v: string): Lang => ((LANGS as readonly string[]).includes(v) ? (v as Lang) : 'kk');

/**
 * The weekly report of one area, on its dashboard: subscribe (weekday, files, language), change it
 * or stop it. The report covers the past Monday–Sunday and arrives as a notification with the files.
 */
export function WeeklyReportForm({ area }: { area: string }) {
  const { t, i18n } = useTranslation('analytics');
  const id = useId();
  const queryClient = useQueryClient();
  const subscriptions = useQuery(subscriptionsQuery);
  const current = subscriptions.data?.items.find((s) => s.area.key === area);
  if (subscriptions.isPending) return null;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('reports.title')}</h2>
      <p className="muted">{t('reports.intro')}</p>
      {subscriptions.isError ? (
        <ErrorNotice error={subscriptions.error} onRetry={() => void subscriptions.refetch()} />
      ) : (
        <SubscriptionForm
          key={current?.id ?? 'new'}
          area={area}
          current={current}
          defaultLang={asLang(i18n.language)}
          onSaved={() => queryClient.invalidateQueries({ queryKey: ['analytics', 'report-subscriptions'] })}
        />
      )}
    </section>
  );
}

function SubscriptionForm({
  area,
  current,
  defaultLang,
  onSaved,
}: {
  area: string;
  current: ReportSubscription | undefined;
  defaultLang: Lang;
  onSaved: () => Promise<void>;
}) {
  const { t } = useTranslation('analytics');
  const id = useId();
  const [weekday, setWeekday] = useState(current?.weekday ?? 1);
  const [formats, setFormats] = useState<ReportFormat[]>(current?.formats ?? ['xlsx']);
  const [lang, setLang] = useState<Lang>(current?.lang ?? defaultLang);
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({ mutationFn: () => saveSubscription({ area, formats, lang, weekday }), onSuccess: onSaved });
  const stop = useMutation({ mutationFn: () => deleteSubscription(current!.id), onSuccess: onSaved });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (formats.length === 0) {
      setProblem(t('reports.chooseFormat'));
      return;
    }
    setProblem(null);
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate className="analytics-report-form">
      {current && <p role="status">{t('reports.subscribed', { day: t(`reports.weekday.${dayKey(current.weekday)}`) })}</p>}
      <div className="field">
        <label htmlFor={`${id}-day`}>{t('reports.day')}</label>
        <select id={`${id}-day`} value={weekday} onChange={(e) => setWeekday(Number(e.target.value))}>
          {WEEKDAYS.map((d) => (
            <option key={d} value={d}>
              {t(`reports.weekday.${dayKey(d)}`)}
            </option>
          ))}
        </select>
      </div>
      <fieldset aria-describedby={problem ? `${id}-problem` : undefined}>
        <legend>{t('reports.files')}</legend>
        {FORMATS.map((f) => (
          <label key={f} className="analytics-check">
            <input
              type="checkbox"
              checked={formats.includes(f)}
              onChange={(e) => setFormats((s) => (e.target.checked ? FORMATS.filter((x) => x === f || s.includes(x)) : s.filter((x) => x !== f)))}
            />{' '}
            {f.toUpperCase()}
          </label>
        ))}
        {problem && (
          <p id={`${id}-problem`} className="form__error" role="alert">
            {problem}
          </p>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-lang`}>{t('reports.language')}</label>
        <select id={`${id}-lang`} value={lang} onChange={(e) => setLang(asLang(e.target.value))}>
          {LANGS.map((l) => (
            <option key={l} value={l}>
              {t(`reports.lang.${l}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="analytics-exports">
        <button type="submit" className="button" disabled={save.isPending}>
          {current ? t('reports.save') : t('reports.subscribe')}
        </button>
        {current && (
          <button type="button" className="button button--secondary" disabled={stop.isPending} onClick={() => stop.mutate()}>
            {t('reports.stop')}
          </button>
        )}
      </div>
      {save.isSuccess && !save.isPending && <p role="status">{t('reports.saved')}</p>}
      {save.isError && <ErrorNotice error={save.error} />}
      {stop.isError && <ErrorNotice error={stop.error} />}
      <p>
        <Link to="/analytics/reports">{t('reports.all')}</Link>
      </p>
    </form>
  );
}

/** `/analytics/reports`: my subscriptions and the reports of the last weeks, with their files. */
export function ReportsPage() {
  const { t, i18n } = useTranslation(['analytics', 'common']);
  const lang = i18n.language;
  useTitle(t('reports.title'));
  const queryClient = useQueryClient();
  const subscriptions = useQuery(subscriptionsQuery);
  const reports = useQuery(reportsQuery);
  const stop = useMutation({
    mutationFn: (id: number) => deleteSubscription(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['analytics', 'report-subscriptions'] }),
  });
  return (
    <div className="analytics-reports">
      <h1>{t('reports.title')}</h1>
      <p className="muted">{t('reports.intro')}</p>
      <section className="card">
        <h2>{t('reports.mine')}</h2>
        <QueryView query={subscriptions}>
          {(s) =>
            s.items.length === 0 ? (
              <p>
                {t('reports.noSubscriptions')} <Link to="/analytics">{t('open')}</Link>
              </p>
            ) : (
              <ul className="plain-list">
                {s.items.map((x) => (
                  <li key={x.id}>
                    <Link to="/analytics" search={{ area: x.area.key }}>
                      {localised(x.area.name, lang)}
                    </Link>{' '}
                    · {t(`reports.weekday.${dayKey(x.weekday)}`)} · {x.formats.map((f) => f.toUpperCase()).join(', ')} · {t(`reports.lang.${x.lang}`)}{' '}
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={stop.isPending}
                      onClick={() => stop.mutate(x.id)}
                      aria-label={`${t('reports.stop')}: ${localised(x.area.name, lang)}`}
                    >
                      {t('reports.stop')}
                    </button>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryView>
        {stop.isError && <ErrorNotice error={stop.error} />}
      </section>
      <section className="card">
        <h2>{t('reports.received')}</h2>
        <QueryView query={reports}>
          {(r) =>
            r.items.length === 0 ? (
              <p>{t('reports.noReports')}</p>
            ) : (
              <ul className="plain-list">
                {r.items.map((x) => (
                  <li key={x.id} aria-label={t('range', { from: formatDate(x.from, lang), to: formatDate(x.to, lang) })}>
                    <strong>{x.area ? localised(x.area.name, lang) : t('reports.outOfScope')}</strong> ·{' '}
                    {t('range', { from: formatDate(x.from, lang), to: formatDate(x.to, lang) })}
                    {x.status === 'queued' && <span> · {t('reports.queued')}</span>}
                    {x.status === 'failed' && <span> · {t('reports.failed')}</span>}
                    {x.files.length > 0 && (
                      <span className="analytics-exports">
                        {x.files.map((f) => (
                          <a key={f.format} className="button" href={reportFileUrl(x.id, f.format)} download={f.fileName}>
                            {t('export')} {f.format.toUpperCase()}
                          </a>
                        ))}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )
          }
        </QueryView>
      </section>
    </div>
  );
}
