import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { unreadCountQuery } from './api.js';
import '../formats/fd.css';

/** The header's link to the notifications, with the unread count (one small request, cached for minutes). */
export function NotificationsLink() {
  const { t } = useTranslation('notifications');
  const unread = useQuery(unreadCountQuery).data ?? 0;
  return (
    <Link to="/notifications" search={{}} aria-label={unread > 0 ? t('linkUnread', { count: unread }) : undefined}>
      {t('link')}
      {unread > 0 && <span className="fd-count" aria-hidden="true">{unread > 99 ? '99+' : unread}</span>}
    </Link>
  );
}
