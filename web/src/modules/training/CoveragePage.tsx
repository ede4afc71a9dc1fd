import { useId, useMemo, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { formatDate, formatNumber, localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { coverageFileUrl, coverageQuery, coursesQuery, enrolArea, type Coverage } from './api.js';
import { CoverageChart } from './CoverageChart.js';
import './training.css';
import { TableScroll } from '../../ui/TableScroll.js';

type Row = Coverage['total'];

/** An officer enrols every teacher of their district or region in a course, in one step. */
function AreaEnrol({ area }: { area: string }) {
  const { t, i18n } = useTranslation('training');
  const id = useId();
  const queryClient = useQueryClient();
  const courses = useQuery(coursesQuery);
  const [courseId, setCourseId] = useState<number | null>(null);
  const chosen = courseId ?? courses.data?.courses[0]?.id ?? null;
  const enrol = useMutation({
    mutationFn: () => enrolArea(area, chosen!),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['training'] }),
  });
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('area.title')}</h2>
      <form
        className="training-form"
        onSubmit={(ev) => {
          ev.preventDefault();
          enrol.mutate();
        }}
      >
        <label htmlFor={`${id}-course`}>{t('area.course')}</label>
        <select id={`${id}-course`} value={chosen ?? ''} onChange={(e) => setCourseId(Number(e.target.value))}>
          {courses.data?.courses.map((c) => (
            <option key={c.id} value={c.id}>
              {localised(c.title, i18n.language)}
            </option>
          ))}
        </select>
        <button type="submit" className="button" disabled={enrol.isPending || chosen === null}>
          {t('area.enrol')}
        </button>
      </form>
      {enrol.isSuccess && <p role="status">{t('area.done', enrol.data)}</p>}
      {enrol.isError && <ErrorNotice error={enrol.error} />}
    </section>
  );
}

/** Coverage of an area and its children (click a name to go down), quality indicators beside, downloads. */
export function CoveragePage({ area }: { area?: string }) {
  const { t } = useTranslation('training');
  useTitle(t('coverageOpen'));
  if (!area)
    return (
      <>
        <h1>{t('coverageOpen')}</h1>
        <p>{t('noArea')}</p>
      </>
    );
  return <CoverageView area={area} />;
}

function CoverageView({ area }: { area: string }) {
  const { t } = useTranslation('training');
  const q = useQuery(coverageQuery(area));
  return (
    <QueryView query={q} heading={t('coverageOpen')}>
      {(c) => <CoverageTable c={c} />}
    </QueryView>
  );
}

function CoverageTable({ c }: { c: Coverage }) {
  const { t, i18n } = useTranslation('training');
  const lang = i18n.language;
  const n = (v: number | null) => (v === null ? '…' : formatNumber(v, lang));
  const pct = (v: number | null) => (v === null ? '…' : `${formatNumber(Math.round(v * 1000) / 10, lang)} %`);
  const labels = useMemo(() => c.children.map((r) => localised(r.area.name, lang)), [c, lang]);
  const data = useMemo(() => c.children.map((r) => r.share), [c]);
  const cells = (r: Row) => [
    n(r.teachers),
    n(r.trained),
    pct(r.share),
    pct(r.quality.remoteShare),
    pct(r.quality.materialsShare),
    pct(r.quality.presentShare),
    pct(r.quality.onlineShare),
    pct(r.quality.markedShare),
    pct(r.quality.markedInTimeShare),
  ];
  const heads = [
    t('col.teachers'),
    t('col.trained'),
    t('col.share'),
    t('col.remote'),
    t('col.materials'),
    t('col.present'),
    t('col.online'),
    t('col.marked'),
    t('col.inTime', { days: c.markDays }),
  ];
  const title = t('coverageTitle', { area: localised(c.area.name, lang) });
  return (
    <>
      <h1>{title}</h1>
      <p className="muted">{t('coverageIntro', { from: formatDate(c.from, lang), to: formatDate(c.to, lang) })}</p>
      {c.suppression.applied && <p className="muted">{t('suppressed', { n: c.suppression.threshold })}</p>}
      <p className="training-headline" aria-live="polite">
        <strong>{pct(c.total.share)}</strong> · {t('col.trained')}: {n(c.total.trained)} / {n(c.total.teachers)}
      </p>
      <div className="training-actions">
        {(['csv', 'xlsx'] as const).map((f) => (
          <a key={f} className="button button--secondary" href={coverageFileUrl(c.area.key, f, lang)} download>
            {t('download', { format: f.toUpperCase() })}
          </a>
        ))}
      </div>
      {(c.area.kind === 'region' || c.area.kind === 'district') && <AreaEnrol area={c.area.key} />}
      {c.children.length > 0 && <CoverageChart labels={labels} data={data} title={t('chart')} />}
      <TableScroll label={title}>
        <table className="training-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('col.area')}</th>
              {heads.map((h) => (
                <th key={h} scope="col" className="num">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {c.children.map((r) => (
              <tr key={r.area.key}>
                <th scope="row">
                  <Link to="/training/coverage" search={{ area: r.area.key }}>
                    {localised(r.area.name, lang)}
                  </Link>
                </th>
                {cells(r).map((v, i) => (
                  <td key={i} className="num">
                    {v}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('total')}</th>
              {cells(c.total).map((v, i) => (
                <td key={i} className="num">
                  {v}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </TableScroll>
    </>
  );
}
