import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../identity/api.js';
import { Section } from '../../ui/Section.js';

/** One line on the home page to the supplies page, for parents, school admins and officers. */
/** Asked first, before the module's strings are needed: a person without the role fetches none of them (i18n.ts). */
export function SuppliesHomeSections({ me }: { me: Me }) {
  return me.roles.some((g) => ['parent', 'org_admin', 'district_officer', 'region_officer', 'ministry_officer'].includes(g.role)) ? (
    <SuppliesHomeSection me={me} />
  ) : null;
}

function SuppliesHomeSection({ me }: { me: Me }) {
  const { t } = useTranslation('supplies');
  if (!me.roles.some((g) => ['parent', 'org_admin', 'district_officer', 'region_officer', 'ministry_officer'].includes(g.role))) return null;
  return (
    <Section title={t('title')}>
      <p>
        <Link to="/supplies">{t('open')}</Link>
      </p>
    </Section>
  );
}
