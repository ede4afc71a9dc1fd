import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../identity/api.js';
import { Section } from '../../ui/Section.js';

const ROLES = new Set(['ministry_officer', 'region_officer', 'district_officer', 'org_admin', 'teacher']);

/** A way to the dashboards for officers, school admins and teachers. */
/** Asked first, before the module's strings are needed: a person without the role fetches none of them (i18n.ts). */
export function AnalyticsHomeSections({ me }: { me: Me }) {
  return me.roles.some((r) => ROLES.has(r.role)) ? <AnalyticsHomeSection me={me} /> : null;
}

function AnalyticsHomeSection({ me }: { me: Me }) {
  const { t } = useTranslation('analytics');
  if (!me.roles.some((r) => ROLES.has(r.role))) return null;
  return (
    <Section title={t('title')}>
      <p>{t('intro')}</p>
      <p>
        <Link to="/analytics">{t('open')}</Link>
      </p>
      <p>
        <Link to="/analytics/reports">{t('reports.title')}</Link>
      </p>
    </Section>
  );
}
