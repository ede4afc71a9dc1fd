import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../identity/api.js';
import { Section } from '../../ui/Section.js';
import { localised } from '../../ui/format.js';

/** Everyone's way to their account and data; an organisation admin's way to the erasure requests. */
export function PrivacyHomeSections({ me }: { me: Me }) {
  const { t, i18n } = useTranslation('privacy');
  const admin = me.roles.filter((g) => g.role === 'org_admin' && g.scope.organisationId);
  return (
    <Section title={t('homeTitle')}>
      <ul className="plain-list">
        <li>
          <Link to="/me">{t('homeLink')}</Link>
        </li>
        {admin.map((g) => (
          <li key={g.scope.organisationId}>
            <Link to="/privacy/organisations/$organisationId" params={{ organisationId: g.scope.organisationId! }}>
              {t('adminLink')}: {localised(g.scope.name, i18n.language)}
            </Link>
          </li>
        ))}
      </ul>
    </Section>
  );
}
