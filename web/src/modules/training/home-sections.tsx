import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../identity/api.js';
import { Section } from '../../ui/Section.js';

/** The officer's own area for coverage: the widest grant first. */
export function coverageArea(me: Me): string | null {
  const r = me.roles;
  if (r.some((g) => g.role === 'ministry_officer')) return 'country';
  const region = r.find((g) => g.role === 'region_officer')?.scope.regionId;
  if (region) return `region:${region}`;
  const district = r.find((g) => g.role === 'district_officer')?.scope.districtId;
  if (district) return `district:${district}`;
  return null;
}

/** Ways into training: a teacher's courses, the admin's enrolment screen, the officer's coverage. */
/** Asked first, before the module's strings are needed: a person without the role fetches none of them (i18n.ts). */
export function TrainingHomeSections({ me }: { me: Me }) {
  return me.roles.some((g) => g.role === 'teacher' || (g.role === 'org_admin' && g.scope.organisationId)) || coverageArea(me) !== null ? (
    <TrainingHomeSection me={me} />
  ) : null;
}

function TrainingHomeSection({ me }: { me: Me }) {
  const { t } = useTranslation('training');
  const teacher = me.roles.some((g) => g.role === 'teacher');
  const adminOrgs = [...new Set(me.roles.filter((g) => g.role === 'org_admin' && g.scope.organisationId).map((g) => g.scope.organisationId!))];
  const area = coverageArea(me);
  if (!teacher && adminOrgs.length === 0 && !area) return null;
  return (
    <Section title={t('title')}>
      <p>{t('intro')}</p>
      <ul className="plain-list">
        {teacher && (
          <li>
            <Link to="/training">{t('myTitle')}</Link>
          </li>
        )}
        {adminOrgs.map((id) => (
          <li key={id}>
            <Link to="/training/admin/$organisationId" params={{ organisationId: id }}>
              {t('adminOpen')}
            </Link>
          </li>
        ))}
        {area && (
          <li>
            <Link to="/training/coverage" search={{ area }}>
              {t('coverageOpen')}
            </Link>
          </li>
        )}
        {area === 'country' && (
          <li>
            <Link to="/training/import">{t('import.title')}</Link>
          </li>
        )}
        {area === 'country' && (
          <li>
            <Link to="/training/courses">{t('manage.open')}</Link>
          </li>
        )}
      </ul>
    </Section>
  );
}
