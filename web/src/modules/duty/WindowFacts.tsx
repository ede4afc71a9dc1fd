import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format.js';
import type { DutyWindow } from './api.js';
import { dateTimeText, dayPatternText, gradeList } from './days.js';
import { useDayNames } from './useDayNames.js';

/** One window's dates, grades, caps, counts and when its groups were last formed. */
export function WindowFacts({ window }: { window: DutyWindow }) {
  const { t, i18n } = useTranslation('duty');
  const lang = i18n.language;
  const days = useDayNames();
  const c = window.counts;
  return (
    <dl className="facts">
      <dt>{t('admin.period')}</dt>
      <dd>
        {formatDate(window.opensOn, lang)} – {formatDate(window.closesOn, lang)}{' '}
        <span className={`fd-tag ${window.isOpen ? 'fd-tag--open' : 'fd-tag--closed'}`}>{window.isOpen ? t('admin.open') : t('admin.closed')}</span>
      </dd>
      <dt>{t('admin.grades')}</dt>
      <dd>{gradeList(window.eligibleGrades)}</dd>
      <dt>{t('admin.groupSize')}</dt>
      <dd>
        {window.groupMin}–{window.groupMax}
      </dd>
      <dt>{t('admin.shifts')}</dt>
      <dd>{window.shifts.map((n) => t('shiftN', { n })).join(', ')}</dd>
      <dt>{t('admin.dayPatterns')}</dt>
      <dd>{window.dayPatterns.map((p) => dayPatternText(p, days)).join('; ')}</dd>
      <dt>{t('admin.applications')}</dt>
      <dd>{t('admin.counts', { total: c.submitted + c.placed + c.waiting, placed: c.placed, waiting: c.waiting, submitted: c.submitted })}</dd>
      <dt>{t('admin.groups')}</dt>
      <dd>{window.groups}</dd>
      <dt>{t('admin.lastGrouped')}</dt>
      <dd>{window.lastGroupedAt ? dateTimeText(window.lastGroupedAt, lang) : t('admin.neverGrouped')}</dd>
    </dl>
  );
}
