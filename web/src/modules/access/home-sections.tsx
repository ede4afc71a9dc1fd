import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '../identity/api.js';
import { Section } from '../../ui/Section.js';
import { localised } from '../../ui/format.js';
import { meAccessQuery } from './home-api.js';
import './access.css';

const MEMBER_ROLES = new Set(['pupil', 'teacher', 'org_admin', 'gate_guard', 'health_officer']);

/**
 * Campus access on the home page: my status and pass, the gate check, the health officer's and admin's pages, the rules.
 * Decided first, before the module's strings are needed: a school pupil or parent with no campus fetches none of them (i18n.ts).
 */
export function AccessHomeSections({ me }: { me: Me }) {
  const member = me.roles.some((g) => MEMBER_ROLES.has(g.role));
  const access = useQuery({ ...meAccessQuery, enabled: member });
  const campus = access.data?.organisations ?? [];
  const guard = me.roles.some((g) => g.role === 'gate_guard');
  const officer = me.roles.filter((g) => g.role === 'health_officer' && g.scope.organisationId);
  const admin = me.roles.filter((g) => g.role === 'org_admin' && campus.some((o) => o.id === g.scope.organisationId));
  const rules = me.roles.some((g) => g.role === 'ministry_officer' || g.role === 'region_officer');
  if (campus.length === 0 && !guard && officer.length === 0 && !rules) return null;
  return (
    <AccessHomeSection status={access.data?.status?.status ?? null} campus={campus.length > 0} guard={guard} officer={officer} admin={admin} rules={rules} />
  );
}

function AccessHomeSection({
  status,
  campus,
  guard,
  officer,
  admin,
  rules,
}: {
  status: string | null;
  campus: boolean;
  guard: boolean;
  officer: Me['roles'];
  admin: Me['roles'];
  rules: boolean;
}) {
  const { t, i18n } = useTranslation('access');
  return (
    <Section title={t('title')}>
      {status && <p className={`access-badge access-badge--${status}`}>{t(`status.${status}` as 'status.admitted')}</p>}
      <ul className="access-links">
        {campus && (
          <li>
            <Link to="/access/pass">{t('home.pass')}</Link>
          </li>
        )}
        {guard && (
          <li>
            <Link to="/access/gate">{t('home.gate')}</Link>
          </li>
        )}
        {officer.map((g) => (
          <li key={`h${g.scope.organisationId}`}>
            <Link to="/access/health/$organisationId" params={{ organisationId: g.scope.organisationId! }}>
              {t('home.health')}
            </Link>
            {g.scope.name && <> — {localised(g.scope.name, i18n.language)}</>}
          </li>
        ))}
        {admin.map((g) => (
          <li key={`a${g.scope.organisationId}`}>
            <Link to="/access/admin/$organisationId" params={{ organisationId: g.scope.organisationId! }}>
              {t('home.admin')}
            </Link>
          </li>
        ))}
        {rules && (
          <li>
            <Link to="/access/rules">{t('home.rules')}</Link>
          </li>
        )}
      </ul>
    </Section>
  );
}
