/** The home page's formats sections for officers and organisation admins, fetched only by them (home-sections.tsx). */
import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RoleGrant } from '../identity/api.js';
import { QueryView } from '../../ui/feedback.js';
import { Section } from '../../ui/Section.js';
import { formatDate, localised } from '../../ui/format.js';
import { organisationFormatsQuery } from './api.js';
import { FormatBadge, langOf } from './FormatBadge.js';
import { renderReasonParts } from './reason.js';

/** Officers: where to record the situation, read the formats and reasons, edit rules and see duty totals. */
export function OfficerFormatsSection() {
  const { t } = useTranslation('formats');
  return (
    <Section title={t('home.officer')}>
      <ul className="fd-links">
        <li>
          <Link to="/formats">{t('nav.situation')}</Link>
        </li>
        <li>
          <Link to="/formats" hash="formats-decisions">
            {t('nav.decisions')}
          </Link>
        </li>
        <li>
          <Link to="/formats/rules">{t('nav.rules')}</Link>
        </li>
        <li>
          <Link to="/duty/totals">{t('nav.dutyTotals')}</Link>
        </li>
        <li>
          <Link to="/formats/settings">{t('settings.link')}</Link>
        </li>
        <li>
          <Link to="/duty/settings">{t('settings.dutyLink')}</Link>
        </li>
      </ul>
    </Section>
  );
}

/** A school admin: the school's format today and why, with the way to each class's format. */
export function AdminFormatSection({ grant }: { grant: RoleGrant }) {
  const { t, i18n } = useTranslation('formats');
  const lang = i18n.language;
  const organisationId = grant.scope.organisationId ?? 0;
  const formats = useQuery({ ...organisationFormatsQuery(organisationId), enabled: organisationId > 0 });
  return (
    <Section title={t('home.admin')} subtitle={localised(grant.scope.name, lang)}>
      <QueryView query={formats}>
        {(data) => (
          <>
            {data.decision ? (
              <>
                <p>
                  <FormatBadge format={data.decision.format} />{' '}
                  <span className="muted">{t('since', { date: formatDate(data.decision.effectiveFrom, lang) })}</span>
                </p>
                <p className="fd-reason">{renderReasonParts(data.decision.reason, langOf(lang))}</p>
              </>
            ) : (
              <p>{t('home.noDecision')}</p>
            )}
            <p>
              <Link to="/formats/organisations/$organisationId" params={{ organisationId }}>
                {t('home.details')}
              </Link>
            </p>
          </>
        )}
      </QueryView>
    </Section>
  );
}

/** The formats blocks of the home page: one for officers (however many grants), one per organisation an admin runs. */
