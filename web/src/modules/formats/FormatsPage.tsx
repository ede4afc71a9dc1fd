import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useTitle } from '../../ui/useTitle.js';
import { AreasSection } from './AreasSection.js';
import { DecisionsSection } from './DecisionsSection.js';
import type { AreaFilter } from './api.js';
import './formats.css';

/**
 * The officer's formats page: the situation of their areas (record, preview, history, drill down to
 * districts and settlements) and the formats of the organisations there, with reasons.
 */
export function FormatsPage({ regionId, districtId }: AreaFilter) {
  const { t } = useTranslation(['formats', 'common']);
  useTitle(t('title'));
  const filter: AreaFilter = { regionId, districtId };
  const up = districtId !== undefined && regionId !== undefined ? { regionId } : {};
  return (
    <>
      <nav aria-label={t('common:app.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/">{t('common:app.home')}</Link>
          </li>
          {(regionId !== undefined || districtId !== undefined) && (
            <li>
              <Link to="/formats" search={up}>
                {t('areas.up')}
              </Link>
            </li>
          )}
        </ol>
      </nav>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <ul className="fd-links fd-links--inline">
        <li>
          <Link to="/formats/rules">{t('nav.rules')}</Link>
        </li>
        <li>
          <Link to="/duty/totals" search={filter}>
            {t('nav.dutyTotals')}
          </Link>
        </li>
        <li>
          <Link to="/formats/settings">{t('settings.link')}</Link>
        </li>
        <li>
          <Link to="/duty/settings">{t('settings.dutyLink')}</Link>
        </li>
      </ul>
      <AreasSection filter={filter} />
      <DecisionsSection filter={filter} />
    </>
  );
}
