import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../ui/feedback.js';
import { formatDate, formatNumber, localised } from '../../ui/format.js';
import { suppliesApi } from '../supplies/api.js';
import { textbookApi } from '../supplies/textbook-api.js';

/**
 * The minister's other questions on an officer's dashboard: who has no computer or internet and what
 * was provided (the supplies module's needs vs provided, small numbers already hidden there), and how
 * far the textbooks are (its supply progress). For the country, a region or a district; each table is
 * the area's children, as the figures above.
 */
export function SuppliesFigures({ kind, id, today }: { kind: string; id: number | null; today: string }) {
  const { t, i18n } = useTranslation('analytics');
  const lang = i18n.language;
  const filter = kind === 'region' ? { regionId: id! } : kind === 'district' ? { districtId: id! } : {};
  const query = kind === 'region' ? `?regionId=${id}` : kind === 'district' ? `?districtId=${id}` : '';
  const devices = useQuery({ queryKey: ['supplies', 'areas', query], queryFn: ({ signal }) => suppliesApi.areas(query, signal) });
  const textbooks = useQuery({ queryKey: ['supplies', 'textbook-progress', filter], queryFn: ({ signal }) => textbookApi.progress(filter, signal) });
  const n = (v: number | null) => (v === null ? '…' : formatNumber(v, lang));
  return (
    <>
      <section className="card">
        <h2>{t('supplies.devices')}</h2>
        <p className="muted">
          {t('asOf', { date: formatDate(today, lang) })} · {t('counts', { unit: t('unit.pupils') })}
        </p>
        <QueryView query={devices}>
          {(a) => (
            <>
              <div className="table-wrap">
                <table className="analytics-table">
                  <caption className="visually-hidden">{t('supplies.devices')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t(`kind.${a.rows[0]?.level ?? 'organisation'}`)}</th>
                      <th scope="col" className="num">
                        {t('supplies.withoutDevice')}
                      </th>
                      <th scope="col" className="num">
                        {t('supplies.withoutInternet')}
                      </th>
                      <th scope="col" className="num">
                        {t('supplies.allocated')}
                      </th>
                      <th scope="col" className="num">
                        {t('supplies.issued')}
                      </th>
                      <th scope="col" className="num">
                        {t('supplies.short')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.rows.map((r) => (
                      <tr key={r.id}>
                        <th scope="row">{localised(r.name, lang)}</th>
                        <td className="num">{n(r.withoutDevice)}</td>
                        <td className="num">{n(r.withoutInternet)}</td>
                        <td className="num">{n(r.devicesAllocated)}</td>
                        <td className="num">{n(r.devicesIssued)}</td>
                        <td className="num">{n(r.shortDevices)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="muted">{t('suppressed', { n: a.threshold })}</p>
            </>
          )}
        </QueryView>
      </section>
      <section className="card analytics-figures">
        <h2>{t('supplies.textbooks')}</h2>
        <QueryView query={textbooks}>
          {(p) => (
            <>
              <p className="muted">
                {t('asOf', { date: formatDate(p.today, lang) })} · {t('counts', { unit: t('supplies.copies') })}
              </p>
              <dl>
                <div className="analytics-figure">
                  <dt>{t('supplies.ordered')}</dt>
                  <dd>
                    <strong>{n(p.totals.ordered)}</strong>
                  </dd>
                </div>
                <div className="analytics-figure">
                  <dt>{t('supplies.delivered')}</dt>
                  <dd>
                    <strong>{n(p.totals.delivered)}</strong>
                    <small>{p.totals.deliveredPct} %</small>
                  </dd>
                </div>
                <div className="analytics-figure">
                  <dt>{t('supplies.issuedToPupils')}</dt>
                  <dd>
                    <strong>{n(p.totals.issued)}</strong>
                  </dd>
                </div>
                <div className="analytics-figure">
                  <dt>{t('supplies.late')}</dt>
                  <dd>
                    <strong>{n(p.late.length)}</strong>
                  </dd>
                </div>
              </dl>
            </>
          )}
        </QueryView>
      </section>
    </>
  );
}
