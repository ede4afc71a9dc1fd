import { useTranslation } from 'react-i18next';

/** Previous / next with "page X of Y"; keyboard-usable buttons, the current page announced. */
export function Pager({
  page,
  pageSize,
  total,
  onChange,
  busy,
}: {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number) => void;
  busy?: boolean;
}) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button type="button" className="button button--secondary" disabled={page <= 1 || busy} onClick={() => onChange(page - 1)}>
        <span aria-hidden="true">← </span>
        {t('pager.previous')}
      </button>
      <span className="pager__status" aria-live="polite">
        {t('pager.status', { page, pages })}
      </span>
      <button type="button" className="button button--secondary" disabled={page >= pages || busy} onClick={() => onChange(page + 1)}>
        {t('pager.next')}
        <span aria-hidden="true"> →</span>
      </button>
    </nav>
  );
}
