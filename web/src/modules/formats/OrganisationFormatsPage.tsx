import { useId, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { formatDate, formatNumber, localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { dateTimeText } from '../duty/days.js';
import { meQuery } from '../identity/api.js';
import { organisationFormatsQuery, revokeOverride, type Decision, type OrganisationFormats, type Override } from './api.js';
import { FormatBadge, langOf, LevelBadge } from './FormatBadge.js';
import { OverrideForm } from './OverrideForm.js';
import { classGroups } from './class-groups.js';
import { AREA_LABELS, renderReasonParts, type SituationScale } from './reason.js';
import './formats.css';

/** The scale the reasons were written on (officers' settings are not readable by school staff). */
function scaleOf(data: OrganisationFormats): SituationScale {
  const parts = [data.decision, ...data.classes.map((c) => c.decision)].flatMap((d) => d?.reason ?? []);
  const situation = parts.find((p) => p.code === 'situation');
  return situation?.params.scale === 'zones' ? 'zones' : 'binary';
}

/** A format with its readable reason and the date it holds from. */
export function DecisionText({ decision }: { decision: Decision }) {
  const { t, i18n } = useTranslation('formats');
  const lang = i18n.language;
  return (
    <>
      <p>
        <FormatBadge format={decision.format} />
        {decision.source === 'override' && <span className="fd-tag fd-tag--override">{t('decisions.override')}</span>}{' '}
        <span className="muted">{t('since', { date: formatDate(decision.effectiveFrom, lang) })}</span>
      </p>
      <p className="fd-reason">{renderReasonParts(decision.reason, langOf(lang))}</p>
    </>
  );
}

function OverrideItem({ o, canRevoke }: { o: Override; canRevoke: boolean }) {
  const { t, i18n } = useTranslation('formats');
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const id = useId();
  const [reason, setReason] = useState('');
  const [asking, setAsking] = useState(false);
  const [short, setShort] = useState(false);
  const revoke = useMutation({
    mutationFn: () => revokeOverride(o.id, reason.trim()),
    onSuccess: async () => {
      setAsking(false);
      await queryClient.invalidateQueries({ queryKey: ['formats'] });
    },
  });
  return (
    <li className="org-card">
      <p>
        <strong>{o.className ?? t('organisation.whole')}</strong>: <FormatBadge format={o.format} />{' '}
        <span className={`fd-tag ${o.revokedAt ? 'fd-tag--closed' : 'fd-tag--open'}`}>
          {o.revokedAt ? t('organisation.revokedOn') : t('organisation.active')}
        </span>
      </p>
      <dl className="facts fd-compact">
        <dt>{t('organisation.period')}</dt>
        <dd>
          {o.effectiveTo
            ? `${formatDate(o.effectiveFrom, lang)} – ${formatDate(o.effectiveTo, lang)}`
            : t('organisation.openEnded', { from: formatDate(o.effectiveFrom, lang) })}
        </dd>
        <dt>{t('organisation.reason')}</dt>
        <dd>{o.reason}</dd>
        <dt>{t('organisation.setBy')}</dt>
        <dd>
          {o.createdBy ?? '—'}, {dateTimeText(o.createdAt, lang)}
        </dd>
        {o.revokedAt && (
          <>
            <dt>{t('organisation.revokedOn')}</dt>
            <dd>
              {dateTimeText(o.revokedAt, lang)}
              {o.revokedBy && `, ${o.revokedBy}`}
              {o.revokeReason && `: ${o.revokeReason}`}
            </dd>
          </>
        )}
      </dl>
      {canRevoke && !o.revokedAt && !asking && (
        <div className="fd-actions">
          <button type="button" className="button button--secondary" onClick={() => setAsking(true)}>
            {t('organisation.revoke')}
          </button>
        </div>
      )}
      {asking && (
        <form
          className="form fd-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setShort(reason.trim().length < 3);
            if (reason.trim().length >= 3) revoke.mutate();
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('organisation.revokeReason')}</label>
            <input
              id={`${id}-reason`}
              value={reason}
              required
              minLength={3}
              maxLength={500}
              aria-invalid={short || undefined}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          {short && (
            <p className="form__error" role="alert">
              {t('override.required')}
            </p>
          )}
          <div className="fd-actions">
            <button type="submit" className="button" disabled={revoke.isPending}>
              {t('organisation.revokeSubmit')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setAsking(false)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
      {revoke.isError && <ErrorNotice error={revoke.error} />}
      {revoke.isSuccess && (
        <p className="notice" role="status">
          {t('organisation.revoked')}
        </p>
      )}
    </li>
  );
}

/**
 * An organisation's format and each class's, with reasons in the reader's language, the situation it
 * rests on and the overrides (kept after revoking). Officers of the area override from here.
 */
export function OrganisationFormatsPage({ organisationId }: { organisationId: number }) {
  const { t, i18n } = useTranslation(['formats', 'organisations', 'common']);
  const lang = i18n.language;
  const formats = useQuery({ ...organisationFormatsQuery(organisationId), enabled: organisationId > 0 });
  const me = useQuery(meQuery);
  const isAdmin = me.data?.roles.some((g) => g.role === 'org_admin' && g.scope.organisationId === organisationId) ?? false;
  const isOfficer = me.data?.roles.some((g) => ['district_officer', 'region_officer', 'ministry_officer'].includes(g.role)) ?? false;
  useTitle(formats.data ? `${localised(formats.data.organisation.name, lang)}: ${t('organisation.heading')}` : t('organisation.heading'));
  return (
    <QueryView query={formats} heading={t('organisation.heading')}>
      {(data) => {
        const o = data.organisation;
        const scale = scaleOf(data);
        const s = data.situation;
        return (
          <>
            <nav aria-label={t('common:app.breadcrumb')} className="breadcrumb">
              <ol>
                <li>
                  <Link to="/">{t('common:app.home')}</Link>
                </li>
                {isOfficer && (
                  <li>
                    <Link to="/formats">{t('title')}</Link>
                  </li>
                )}
                <li>
                  <Link to="/organisations/$organisationId" params={{ organisationId: o.id }}>
                    {localised(o.name, lang)}
                  </Link>
                </li>
              </ol>
            </nav>
            <h1>
              {t('organisation.heading')}: {localised(o.name, lang)}
            </h1>
            <p className="muted">
              {t(`organisations:kinds.${o.kind}`)} · {localised(o.settlement.name, lang)} · {localised(o.district.name, lang)}
              {' · '}
              {t('organisation.pupils')}: {formatNumber(o.pupilCount, lang)}
            </p>
            <section className="card" aria-labelledby="org-format">
              <h2 id="org-format">{t('organisation.decision')}</h2>
              {data.decision ? <DecisionText decision={data.decision} /> : <p>{t('decisions.noDecision')}</p>}
              <h3>{t('organisation.situation')}</h3>
              <p>
                <LevelBadge level={s.level} scale={scale} /> {s.assumed ? t('areas.assumed') : s.area ? AREA_LABELS[s.area][langOf(lang)] : ''}
                {s.since && <>, {t('since', { date: formatDate(s.since, lang) })}</>}
              </p>
              {s.source && (
                <p className="muted">
                  {t('areas.source')}: {s.source}
                </p>
              )}
              {isAdmin && (o.kind === 'school' || o.kind === 'kindergarten' || o.kind === 'additional') && (
                <p>
                  <Link to="/duty/organisations/$organisationId" params={{ organisationId: o.id }}>
                    {t('organisation.dutyLink')}
                  </Link>
                </p>
              )}
            </section>
            <section className="card" aria-labelledby="org-classes-formats">
              <h2 id="org-classes-formats">{t('organisation.classes')}</h2>
              {data.classes.length === 0 ? (
                <p>{t('organisation.noClasses')}</p>
              ) : (
                <ul className="plain-list">
                  {classGroups(data.classes, langOf(lang)).map((g) => (
                    <li key={g.classes.map((c) => c.id).join('-')} className="org-card">
                      <h3 className="org-card__name">
                        {g.classes.map((c) => c.name).join(', ')}{' '}
                        <span className="muted fd-sub">
                          · {t('organisation.pupils')}:{' '}
                          {formatNumber(
                            g.classes.reduce((n, c) => n + c.pupils, 0),
                            lang,
                          )}
                        </span>
                      </h3>
                      {g.decision ? <DecisionText decision={g.decision} /> : <p>{t('decisions.noDecision')}</p>}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="card" aria-labelledby="org-overrides">
              <h2 id="org-overrides">{t('organisation.overrides')}</h2>
              {data.overrides.length === 0 ? (
                <p>{t('organisation.noOverrides')}</p>
              ) : (
                <ul className="plain-list">
                  {data.overrides.map((ov) => (
                    <OverrideItem key={ov.id} o={ov} canRevoke={data.canOverride} />
                  ))}
                </ul>
              )}
              {data.canOverride && <OverrideForm data={data} />}
            </section>
          </>
        );
      }}
    </QueryView>
  );
}
