import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { unreadCountQuery } from './api.js';
import '../formats/fd.css';

/** The header's link to the notifications, with the unread count (one small request, cached for minutes). */
export function NotificationsLink() {
  // the shell's strings: the notifications' own namespace is fetched only by their pages (i18n.ts)
  const { t } = useTranslation('common');
  const unread = useQuery(unreadCountQuery).data ?? 0;
  return (
    // the accessible name starts with what is visible ("Notifications 3"), then says what the number is
    <Link to="/notifications" search={{}}>
      {t('app.notifications')}
      {unread > 0 && (
        <>
          {' '}
          <span className="fd-count">{unread > 99 ? '99+' : unread}</span>
          <span className="visually-hidden"> {t('app.unreadAfterCount', { count: unread })}</span>
        </>
      )}
    </Link>
  );
}
