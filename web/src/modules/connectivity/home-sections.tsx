import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../identity/api.js';
import { Section } from '../../ui/Section.js';

const ROLES = new Set(['org_admin', 'homeroom', 'district_officer', 'region_officer', 'ministry_officer']);

/**
 * One line on the home page to the connectivity register, for officers, school admins and homeroom
 * teachers. Asked first, before the module's strings are needed: a person without the role fetches
 * none of them (i18n.ts).
 */
export function ConnectivityHomeSections({ me }: { me: Me }) {
  return me.roles.some((g) => ROLES.has(g.role)) ? <ConnectivityHomeSection /> : null;
}

function ConnectivityHomeSection() {
  const { t } = useTranslation('connectivity');
  return (
    <Section title={t('title')}>
      <p>
        <Link to="/connectivity">{t('open')}</Link>
      </p>
    </Section>
  );
}
