import { useMemo } from 'react';
import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../ui/feedback.js';
import { formatNumber, localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { exportUrl, overviewQuery, scopeQuery, type Overview } from './api.js';
import { FormatsChart } from './FormatsChart.js';
import { WeeklyReportForm } from './ReportsPage.js';
import { PassesFigures } from './PassesFigures.js';
import { SuppliesFigures } from './SuppliesFigures.js';
import './analytics.css';
import { TableScroll } from '../../ui/TableScroll.js';

const TABLES = ['formats', 'duty', 'attendance', 'homework', 'teaching'] as const;
const FORMAT_KEYS = ['pupils_regular', 'pupils_distance', 'pupils_duty', 'pupils_combined'] as const;
const TABLE_KEYS = [...FORMAT_KEYS, 'pupils_total', 'duty_placed', 'duty_waiting', 'att_absent', 'marks'] as const;

/** The dashboard of one area: headline figures with their dates, a chart, the children's table (click to drill down), downloads. */
export function AnalyticsPage({ area }: { area?: string }) {
  const { t } = useTranslation('analytics');
  useTitle(t('title'));
  const scope = useQuery({ ...scopeQuery, enabled: !area });
  if (!area) {
    return (
      <QueryView query={scope}>
        {(s) =>
          s.areas.length === 0 ? (
            <p>{t('none')}</p>
          ) : s.areas.length === 1 ? (
            <Dashboard area={s.areas[0]!.key} />
          ) : (
            <>
              <h1>{t('title')}</h1>
              <ul className="plain-list">
                {s.areas.map((a) => (
                  <li key={a.key}>
                    <Link to="/analytics" search={{ area: a.key }}>
                      {localised(a.name, document.documentElement.lang || 'kk')}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          )
        }
      </QueryView>
    );
  }
  return <Dashboard area={area} />;
}

function Dashboard({ area }: { area: string }) {
  const { t, i18n } = useTranslation(['analytics', 'common']);
  const lang = i18n.language;
  const overview = useQuery(overviewQuery(area));
  return <QueryView query={overview}>{(o) => <DashboardView o={o} lang={lang} t={t} />}</QueryView>;
}

function DashboardView({ o, lang, t }: { o: Overview; lang: string; t: ReturnType<typeof useTranslation<['analytics', 'common']>>['t'] }) {
  const n = (v: number | null | undefined) => (v === null || v === undefined ? '…' : formatNumber(v, lang));
  const value = (k: string) => o.figures.find((f) => f.key === k)?.value ?? null;
  const labels = useMemo(() => o.children.map((c) => localised(c.area.name, lang)), [o, lang]);
  const series = useMemo(() => FORMAT_KEYS.map((k) => ({ label: t(`figure.${k}`), data: o.children.map((c) => c.values[k] ?? null) })), [o, t]);
  return (
    <>
      <nav aria-label={t('common:app.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/">{t('common:app.home')}</Link>
          </li>
          {o.path.map((p) => (
            <li key={p.key}>
              <Link to="/analytics" search={{ area: p.key }}>
                {localised(p.name, lang)}
              </Link>
            </li>
          ))}
        </ol>
      </nav>
      <h1>
        {t('title')}: {localised(o.area.name, lang)}
      </h1>
      <p className="muted">
        {t('range', { from: o.from, to: o.to })} · {t('asOf', { date: o.asOf })}
      </p>
      {o.suppression.applied && <p className="muted">{t('suppressed', { n: o.suppression.threshold })}</p>}
      <div className="analytics-exports">
        {(['csv', 'xlsx', 'pdf'] as const).map((f) => (
          <a key={f} className="button" href={exportUrl(o.area.key, f, lang, o.from, o.to)} download>
            {t('export')} {f.toUpperCase()}
          </a>
        ))}
      </div>
      {TABLES.map((table) => (
        <section key={table} className="card analytics-figures">
          <h2>{t(`table.${table}`)}</h2>
          <dl>
            {o.figures
              .filter((f) => f.table === table)
              .map((f) => (
                <div key={f.key} className="analytics-figure">
                  <dt>{t(`figure.${f.key}`)}</dt>
                  <dd>
                    <strong>{n(f.value)}</strong>
                    <small>
                      {f.asOf ? t('asOf', { date: f.asOf }) : t('range', { from: f.from, to: f.to })} · {t('counts', { unit: t(`unit.${f.counts}`) })}
                    </small>
                  </dd>
                </div>
              ))}
          </dl>
        </section>
      ))}
      {o.children.length > 0 && o.childKind && (
        <section className="card">
          <h2>
            {t(`kind.${o.childKind}`)} · {t('children', { count: o.children.length })}
          </h2>
          {value('pupils_total') !== 0 && <FormatsChart labels={labels} series={series} title={t('table.formats')} />}
          <TableScroll label={t('table.formats')}>
            <table className="analytics-table">
              <caption className="visually-hidden">{t('table.formats')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`kind.${o.childKind}`)}</th>
                  {TABLE_KEYS.map((k) => (
                    <th key={k} scope="col" className="num">
                      {t(`figure.${k}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {o.children.map((c) => (
                  <tr key={c.area.key}>
                    <th scope="row">
                      <Link to="/analytics" search={{ area: c.area.key }}>
                        {localised(c.area.name, lang)}
                      </Link>
                    </th>
                    {TABLE_KEYS.map((k) => (
                      <td key={k} className="num">
                        {n(c.values[k])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      )}
      {/* areas with universities or colleges: campus passes from the access module (suppressed unless the reader is the organisation's health officer) */}
      {o.passes && <PassesFigures passes={o.passes} childKind={o.childKind} />}
      {/* officers' areas: devices, internet and textbooks from the supplies module (its own small-number rule), in the same answer */}
      {o.supplies && <SuppliesFigures supplies={o.supplies} today={o.asOf} />}
      <WeeklyReportForm area={o.area.key} />
    </>
  );
}
