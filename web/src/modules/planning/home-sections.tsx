import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../identity/api.js';
import { Section } from '../../ui/Section.js';
import { localised } from '../../ui/format.js';

/** An organisation admin's way into the school-year setup, one line per organisation they run. */
/** Asked first, before the module's strings are needed: a person without the role fetches none of them (i18n.ts). */
export function PlanningHomeSections({ me }: { me: Me }) {
  return me.roles.some((g) => g.role === 'org_admin' && g.scope.organisationId) ? <PlanningHomeSection me={me} /> : null;
}

function PlanningHomeSection({ me }: { me: Me }) {
  const { t, i18n } = useTranslation('planning');
  const grants = me.roles.filter((g) => g.role === 'org_admin' && g.scope.organisationId);
  if (grants.length === 0) return null;
  return (
    <Section title={t('homeTitle')}>
      <p>{t('homeIntro')}</p>
      <ul className="plain-list">
        {grants.map((g) => (
          <li key={g.scope.organisationId}>
            <Link to="/planning/organisations/$organisationId" params={{ organisationId: g.scope.organisationId! }}>
              {localised(g.scope.name, i18n.language)}: {t('open')}
            </Link>
          </li>
        ))}
      </ul>
    </Section>
  );
}
