import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../identity/api.js';
import { Section } from '../../ui/Section.js';
import { localised } from '../../ui/format.js';

/** An organisation admin's way to transfers; a district officer's way to the overdue ones. */
/** Asked first, before the module's strings are needed: a person without the role fetches none of them (i18n.ts). */
export function TransfersHomeSections({ me }: { me: Me }) {
  return me.roles.some((g) => (g.role === 'org_admin' && g.scope.organisationId) || g.role === 'district_officer') ? <TransfersHomeSection me={me} /> : null;
}

function TransfersHomeSection({ me }: { me: Me }) {
  const { t, i18n } = useTranslation('transfers');
  const admin = me.roles.filter((g) => g.role === 'org_admin' && g.scope.organisationId);
  const district = me.roles.some((g) => g.role === 'district_officer');
  if (admin.length === 0 && !district) return null;
  return (
    <Section title={t('title')}>
      <ul className="plain-list">
        {admin.map((g) => (
          <li key={g.scope.organisationId}>
            <Link to="/transfers/organisations/$organisationId" params={{ organisationId: g.scope.organisationId! }}>
              {t('homeLink')}: {localised(g.scope.name, i18n.language)}
            </Link>
          </li>
        ))}
        {district && (
          <li>
            <Link to="/transfers/overdue">{t('overdueLink')}</Link>
          </li>
        )}
      </ul>
    </Section>
  );
}
