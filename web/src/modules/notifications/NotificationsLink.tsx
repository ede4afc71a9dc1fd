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
    // the accessible name starts with what is visible ("Notifications 3"), then says what the number is
    <Link to="/notifications" search={{}}>
      {t('link')}
      {unread > 0 && (
        <>
          {' '}
          <span className="fd-count">{unread > 99 ? '99+' : unread}</span>
          <span className="visually-hidden"> {t('unreadAfterCount', { count: unread })}</span>
        </>
      )}
    </Link>
  );
}
