import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../ui/format.js';
import type { Summary } from '../api.js';

type SubjectResult = Summary['subjects'][number]['result'];

/**
 * A term result as schools and universities print it: criteria — the weighted percent and the
 * grade 2–5; credit — points, letter and GPA. "Preliminary" while a component has no marks yet.
 */
export function ResultText({ result }: { result: SubjectResult }) {
  const { t, i18n } = useTranslation('learning');
  const n = (v: number) => formatNumber(v, i18n.language);
  if (result.system === 'criteria') {
    if (result.percent === null) return <span className="muted">{t('result.none')}</span>;
    return (
      <span className="l-result">
        <span className={`l-grade l-grade--${result.grade ?? 0}`}>{result.grade ?? '—'}</span>
        <span> {t('result.percent', { percent: n(result.percent) })}</span>
        {!result.complete && <span className="muted"> · {t('result.preliminary')}</span>}
      </span>
    );
  }
  if (result.score === null) return <span className="muted">{t('result.none')}</span>;
  return (
    <span className="l-result">
      <span className="l-grade">{result.letter ?? '—'}</span>
      <span> {t('result.points', { points: n(result.score), count: result.score })}</span>
      {result.gpa !== null && <span> · {t('result.gpa', { gpa: n(result.gpa) })}</span>}
      {!result.complete && <span className="muted"> · {t('result.preliminary')}</span>}
    </span>
  );
}

/** The short form for a table cell: the grade (criteria) or the letter (credit). */
export function resultShort(result: SubjectResult): string {
  if (result.system === 'criteria') return result.grade === null ? '—' : String(result.grade);
  return result.letter ?? '—';
}
