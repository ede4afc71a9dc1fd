import { useTranslation } from 'react-i18next';
import { dateTimeText } from '../duty/days.js';
import type { SchoolAnnouncement } from './api.js';

/** One school-wide announcement: title, text, who wrote it and when. */
export function AnnouncementItem({ a }: { a: SchoolAnnouncement }) {
  const { t, i18n } = useTranslation('messages');
  return (
    <article className="msg-announcement">
      <h3>{a.title}</h3>
      <p className="msg-announcement__body">{a.body}</p>
      <p className="muted">{t('announcements.by', { name: a.author.name, time: dateTimeText(a.createdAt, i18n.language) })}</p>
    </article>
  );
}
