import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../identity/api.js';
import { Section } from '../../ui/Section.js';

/** One line on the home page to the connectivity register, for officers, school admins and homeroom teachers. */
export function ConnectivityHomeSections({ me }: { me: Me }) {
  const { t } = useTranslation('connectivity');
  if (!me.roles.some((g) => ['org_admin', 'homeroom', 'district_officer', 'region_officer', 'ministry_officer'].includes(g.role))) return null;
  return (
    <Section title={t('title')}>
      <p>
        <Link to="/connectivity">{t('open')}</Link>
      </p>
    </Section>
  );
}
