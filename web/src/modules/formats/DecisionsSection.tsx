import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../ui/feedback.js';
import { formatDate, formatNumber, localised } from '../../ui/format.js';
import { Pager } from '../../ui/Pager.js';
import { decisionsQuery, type AreaFilter, type DecisionRow } from './api.js';
import { FormatBadge, langOf } from './FormatBadge.js';
import { FORMAT_LABELS, FORMATS, renderReasonParts, type FormatCode } from './reason.js';

const KINDS = ['school', 'college', 'university', 'kindergarten', 'additional'] as const;

/** "Duty classes: 6, Distance: 11" — an organisation's classes counted by format. */
function ClassCounts({ counts }: { counts: Record<string, number> }) {
  const { t, i18n } = useTranslation('formats');
  const lang = langOf(i18n.language);
  const entries = FORMATS.filter((f) => (counts[f] ?? 0) > 0);
  if (entries.length === 0) return null;
  return (
    <p className="muted">
      {t('decisions.classes')}: {entries.map((f) => `${FORMAT_LABELS[f][lang]} — ${formatNumber(counts[f]!, lang)}`).join('; ')}
    </p>
  );
}

function DecisionItem({ row }: { row: DecisionRow }) {
  const { t, i18n } = useTranslation(['formats', 'organisations']);
  const lang = i18n.language;
  const o = row.organisation;
  const d = row.decision;
  return (
    <li className="org-card">
      <h3 className="org-card__name">
        <Link to="/formats/organisations/$organisationId" params={{ organisationId: o.id }}>
          {localised(o.name, lang)}
        </Link>
      </h3>
      <p className="muted">
        {t(`organisations:kinds.${o.kind}`)} · {localised(o.settlement.name, lang)} ({t(`organisations:settlementKinds.${o.settlement.kind}`)}){' · '}
        {localised(o.district.name, lang)} · {t('organisation.pupils')}: {formatNumber(o.pupilCount, lang)}
      </p>
      {d ? (
        <>
          <p>
            <FormatBadge format={d.format} />
            {d.source === 'override' && <span className="fd-tag fd-tag--override">{t('decisions.override')}</span>}{' '}
            <span className="muted">{t('since', { date: formatDate(d.effectiveFrom, lang) })}</span>
          </p>
          <p className="fd-reason">{renderReasonParts(d.reason, langOf(lang))}</p>
        </>
      ) : (
        <p>{t('decisions.noDecision')}</p>
      )}
      <ClassCounts counts={row.classesByFormat} />
    </li>
  );
}

/** Organisations of the area with their format and readable reason, filtered by format and kind, a page at a time. */
export function DecisionsSection({ filter }: { filter: AreaFilter }) {
  const { t, i18n } = useTranslation(['formats', 'organisations']);
  const lang = i18n.language;
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [format, setFormat] = useState<FormatCode | ''>('');
  const [kind, setKind] = useState('');
  const [applied, setApplied] = useState<{ format?: FormatCode; kind?: string }>({});
  const [page, setPage] = useState(1);
  const list = useQuery(decisionsQuery({ ...filter, ...applied, page }));
  // filters apply on "Show" (one request on a slow link, not one per change)
  const show = (e: FormEvent) => {
    e.preventDefault();
    setApplied({ format: format || undefined, kind: kind || undefined });
    setPage(1);
  };
  const turn = (p: number) => {
    setPage(p);
    heading.current?.focus();
  };
  return (
    <section className="card" id="formats-decisions" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} ref={heading} tabIndex={-1}>
        {t('nav.decisions')}
      </h2>
      <form className="fd-filters" onSubmit={show}>
        <div className="field">
          <label htmlFor={`${id}-format`}>{t('decisions.format')}</label>
          <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as FormatCode | '')}>
            <option value="">{t('decisions.any')}</option>
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f][langOf(lang)]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('decisions.kind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('decisions.any')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`organisations:kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t('decisions.show')}
        </button>
      </form>
      <QueryView query={list}>
        {(data) =>
          data.total === 0 ? (
            <p>{t('decisions.none')}</p>
          ) : (
            <>
              <p>{t('decisions.total', { total: formatNumber(data.total, lang) })}</p>
              <ul className="plain-list" aria-busy={list.isPlaceholderData}>
                {data.items.map((row) => (
                  <DecisionItem key={row.organisation.id} row={row} />
                ))}
              </ul>
              <Pager page={data.page} pageSize={data.pageSize} total={data.total} onChange={turn} busy={list.isPlaceholderData} />
            </>
          )
        }
      </QueryView>
    </section>
  );
}
