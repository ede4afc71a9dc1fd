import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber, localised } from '../../ui/format.js';
import type { Overview } from './api.js';
import { TableScroll } from '../../ui/TableScroll.js';

/**
 * The minister's other questions on an officer's dashboard: who has no computer or internet and what
 * was provided (the supplies module's needs vs provided, small numbers already hidden there), and how
 * far the textbooks are (its supply progress). For the country, a region or a district; each table is
 * the area's children, as the figures above. Read from the overview (which asks the supplies module's
 * use cases), so the dashboard makes one request and the exported files carry the same figures.
 */
export function SuppliesFigures({ supplies, today }: { supplies: NonNullable<Overview['supplies']>; today: string }) {
  const { t, i18n } = useTranslation('analytics');
  const lang = i18n.language;
  const n = (v: number | null) => (v === null ? '…' : formatNumber(v, lang));
  const a = supplies.devices;
  const p = supplies.textbooks;
  return (
    <>
      {a && (
        <section className="card">
          <h2>{t('supplies.devices')}</h2>
          <p className="muted">
            {t('asOf', { date: formatDate(today, lang) })} · {t('counts', { unit: t('unit.pupils') })}
          </p>

          <TableScroll label={t('supplies.devices')}>
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
          </TableScroll>
          <p className="muted">{t('suppressed', { n: a.threshold })}</p>
        </section>
      )}
      {p && (
        <section className="card analytics-figures">
          <h2>{t('supplies.textbooks')}</h2>

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
                <strong>{n(p.totals.lateSchools)}</strong>
              </dd>
            </div>
          </dl>
        </section>
      )}
    </>
  );
}
