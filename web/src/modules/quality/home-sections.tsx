import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../identity/api.js';
import { Section } from '../../ui/Section.js';

const ROLES = new Set(['org_admin', 'district_officer', 'region_officer', 'ministry_officer']);

/**
 * Ways into quality: the admin's self-assessment of each school, the officer's list to review.
 * Asked first, before the module's strings are needed: a person without the role fetches none of them (i18n.ts).
 */
export function QualityHomeSections({ me }: { me: Me }) {
  return me.roles.some((g) => ROLES.has(g.role)) ? <QualityHomeSection me={me} /> : null;
}

function QualityHomeSection({ me }: { me: Me }) {
  const { t } = useTranslation('quality');
  const adminOrgs = [...new Set(me.roles.filter((g) => g.role === 'org_admin' && g.scope.organisationId).map((g) => g.scope.organisationId!))];
  const ministry = me.roles.some((g) => g.role === 'ministry_officer');
  const officer = me.roles.some((g) => g.role === 'district_officer' || g.role === 'region_officer' || g.role === 'ministry_officer');
  if (adminOrgs.length === 0 && !officer) return null;
  return (
    <Section title={t('title')}>
      <p>{t('intro')}</p>
      <ul className="plain-list">
        {adminOrgs.map((id) => (
          <li key={id}>
            <Link to="/quality/organisations/$organisationId" params={{ organisationId: id }}>
              {t('homeAdmin')}
            </Link>
          </li>
        ))}
        {officer && (
          <li>
            <Link to="/quality/reviews">{t('homeReviews')}</Link>
          </li>
        )}
        {ministry && (
          <li>
            <Link to="/quality/framework">{t('framework.title')}</Link>
          </li>
        )}
      </ul>
    </Section>
  );
}
