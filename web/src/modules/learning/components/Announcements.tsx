import { useTranslation } from 'react-i18next';
import { fullName } from '../../../ui/format.js';
import type { Announcement } from '../api.js';
import { shortWhen } from '../format.js';

/** Announcements of a class, newest first, with who posted them and when. */
export function AnnouncementList({
  items,
  timeZone,
  showClass = false,
  limit,
}: {
  items: Announcement[];
  timeZone: string;
  showClass?: boolean;
  limit?: number;
}) {
  const { t } = useTranslation('learning');
  const shown = limit ? items.slice(0, limit) : items;
  if (shown.length === 0) return <p>{t('announcements.none')}</p>;
  return (
    <ul className="l-ann-list">
      {shown.map((a) => (
        <li key={a.id} className="l-ann">
          <h3 className="l-ann__title">
            {a.title}
            {showClass && <span className="badge">{a.class.name}</span>}
          </h3>
          <p className="l-ann__body">{a.body}</p>
          <p className="muted l-ann__meta">
            {fullName(a.author)} · {shortWhen(t, a.createdAt, timeZone)}
          </p>
        </li>
      ))}
    </ul>
  );
}
