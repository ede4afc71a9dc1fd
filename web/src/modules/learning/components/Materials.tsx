import { useTranslation } from 'react-i18next';
import type { Material } from '../api.js';
import { fileSize } from '../format.js';
import { fileUrl } from '../http.js';

/** A lesson's or homework's materials: links open in a new tab, files download (pictures and PDFs open). */
export function Materials({ items, onRemove, removing }: { items: Material[]; onRemove?: (m: Material) => void; removing?: number | null }) {
  const { t, i18n } = useTranslation('learning');
  if (items.length === 0) return null;
  return (
    <ul className="l-materials">
      {items.map((m) => (
        <li key={m.id}>
          {m.kind === 'link' && m.url ? (
            <a href={m.url} target="_blank" rel="noopener noreferrer">
              {m.title}
              <span className="visually-hidden"> ({t('materials.newTab')})</span>
            </a>
          ) : m.file ? (
            <a href={fileUrl(m.file.id, isInline(m.file.contentType))} target={isInline(m.file.contentType) ? '_blank' : undefined} rel="noopener">
              {m.title || m.file.name}
            </a>
          ) : (
            <span>{m.title}</span>
          )}
          {m.file && <span className="muted"> · {fileSize(t, m.file.size, i18n.language)}</span>}
          {onRemove && (
            <button type="button" className="button button--quiet l-inline-button" disabled={removing === m.id} onClick={() => onRemove(m)}>
              {t('materials.remove')}
              <span className="visually-hidden">: {m.title}</span>
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Types the browser shows itself rather than saving. */
export function isInline(contentType: string): boolean {
  return /^(image\/|application\/pdf|audio\/|video\/)/.test(contentType);
}
