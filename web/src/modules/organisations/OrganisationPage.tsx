import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError } from '../../api/client.js';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { formatNumber, localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { meQuery } from '../identity/api.js';
import { organisationClassesQuery, organisationQuery, type Organisation } from './api.js';
import { ClassTable } from './ClassTable.js';

function Facts({ o }: { o: Organisation }) {
  const { t, i18n } = useTranslation('organisations');
  const lang = i18n.language;
  const s = o.settlement;
  return (
    <dl className="facts">
      <dt>{t('organisation.kind')}</dt>
      <dd>{t(`kinds.${o.kind}`)}</dd>
      <dt>{t('organisation.region')}</dt>
      <dd>{localised(o.region.name, lang)}</dd>
      <dt>{t('organisation.district')}</dt>
      <dd>{localised(o.district.name, lang)}</dd>
      <dt>{t('organisation.settlement')}</dt>
      <dd>
        {localised(s.name, lang)} ({t(`settlementKinds.${s.kind}`)})
      </dd>
      <dt>{t('organisation.pupils')}</dt>
      <dd>{formatNumber(o.pupilCount, lang)}</dd>
      <dt>{t('organisation.instruction')}</dt>
      <dd>{t(`instruction.${o.instructionLanguage}`)}</dd>
      <dt>{t('organisation.internet')}</dt>
      <dd>
        {t(`internet.${s.internet}`)}
        {s.internetMbps !== null && s.internet !== 'none' && <> ({t('internet.speed', { mbps: formatNumber(s.internetMbps, lang) })})</>}
      </dd>
      <dt>{t('organisation.tv')}</dt>
      <dd>{s.tvReception ? t('organisation.tvYes') : t('organisation.tvNo')}</dd>
      <dt>{t('organisation.timeZone')}</dt>
      <dd>{o.timeZone}</dd>
      {o.bin && (
        <>
          <dt>{t('organisation.bin')}</dt>
          <dd>{o.bin}</dd>
        </>
      )}
    </dl>
  );
}

function Classes({ organisationId }: { organisationId: number }) {
  const { t } = useTranslation('organisations');
  const classes = useQuery(organisationClassesQuery(organisationId));
  const title = t('organisation.classes');
  // roles that may see the organisation but not its classes (a gate guard) get a 404 for the list
  if (classes.isError && isApiError(classes.error) && classes.error.status === 404) {
    return <p>{t('organisation.classesHidden')}</p>;
  }
  return (
    <QueryView query={classes}>
      {({ items }) => (items.length === 0 ? <p>{t('organisation.noClasses')}</p> : <ClassTable classes={items} caption={title} />)}
    </QueryView>
  );
}

/** An organisation with its facts (place, size, connectivity) and the classes the viewer may see. */
export function OrganisationPage({ organisationId }: { organisationId: number }) {
  const { t, i18n } = useTranslation(['organisations', 'common']);
  const organisation = useQuery({ ...organisationQuery(organisationId), enabled: organisationId > 0 });
  const me = useQuery(meQuery);
  const isAdmin = me.data?.roles.some((g) => g.role === 'org_admin' && g.scope.organisationId === organisationId) ?? false;
  useTitle(organisation.data ? localised(organisation.data.name, i18n.language) : null);
  if (organisationId <= 0) {
    return (
      <>
        <h1>{t('organisation.title')}</h1>
        <ErrorNotice error={new ApiError('organisations.not_found', '', 404)} />
      </>
    );
  }
  return (
    <QueryView query={organisation} heading={t('organisation.title')}>
      {(o) => (
        <>
          <nav aria-label={t('common:app.breadcrumb')} className="breadcrumb">
            <ol>
              <li>
                <Link to="/">{t('common:app.home')}</Link>
              </li>
            </ol>
          </nav>
          <h1>{localised(o.name, i18n.language)}</h1>
          <section aria-labelledby="org-details" className="card">
            <h2 id="org-details">{t('organisation.details')}</h2>
            <Facts o={o} />
          </section>
          <section aria-labelledby="org-classes" className="card">
            <h2 id="org-classes">{t('organisation.classes')}</h2>
            {isAdmin && (
              <p>
                <Link to="/organisations/$organisationId/import" params={{ organisationId: o.id }}>
                  {t('organisation.importLink')}
                </Link>
              </p>
            )}
            <Classes organisationId={o.id} />
          </section>
        </>
      )}
    </QueryView>
  );
}
