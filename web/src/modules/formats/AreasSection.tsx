import { useId, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../ui/feedback.js';
import { formatDate, localised } from '../../ui/format.js';
import { Pager } from '../../ui/Pager.js';
import { dateTimeText } from '../duty/days.js';
import { areasQuery, situationHistoryQuery, type AreaFilter, type AreaSituation, type Impact } from './api.js';
import { langOf, LevelBadge } from './FormatBadge.js';
import { ImpactView } from './ImpactView.js';
import { AREA_LABELS, LEVEL_LABELS, type SituationScale } from './reason.js';
import { SituationForm } from './SituationForm.js';

function History({ area, scale }: { area: AreaSituation; scale: SituationScale }) {
  const { t, i18n } = useTranslation('formats');
  const lang = i18n.language;
  const [page, setPage] = useState(1);
  const history = useQuery(situationHistoryQuery(area.area.level, area.area.id, page));
  return (
    <QueryView query={history}>
      {(data) =>
        data.items.length === 0 ? (
          <p>{t('areas.noHistory')}</p>
        ) : (
          <>
            <ol className="fd-history" aria-busy={history.isPlaceholderData}>
              {data.items.map((r) => (
                <li key={r.id}>
                  <strong>{formatDate(r.effectiveFrom, lang)}</strong>: {r.level ? LEVEL_LABELS[scale][r.level][langOf(lang)] : t('areas.inheritRecord')}
                  <div className="muted">{r.source}</div>
                  <div className="muted">
                    {t('areas.recordedBy')}: {r.recordedBy ?? '—'}, {dateTimeText(r.recordedAt, lang)}
                  </div>
                </li>
              ))}
            </ol>
            <Pager page={data.page} pageSize={data.pageSize} total={data.total} onChange={setPage} busy={history.isPlaceholderData} />
          </>
        )
      }
    </QueryView>
  );
}

function AreaCard({ area, scale, filter }: { area: AreaSituation; scale: SituationScale; filter: AreaFilter }) {
  const { t, i18n } = useTranslation('formats');
  const lang = i18n.language;
  const headingId = useId();
  const [open, setOpen] = useState<'form' | 'history' | null>(null);
  const [saved, setSaved] = useState<Impact | null>(null);
  const e = area.effective;
  const name = localised(area.area.name, lang);
  const level = area.area.level;
  const drill = area.hasChildren && (level === 'region' || level === 'district');
  return (
    <li className="org-card fd-area">
      <h3 id={headingId} className="org-card__name">
        {name} <span className="muted fd-area__level">· {AREA_LABELS[level][langOf(lang)]}</span>
      </h3>
      <p>
        <LevelBadge level={e.level} scale={scale} />{' '}
        {area.own && area.own.level !== null
          ? t('areas.own')
          : e.assumed
            ? t('areas.assumed')
            : t('areas.inherited', { area: e.area ? AREA_LABELS[e.area][langOf(lang)] : '—' })}
        {e.since && <>, {t('since', { date: formatDate(e.since, lang) })}</>}
      </p>
      {area.scheduled && (
        <p className="notice">
          {area.scheduled.level
            ? t('areas.scheduled', { date: formatDate(area.scheduled.effectiveFrom, lang), level: LEVEL_LABELS[scale][area.scheduled.level][langOf(lang)] })
            : t('areas.scheduledInherit', { date: formatDate(area.scheduled.effectiveFrom, lang) })}
        </p>
      )}
      {/* the decree is shown where it was recorded; an inherited one is a click up the tree */}
      {area.own && area.own.level !== null && e.source && (
        <p className="muted">
          {t('areas.source')}: {e.source}
        </p>
      )}
      <div className="fd-actions">
        {area.canRecord && (
          <button
            type="button"
            className="button button--secondary"
            aria-expanded={open === 'form'}
            onClick={() => {
              setOpen(open === 'form' ? null : 'form');
              setSaved(null);
            }}
          >
            {t('areas.record')}
          </button>
        )}
        <button
          type="button"
          className="button button--quiet"
          aria-expanded={open === 'history'}
          onClick={() => setOpen(open === 'history' ? null : 'history')}
        >
          {open === 'history' ? t('areas.hideHistory') : t('areas.history')}
        </button>
        {drill && (
          <Link
            className="button button--quiet"
            to="/formats"
            search={level === 'region' ? { regionId: area.area.id! } : { regionId: filter.regionId, districtId: area.area.id! }}
          >
            {t('areas.openChildren', { name, what: t(`areas.children.${level}`) })}
          </Link>
        )}
      </div>
      {saved && (
        <div aria-live="polite">
          <p className="notice">{t('situationForm.saved')}</p>
          <ImpactView impact={saved} />
        </div>
      )}
      {open === 'form' && (
        <SituationForm
          area={area}
          scale={scale}
          onClose={() => setOpen(null)}
          onSaved={(impact) => {
            setSaved(impact);
            setOpen(null);
          }}
        />
      )}
      {open === 'history' && <History area={area} scale={scale} />}
    </li>
  );
}

/** The areas of the officer's scope (or one area's children) with their own or inherited situation. */
export function AreasSection({ filter }: { filter: AreaFilter }) {
  const { t } = useTranslation('formats');
  const areas = useQuery(areasQuery(filter.districtId !== undefined ? { districtId: filter.districtId } : filter));
  return (
    <section className="card" aria-labelledby="formats-areas">
      <h2 id="formats-areas">{t('nav.situation')}</h2>
      <QueryView query={areas}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('areas.none')}</p>
          ) : (
            <ul className="plain-list" aria-label={t('areas.caption')}>
              {data.items.map((a) => (
                <AreaCard key={`${a.area.level}-${a.area.id}`} area={a} scale={data.scale} filter={filter} />
              ))}
            </ul>
          )
        }
      </QueryView>
    </section>
  );
}
