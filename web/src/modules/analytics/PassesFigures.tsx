import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber, localised } from '../../ui/format.js';
import type { Overview } from './api.js';
import { FormatsChart } from './FormatsChart.js';
import { TableScroll } from '../../ui/TableScroll.js';

const STATUS = [
  'passes_valid',
  'passes_blocked_positive',
  'passes_blocked_vaccination',
  'passes_blocked_expired',
  'passes_no_record',
  'passes_people',
] as const;
const GATE = ['gate_admitted', 'gate_refused', 'gate_scans'] as const;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * Campus passes of an area with universities or colleges (the access module's counts, through the
 * overview): people by pass status, the blocked by reason category, the children's table, and gate
 * scans by day of the week with a small chart. Hidden numbers read "…" (decision 0018).
 */
export function PassesFigures({ passes, childKind }: { passes: NonNullable<Overview['passes']>; childKind: Overview['childKind'] }) {
  const { t, i18n } = useTranslation('analytics');
  const lang = i18n.language;
  const n = (v: number | null | undefined) => (v === null || v === undefined ? '…' : formatNumber(v, lang));
  const labels = useMemo(() => passes.weekdays.map((w) => t(`passes.day.${DAYS[w.weekday - 1]!}`)), [passes, t]);
  const series = useMemo(
    () => (['gate_admitted', 'gate_refused'] as const).map((k) => ({ label: t(`passes.${k}`), data: passes.weekdays.map((w) => w.values[k] ?? null) })),
    [passes, t],
  );
  return (
    <section className="card analytics-figures" aria-labelledby="analytics-passes">
      <h2 id="analytics-passes">{t('passes.title')}</h2>
      <p className="muted">
        {t('asOf', { date: formatDate(passes.asOf, lang) })} · {t('passes.counts')}
      </p>
      <dl>
        {STATUS.map((k) => (
          <div key={k} className="analytics-figure">
            <dt>{t(`passes.${k}`)}</dt>
            <dd>
              <strong>{n(passes.total[k])}</strong>
            </dd>
          </div>
        ))}
      </dl>
      {passes.children.length > 0 && childKind && (
        // the section is already «passes»: the table's region is named by what its rows are, so the two differ
        <TableScroll label={`${t('passes.title')} · ${t(`kind.${childKind}`)}`}>
          <table className="analytics-table">
            <caption className="visually-hidden">{t('passes.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`kind.${childKind}`)}</th>
                {[...STATUS, ...GATE].map((k) => (
                  <th key={k} scope="col" className="num">
                    {t(`passes.${k}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {passes.children.map((c) => (
                <tr key={c.area.key}>
                  <th scope="row">{localised(c.area.name, lang)}</th>
                  {[...STATUS, ...GATE].map((k) => (
                    <td key={k} className="num">
                      {n(c.values[k])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h3>{t('passes.byWeekday')}</h3>
      <p className="muted">{t('passes.gateCounts', { from: formatDate(passes.from, lang), to: formatDate(passes.to, lang) })}</p>
      {(passes.total.gate_scans ?? 1) > 0 && <FormatsChart labels={labels} series={series} title={t('passes.byWeekday')} />}
      <TableScroll label={t('passes.byWeekday')}>
        <table className="analytics-table">
          <caption className="visually-hidden">{t('passes.byWeekday')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('passes.weekday')}</th>
              {GATE.map((k) => (
                <th key={k} scope="col" className="num">
                  {t(`passes.${k}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {passes.weekdays.map((w, i) => (
              <tr key={w.weekday}>
                <th scope="row">{labels[i]}</th>
                {GATE.map((k) => (
                  <td key={k} className="num">
                    {n(w.values[k])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="muted">
        {t('passes.health')}
        {passes.suppression.applied && ` ${t('suppressed', { n: passes.suppression.threshold })}`}
      </p>
    </section>
  );
}
