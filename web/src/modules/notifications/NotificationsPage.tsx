import { useRef } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { Pager } from '../../ui/Pager.js';
import { useTitle } from '../../ui/useTitle.js';
import { dateTimeText } from '../duty/days.js';
import { markAllRead, markRead, notificationsQuery, type AppNotification } from './api.js';
import { notificationText, type NotificationLink } from './notification-text.js';
import './notifications.css';

function LinkTo({ link, children }: { link: NonNullable<NotificationLink>; children: string }) {
  if (link.to === '/duty') return <Link to="/duty">{children}</Link>;
  if (link.to === '/me') return <Link to="/me">{children}</Link>;
  if (link.to === '/messages/$threadId')
    return (
      <Link to="/messages/$threadId" params={{ threadId: link.threadId }}>
        {children}
      </Link>
    );
  if (link.to === '/messages/announcements') return <Link to="/messages/announcements">{children}</Link>;
  if (link.to === '/analytics/reports') return <Link to="/analytics/reports">{children}</Link>;
  if (link.to === '/access/pass') return <Link to="/access/pass">{children}</Link>;
  if (link.to === '/live/meetings') return <Link to="/live/meetings">{children}</Link>;
  if (link.to === '/supplies') return <Link to="/supplies">{children}</Link>;
  if (link.to === '/quality/organisations/$organisationId/years/$yearId')
    return (
      <Link to="/quality/organisations/$organisationId/years/$yearId" params={{ organisationId: link.organisationId, yearId: link.yearId }}>
        {children}
      </Link>
    );
  if (link.to === '/live/broadcasts/$broadcastId')
    return (
      <Link to="/live/broadcasts/$broadcastId" params={{ broadcastId: link.broadcastId }}>
        {children}
      </Link>
    );
  if (link.to === '/access/health/$organisationId')
    return (
      <Link to="/access/health/$organisationId" params={{ organisationId: link.organisationId }}>
        {children}
      </Link>
    );
  if (link.to === '/transfers/organisations/$organisationId')
    return (
      <Link to="/transfers/organisations/$organisationId" params={{ organisationId: link.organisationId }}>
        {children}
      </Link>
    );
  if (link.to === '/classes/$classId')
    return (
      <Link to="/classes/$classId" params={{ classId: link.classId }}>
        {children}
      </Link>
    );
  return (
    <Link to="/organisations/$organisationId" params={{ organisationId: link.organisationId }}>
      {children}
    </Link>
  );
}

function Item({ n }: { n: AppNotification }) {
  const { t, i18n } = useTranslation('notifications');
  const queryClient = useQueryClient();
  const read = useMutation({
    mutationFn: () => markRead(n.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const { text, link } = notificationText(n, i18n);
  const unread = n.readAt === null;
  return (
    <li className={`notification${unread ? ' notification--unread' : ''}`}>
      <p className="notification__text">
        {unread && <span className="fd-tag fd-tag--new">{t('unread')}</span>} {text}
      </p>
      <p className="notification__meta">
        <span className="muted">{dateTimeText(n.createdAt, i18n.language)}</span>
        {link && <LinkTo link={link}>{t('open')}</LinkTo>}
        {unread && (
          <button type="button" className="button button--quiet" disabled={read.isPending} onClick={() => read.mutate()}>
            {t('markRead')}
          </button>
        )}
      </p>
      {read.isError && <ErrorNotice error={read.error} />}
    </li>
  );
}

/** The person's in-app notifications (format changes, duty places), newest first, a page at a time. */
export function NotificationsPage({ page, onPage }: { page: number; onPage: (page: number) => void }) {
  const { t } = useTranslation(['notifications', 'common']);
  useTitle(t('title'));
  const queryClient = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useQuery(notificationsQuery(page));
  const all = useMutation({
    mutationFn: markAllRead,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  return (
    <>
      <nav aria-label={t('common:app.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/">{t('common:app.home')}</Link>
          </li>
        </ol>
      </nav>
      <h1 ref={heading} tabIndex={-1}>
        {t('title')}
      </h1>
      <p>
        <Link to="/notifications/settings">{t('settings.link')}</Link>
      </p>
      <QueryView query={list}>
        {(data) =>
          data.total === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <>
              <div className="notifications__head">
                <p>{t('unreadCount', { count: data.unread })}</p>
                {data.unread > 0 && (
                  <button type="button" className="button button--secondary" disabled={all.isPending} onClick={() => all.mutate()}>
                    {t('markAll')}
                  </button>
                )}
              </div>
              {all.isError && <ErrorNotice error={all.error} />}
              <ul className="plain-list notifications" aria-busy={list.isPlaceholderData}>
                {data.items.map((n) => (
                  <Item key={n.id} n={n} />
                ))}
              </ul>
              <Pager
                page={data.page}
                pageSize={data.pageSize}
                total={data.total}
                busy={list.isPlaceholderData}
                onChange={(p) => {
                  onPage(p);
                  heading.current?.focus();
                }}
              />
            </>
          )
        }
      </QueryView>
    </>
  );
}
