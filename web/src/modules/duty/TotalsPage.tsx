import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../ui/feedback.js';
import { formatNumber, localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { totalsQuery, type Totals } from './api.js';
import './duty.css';

type Row = Totals['rows'][number];

/**
 * Officers' totals of duty classes in their scope: a row per region, district or organisation,
 * drilling down by link (regionId → its districts, districtId → its organisations).
 */
export function TotalsPage({ regionId, districtId }: { regionId?: number; districtId?: number }) {
  const { t, i18n } = useTranslation(['duty', 'common']);
  const lang = i18n.language;
  useTitle(t('totals.title'));
  const totals = useQuery(totalsQuery(districtId !== undefined ? { districtId } : regionId !== undefined ? { regionId } : {}));
  const n = (v: number) => formatNumber(v, lang);
  const areaCell = (level: Totals['level'], row: Row) => {
    const name = localised(row.area.name, lang);
    if (level === 'region')
      return (
        <Link to="/duty/totals" search={{ regionId: row.area.id }}>
          {name}
        </Link>
      );
    if (level === 'district')
      return (
        <Link to="/duty/totals" search={{ regionId, districtId: row.area.id }}>
          {name}
        </Link>
      );
    return (
      <Link to="/formats/organisations/$organisationId" params={{ organisationId: row.area.id }}>
        {name}
      </Link>
    );
  };
  const cells = (r: Omit<Row, 'area'>) => (
    <>
      <td className="num">{n(r.openWindows)}</td>
      <td className="num">{n(r.applications)}</td>
      <td className="num">{n(r.placed)}</td>
      <td className="num">{n(r.waiting)}</td>
      <td className="num">{n(r.submitted)}</td>
      <td className="num">{n(r.groups)}</td>
    </>
  );
  return (
    <>
      <nav aria-label={t('common:app.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/">{t('common:app.home')}</Link>
          </li>
          {(regionId !== undefined || districtId !== undefined) && (
            <li>
              <Link to="/duty/totals" search={districtId !== undefined && regionId !== undefined ? { regionId } : {}}>
                {t('totals.up')}
              </Link>
            </li>
          )}
        </ol>
      </nav>
      <h1>{t('totals.title')}</h1>
      <QueryView query={totals}>
        {(data) =>
          data.rows.length === 0 ? (
            <p>{t('totals.none')}</p>
          ) : (
            <section className="card">
              <div className="table-wrap">
                <table className="duty-totals">
                  <caption className="visually-hidden">{t('totals.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t(`totals.${data.level}`)}</th>
                      <th scope="col" className="num">
                        {t('totals.windows')}
                      </th>
                      <th scope="col" className="num">
                        {t('totals.applications')}
                      </th>
                      <th scope="col" className="num">
                        {t('totals.placed')}
                      </th>
                      <th scope="col" className="num">
                        {t('totals.waiting')}
                      </th>
                      <th scope="col" className="num">
                        {t('totals.submitted')}
                      </th>
                      <th scope="col" className="num">
                        {t('totals.groups')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.rows.map((r) => (
                      <tr key={r.area.id}>
                        <th scope="row">{areaCell(data.level, r)}</th>
                        {cells(r)}
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">{t('totals.total')}</th>
                      {cells(data.totals)}
                    </tr>
                  </tfoot>
                </table>
              </div>
            </section>
          )
        }
      </QueryView>
    </>
  );
}
