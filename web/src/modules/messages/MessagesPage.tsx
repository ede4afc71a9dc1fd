import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../ui/feedback.js';
import { Pager } from '../../ui/Pager.js';
import { useTitle } from '../../ui/useTitle.js';
import { meQuery } from '../identity/api.js';
import { dateTimeText } from '../duty/days.js';
import { threadsQuery, type ThreadSummary } from './api.js';
import { canWrite } from './roles.js';
import './messages.css';

export const THREADS_PAGE_SIZE = 20;

function ThreadItem({ thread, myId }: { thread: ThreadSummary; myId: number }) {
  const { t, i18n } = useTranslation('messages');
  const others = thread.participants
    .filter((p) => p.id !== myId)
    .map((p) => p.name)
    .join(', ');
  return (
    <li>
      <Link to="/messages/$threadId" params={{ threadId: thread.id }} className={`msg-item${thread.unread > 0 ? ' msg-item--unread' : ''}`}>
        <span className="msg-item__head">
          <span className="msg-item__subject">{thread.subject}</span>
          {thread.unread > 0 && <span className="msg-new">{t('unreadBadge', { count: thread.unread })}</span>}
        </span>
        <span className="msg-item__meta" style={{ display: 'block' }}>
          {t('with', { names: others })} · {t('about', { name: thread.pupil.name })} · {dateTimeText(thread.lastMessageAt, i18n.language)}
        </span>
      </Link>
    </li>
  );
}

/** My conversations with the school (or with families), latest first, unread ones marked; a page at a time. */
export function MessagesPage({ page, onPage }: { page: number; onPage: (page: number) => void }) {
  const { t } = useTranslation(['messages', 'common']);
  useTitle(t('title'));
  const me = useQuery(meQuery).data;
  const threads = useQuery(threadsQuery);
  return (
    <>
      <nav aria-label={t('common:app.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/">{t('common:app.home')}</Link>
          </li>
        </ol>
      </nav>
      <h1>{t('title')}</h1>
      <div className="msg-actions">
        {me && canWrite(me) && (
          <Link to="/messages/new" search={{}} className="button">
            {t('newThread')}
          </Link>
        )}
        <Link to="/messages/announcements">{t('announcements.link')}</Link>
      </div>
      <QueryView query={threads}>
        {(data) => {
          if (data.items.length === 0) return <p>{t('none')}</p>;
          const pages = Math.max(1, Math.ceil(data.items.length / THREADS_PAGE_SIZE));
          const current = Math.min(page, pages);
          const shown = data.items.slice((current - 1) * THREADS_PAGE_SIZE, current * THREADS_PAGE_SIZE);
          return (
            <>
              <p role="status">{data.unread > 0 ? t('unreadTotal', { count: data.unread }) : t('allRead')}</p>
              <ul className="plain-list msg-list">
                {shown.map((thread) => (
                  <ThreadItem key={thread.id} thread={thread} myId={me?.person.id ?? 0} />
                ))}
              </ul>
              <Pager page={current} pageSize={THREADS_PAGE_SIZE} total={data.items.length} onChange={onPage} />
              {data.items.length >= 100 && <p className="muted">{t('listHint')}</p>}
            </>
          );
        }}
      </QueryView>
    </>
  );
}
